using Microsoft.AspNetCore.SignalR;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// The contract's hub error format: a HubException whose message starts with the code
/// ("wrong_phase: voting is closed"). SignalR awaits a hub method's task after its filters
/// have run, so the translation wraps the call itself.
/// </summary>
internal static partial class HubErrors
{
    public static async Task<T> Translate<T>(Func<Task<T>> call, ILogger logger, string method)
    {
        try
        {
            return await call();
        }
        catch (WorkshopException ex)
        {
            throw new HubException(ex.Code + ": " + ex.Message);
        }
        catch (Exception ex) when (Hosting.TransientFailure.Is(ex))
        {
            LogUnavailable(logger, ex, method);
            throw new HubException(ErrorCodes.Unavailable + ": the cluster did not answer in time; try again");
        }
    }

    public static Task Translate(Func<Task> call, ILogger logger, string method) =>
        Translate(async () =>
        {
            await call();
            return true;
        }, logger, method);

    [LoggerMessage(1, LogLevel.Warning, "Hub method {Method} failed: cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception error, string method);
}
