using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Workshops.Contracts;
using Workshops.Storage;
using Workshops.Testing;

namespace Workshops.Benchmarks;

/// <summary>
/// A real silo in this process: localhost clustering on free loopback ports, the Workshops
/// grains, and the grain storage the configuration names (AddWorkshopStorage), wrapped so that
/// its writes are counted.
/// </summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkSilo(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchmarkSilo> StartAsync(IReadOnlyDictionary<string, string?> configuration, WriteStats stats)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Under load the silo's watchdog warns of CPU starvation on every run; the CPU columns say it better.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Services.AddSingleton(TimeProvider.System);
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Get(), FreePort.Get(), null, clusterId, clusterId);
            silo.AddWorkshopStorage(builder.Configuration);
            // The event grain registers its retention reminder (section 11); memory is enough here.
            silo.UseInMemoryReminderService();
            CountWrites(silo.Services, stats);
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new BenchmarkSilo(host);
    }

    /// <summary>Replaces the keyed registration of the Workshops store with a counting wrapper around it.</summary>
    private static void CountWrites(IServiceCollection services, WriteStats stats)
    {
        var original = services.Single(d => d.ServiceType == typeof(IGrainStorage)
            && d.IsKeyedService
            && Equals(d.ServiceKey, StorageNames.Workshops));
        var factory = original.KeyedImplementationFactory
            ?? throw new InvalidOperationException("The Workshops grain storage is not registered through a factory; cannot count its writes.");
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(
            StorageNames.Workshops,
            (sp, key) => new WriteCountingStorage((IGrainStorage)factory(sp, key), stats, "workshop"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A silo that does not stop in time is disposed anyway; the benchmark must end.
        }

        _host.Dispose();
    }
}
