using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workshops.Contracts;
using Workshops.Server.Auth;
using Workshops.Server.Hosting;

namespace Workshops.Server.Realtime;

/// <summary>
/// Whether a hub call may run at all: with a token still honoured (the connection was opened
/// with it, perhaps hours ago; a revoked one answers <c>unauthorized</c> and the sweep closes the
/// connection), and within its person's rate (a token bucket per participant or staff seat,
/// <c>rate_limited</c> when spent). The connection's token is read once, when it connects.
/// A cluster that does not answer here becomes <c>unavailable</c> in
/// <see cref="ContractErrorHubFilter"/>, which runs around this one.
/// </summary>
public sealed class HubCallGate : IHubFilter, IDisposable
{
    private static readonly object TokenItem = new();

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TokenCheck _check;

    public HubCallGate(IOptions<WorkshopsOptions> options, TokenCheck check)
    {
        ArgumentNullException.ThrowIfNull(options);
        _check = check;
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

    public void Dispose() => _limiter.Dispose();
}
