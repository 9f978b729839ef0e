using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>What each server last reported; in memory, since it is only a live view.</summary>
public sealed class ClusterDirectoryGrain(TimeProvider clock) : Grain, IClusterDirectoryGrain
{
    /// <summary>A server reports every few seconds; one silent for this long is gone.</summary>
    internal static readonly TimeSpan ReportExpiry = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, ServerReport> _servers = new(StringComparer.Ordinal);

    public Task Report(ServerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _servers[report.ServerId] = report with { ReportedAt = clock.GetUtcNow() };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ServerReport>> GetServers()
    {
        var cutoff = clock.GetUtcNow() - ReportExpiry;
        foreach (var stale in _servers.Values.Where(s => s.ReportedAt < cutoff).ToList())
        {
            _servers.Remove(stale.ServerId);
        }

        return Task.FromResult<IReadOnlyList<ServerReport>>([.. _servers.Values.OrderBy(s => s.ServerId, StringComparer.Ordinal)]);
    }
}
