using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Workshops.Contracts;

namespace Workshops.Cluster.Tests;

/// <summary>
/// An Orleans client of an Azure-Table cluster, asking the management grain which silo holds a
/// workshop's grain: the fault test kills the server that holds the most of them.
/// </summary>
internal sealed class GrainLocator : IAsyncDisposable
{
    private readonly IHost _host;

    private GrainLocator(IHost host) => _host = host;

    public static async Task<GrainLocator> ConnectAsync(string connectionString, string clusterId)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(connectionString));
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = clusterId;
                });
            })
            .Build();
        await host.StartAsync();
        return new GrainLocator(host);
    }

    /// <summary>The silo port of the server holding the workshop's activation, or null when it is not active.</summary>
    public async Task<int?> SiloPortOfAsync(string workshopId)
    {
        var client = _host.Services.GetRequiredService<IClusterClient>();
        var address = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(client.GetGrain<IWorkshopGrain>(workshopId));
        return address?.Endpoint.Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
