using System.Diagnostics;
using Orleans.Runtime;
using Orleans.Storage;

namespace Workshops.Benchmarks;

/// <summary>
/// Wraps the configured grain storage to count the writes of the workshop state: votes divided
/// by writes is the group commit's batch size. Forwards the silo lifecycle, which the SQLite
/// provider uses to start and stop its writer thread.
/// </summary>
internal sealed class WriteCountingStorage(IGrainStorage inner, WriteStats stats, string countedState)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (string.Equals(stateName, countedState, StringComparison.Ordinal))
        {
            stats.Record(Stopwatch.GetTimestamp() - started);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) =>
        (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
