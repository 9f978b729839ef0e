using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Workshops.Contracts;
using Workshops.Storage;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo for the whole suite: memory storage and a memory event log behind a
/// controllable decorator registered as the "workshops" provider and the workshop log, and a fake clock so that timers (tally flush,
/// subscription expiry) move only when a test says so.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const string InnerStorageName = "workshops-memory";

    private InProcessTestCluster? _cluster;

    /// <summary>Starts at a fixed instant so that timestamps are exact.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2021, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not started");

    public IClusterClient Client => Cluster.Client;

    public ControllableGrainStorage Storage { get; private set; } = null!;

    /// <summary>
    /// Waits until the grain's current activation, if any, is gone: after a failed write every
    /// activation that took a call is broken and deactivates once idle.
    /// </summary>
    public Task DeactivatedAsync(GrainId grainId) =>
        Cluster.WaitForDeactivationAsync(grainId).WaitAsync(TimeSpan.FromSeconds(15));

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            // As the host registers it: state kept by the Orleans serializer. (Orleans' default JSON
            // storage serializer drops default values, which turns anonymousIdeas=false back to true.)
            silo.AddMemoryGrainStorage(InnerStorageName, options => options.Configure<Serializer>(
                (memory, serializer) => memory.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton(services => new ControllableGrainStorage(
                services.GetRequiredKeyedService<IGrainStorage>(InnerStorageName), new MemoryEventLogStore(new EventLogStatistics())));
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Workshops, (services, _) => services.GetRequiredService<ControllableGrainStorage>());
            silo.Services.AddSingleton<IEventLogStore>(services => services.GetRequiredService<ControllableGrainStorage>());
            silo.AddCustomStorageBasedLogConsistencyProvider(StorageNames.WorkshopLog);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        Storage = (ControllableGrainStorage)_cluster.GetSiloServiceProvider()
            .GetRequiredKeyedService<IGrainStorage>(StorageNames.Workshops);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
