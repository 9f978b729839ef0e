using Microsoft.AspNetCore.SignalR;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// The contract's hub error format, in one place for every hub method: a refusal becomes a
/// HubException whose message starts with its code ("wrong_phase: voting is closed"), and a
/// cluster or storage failure becomes <c>unavailable</c>. Registered first, so that it also
/// translates what the other filters throw. (SignalR awaits the hub method inside the filter
/// pipeline, so a filter sees the method's own exceptions.)
/// </summary>
public sealed partial class ContractErrorHubFilter(ILogger<ContractErrorHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (WorkshopException ex)
        {
            throw new HubException(ex.Code + ": " + ex.Message);
        }
        catch (Exception ex) when (ex is not HubException && Hosting.TransientFailure.Is(ex))
        {
            LogUnavailable(logger, ex, invocationContext.HubMethodName);
            throw new HubException(ErrorCodes.Unavailable + ": the cluster did not answer in time; try again");
        }
        catch (Exception ex) when (ex is not HubException)
        {
            // SignalR's own "Failed to invoke hub method" log is turned down in appsettings.json:
            // it logs every refusal as an error. A real failure is logged here instead.
            LogFailed(logger, ex, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Hub method {Method} failed: cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception error, string method);

    [LoggerMessage(2, LogLevel.Error, "Hub method {Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string method);
}
