using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Workshops.Server.Hosting;

namespace Workshops.Server.Api;

/// <summary>
/// Join codes are short, so guessing must be slow: every address has a budget of joins per
/// minute (a hall's Wi-Fi may put many phones behind one address, so it is generous) and a much
/// smaller budget of wrong codes.
/// </summary>
public sealed class JoinGuard : IDisposable
{
    private readonly PartitionedRateLimiter<string> _joins;
    private readonly PartitionedRateLimiter<string> _wrongCodes;

    public JoinGuard(IOptions<WorkshopsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _joins = PerMinute(options.Value.JoinsPerMinute);
        _wrongCodes = PerMinute(options.Value.WrongCodesPerMinute);
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, permits),
            TokensPerPeriod = Math.Max(1, permits / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>False when this address must wait: too many joins, or too many wrong codes.</summary>
    public bool TryEnter(string address)
    {
        if (_wrongCodes.GetStatistics(address)?.CurrentAvailablePermits is <= 0)
        {
            return false;
        }

        using var lease = _joins.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void WrongCode(string address)
    {
        using var lease = _wrongCodes.AttemptAcquire(address);
    }

    public void Dispose()
    {
        _joins.Dispose();
        _wrongCodes.Dispose();
    }
}
