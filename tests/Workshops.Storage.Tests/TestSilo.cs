using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Workshops.Testing;

namespace Workshops.Storage.Tests;

/// <summary>Starts a real silo (generic host, localhost clustering on free ports) with the Workshops storage.</summary>
public static class TestSilo
{
    /// <summary>Builds a silo host from <paramref name="settings"/> without starting it.</summary>
    /// <param name="settings">Configuration keys, e.g. <c>Workshops:Storage:Provider</c>.</param>
    /// <returns>The host.</returns>
    public static IHost Build(IReadOnlyDictionary<string, string?> settings)
    {
        // No default sources: the machine's environment must not change which store a test uses.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort.Get(), gatewayPort: FreePort.Get())
            .AddWorkshopStorage(builder.Configuration));
        return builder.Build();
    }

    /// <summary>Builds and starts a silo host.</summary>
    /// <param name="settings">Configuration keys.</param>
    /// <returns>The started host.</returns>
    public static async Task<IHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = Build(settings);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops a host cleanly (grains deactivate, storage closes) and disposes it.</summary>
    /// <param name="host">The host.</param>
    /// <returns>A task that completes when the host is gone.</returns>
    public static async Task StopAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            await host.StopAsync();
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
