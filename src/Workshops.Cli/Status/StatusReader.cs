using Orleans.Runtime;
using Workshops.Contracts;

namespace Workshops.Cli.Status;

/// <summary>Asks the cluster who is in it: Orleans' management grain and the Workshops directory grain.</summary>
public static class StatusReader
{
    public static async Task<ClusterStatus> ReadAsync(IGrainFactory grains, string clusterId, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: true);
        var statistics = await management.GetSimpleGrainStatistics();
        var reports = (await grains.GetGrain<IClusterDirectoryGrain>(0).GetServers())
            .ToDictionary(r => r.ServerId, StringComparer.Ordinal);

        var servers = hosts
            .OrderBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .Select(host =>
            {
                var id = host.SiloAddress.ToParsableString();
                // A report exists once the server's first 5-second tick has run.
                reports.TryGetValue(id, out var report);
                var inMemory = statistics
                    .Where(s => s.SiloAddress.Equals(host.SiloAddress) && IsWorkshopGrain(s.GrainType))
                    .Sum(s => s.ActivationCount);
                return new ServerStatus(
                    id,
                    host.SiloName,
                    host.HostName,
                    host.Status.ToString(),
                    DateTime.SpecifyKind(host.StartTime, DateTimeKind.Utc),
                    report?.Url,
                    report?.Connections ?? 0,
                    report?.People ?? 0,
                    report?.Workshops ?? [],
                    inMemory,
                    report?.ReportedAt);
            })
            .ToList();

        var totals = new StatusTotals(
            servers.Count,
            servers.Sum(s => s.Connections),
            servers.Sum(s => s.People),
            servers.SelectMany(s => s.LiveWorkshops).Distinct(StringComparer.Ordinal).Count(),
            servers.Sum(s => s.WorkshopsInMemory));
        return new ClusterStatus(clusterId, serviceId, servers, totals);
    }

    /// <summary>
    /// Grain types come as CLR type names ("Workshops.Grains.WorkshopGrain", perhaps with the
    /// assembly after a comma); the CLI does not load the grain classes, so it matches the name.
    /// </summary>
    internal static bool IsWorkshopGrain(string? grainType)
    {
        if (string.IsNullOrEmpty(grainType))
        {
            return false;
        }

        var name = grainType.Split(',')[0].Trim();
        var dot = name.LastIndexOf('.');
        return string.Equals(dot < 0 ? name : name[(dot + 1)..], "WorkshopGrain", StringComparison.Ordinal);
    }
}
