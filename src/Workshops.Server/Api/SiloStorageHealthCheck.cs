using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using Workshops.Storage;

namespace Workshops.Server.Api;

/// <summary>Ready when this server's silo is active and the grain store answers.</summary>
internal sealed class SiloStorageHealthCheck(IStorageHealthProbe storage, ISiloStatusOracle silo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var siloUp = silo.CurrentStatus == SiloStatus.Active;
        bool storageUp;
        try
        {
            storageUp = await storage.CheckAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            storageUp = false;
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["silo"] = silo.CurrentStatus.ToString(),
            ["storage"] = storageUp ? "ok" : "unavailable",
        };
        return siloUp && storageUp
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Unhealthy(siloUp ? "storage does not answer" : "silo is not active", data: data);
    }
}
