using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workshops.Contracts;
using Workshops.Server.Auth;
using Workshops.Server.Hosting;

namespace Workshops.Server.Realtime;

/// <summary>
/// The hub's one filter, around every hub method:
/// <list type="number">
/// <item>the token must still be honoured (the connection was opened with it, perhaps hours ago;
/// a revoked one answers <c>unauthorized</c> and the sweep closes the connection); it is read once,
/// when the connection opens;</item>
/// <item>the call must be within its person's rate (a token bucket per participant or staff seat,
/// <c>rate_limited</c> when spent);</item>
/// <item>a refusal becomes a HubException whose message starts with its code ("wrong_phase: voting
/// is closed"), and a cluster or storage failure becomes <c>unavailable</c>, the contract's hub
/// error format in one place. (SignalR awaits the hub method inside the filter pipeline, so the
/// filter sees the method's own exceptions.)</item>
/// </list>
/// One filter rather than three: each filter is another async frame on every vote.
/// </summary>
public sealed partial class WorkshopHubFilter : IHubFilter, IDisposable
{
    private static readonly object TokenItem = new();

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TokenCheck _check;
    private readonly ILogger<WorkshopHubFilter> _logger;

    public WorkshopHubFilter(IOptions<WorkshopsOptions> options, TokenCheck check, ILogger<WorkshopHubFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _check = check;
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

    /// <summary>The token the connection was opened with (null without one).</summary>
    public static VerifiedToken? TokenOf(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Items.TryGetValue(TokenItem, out var token) ? (VerifiedToken?)token : VerifiedToken.From(connection.User);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.Context.Items[TokenItem] = VerifiedToken.From(context.Context.User);
        return next(context);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            var token = TokenOf(invocationContext.Context);
            if (!await _check.IsHonouredAsync(token))
            {
                throw new HubException(ErrorCodes.Unauthorized + ": the token was revoked (its key was replaced or its event deleted); sign in again");
            }

            using (var lease = _limiter.AttemptAcquire(token?.ActorKey ?? invocationContext.Context.ConnectionId))
            {
                if (!lease.IsAcquired)
                {
                    throw new HubException(ErrorCodes.RateLimited + ": too many calls; slow down");
                }
            }

            return await next(invocationContext);
        }
        catch (WorkshopException ex)
        {
            throw new HubException(ex.Code + ": " + ex.Message);
        }
        catch (Exception ex) when (ex is not HubException && TransientFailure.Is(ex))
        {
            LogUnavailable(_logger, ex, invocationContext.HubMethodName);
            throw new HubException(ErrorCodes.Unavailable + ": the cluster did not answer in time; try again");
        }
        catch (Exception ex) when (ex is not HubException)
        {
            // SignalR's own "Failed to invoke hub method" log is turned down in appsettings.json:
            // it logs every refusal as an error. A real failure is logged here instead.
            LogFailed(_logger, ex, invocationContext.HubMethodName);
            throw;
        }
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(1, LogLevel.Warning, "Hub method {Method} failed: cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception error, string method);

    [LoggerMessage(2, LogLevel.Error, "Hub method {Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string method);
}
