using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workshops.Contracts;
using Workshops.Server.Auth;
using Workshops.Server.Hosting;

namespace Workshops.Server.Realtime;

/// <summary>
/// Every hub call: a per-person rate limit first, then the contract's error format — a
/// HubException whose message starts with the code ("wrong_phase: voting is closed").
/// </summary>
public sealed partial class HubErrorFilter : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ILogger<HubErrorFilter> _logger;

    public HubErrorFilter(IOptions<WorkshopsOptions> options, ILogger<HubErrorFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        var perSecond = Math.Max(1, options.Value.HubCallsPerSecond);
        _limiter = PartitionedRateLimiter.Create<string, string>(person => RateLimitPartition.GetTokenBucketLimiter(person, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond * 2,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var person = invocationContext.Context.User.ToCaller()?.ActorKey ?? invocationContext.Context.ConnectionId;
        using var lease = _limiter.AttemptAcquire(person);
        if (!lease.IsAcquired)
        {
            throw new HubException(ErrorCodes.RateLimited + ": too many calls; slow down");
        }

        try
        {
            return await next(invocationContext);
        }
        catch (WorkshopException ex)
        {
            throw new HubException(ex.Code + ": " + ex.Message);
        }
        catch (TimeoutException ex)
        {
            LogFailed(_logger, ex, invocationContext.HubMethodName);
            throw new HubException(ErrorCodes.Unavailable + ": the server did not answer in time; try again");
        }
        catch (Exception ex) when (ex is Orleans.Runtime.OrleansException or Orleans.Runtime.SiloUnavailableException)
        {
            LogFailed(_logger, ex, invocationContext.HubMethodName);
            throw new HubException(ErrorCodes.Unavailable + ": the cluster is unavailable; try again");
        }
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(1, LogLevel.Warning, "Hub method {Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string method);
}
