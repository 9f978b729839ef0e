using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workshops.Contracts;
using Workshops.Server.Auth;
using Workshops.Server.Hosting;

namespace Workshops.Server.Realtime;

/// <summary>
/// Every hub call passes a per-person rate limit first (token bucket per participant or staff
/// seat), answering <c>rate_limited</c> when it is spent.
/// </summary>
public sealed class HubRateLimitFilter : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public HubRateLimitFilter(IOptions<WorkshopsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
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

        return await next(invocationContext);
    }

    public void Dispose() => _limiter.Dispose();
}
