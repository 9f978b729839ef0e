using System.Collections.Concurrent;
using Orleans.Storage;
using Workshops.Contracts;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>
/// Wraps the memory grain storage and the memory event log store: counts writes per grain, can
/// hold a grain's next write at a barrier, and can make a grain's writes fail as an unreachable
/// storage account would. A workshop grain writes appends and snapshots to its log stream
/// ("workshop/" + its key); they count, wait and fail as its writes.
/// </summary>
public sealed class ControllableGrainStorage(IGrainStorage inner, IEventLogStore innerLog) : IGrainStorage, IEventLogStore
{
    private readonly ConcurrentDictionary<string, int> _appends = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _snapshots = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<GrainId, int> _writes = new();
    private readonly ConcurrentDictionary<(GrainId, string), int> _stateWrites = new();
    private readonly ConcurrentDictionary<GrainId, bool> _failing = new();
    private readonly ConcurrentDictionary<GrainId, WriteGate> _gates = new();

    public int WritesOf(GrainId grainId) => _writes.GetValueOrDefault(grainId) + _appends.GetValueOrDefault(StreamOf(grainId));

    /// <summary>Snapshots written to a workshop grain's log.</summary>
    public int SnapshotsOf(GrainId grainId) => _snapshots.GetValueOrDefault(StreamOf(grainId));

    /// <summary>What a workshop grain's log holds right now, read around the grain.</summary>
    public Task<EventLogRead> ReadLogAsync(GrainId grainId) => innerLog.ReadAsync(StreamOf(grainId));

    /// <summary>Whether a workshop grain's log holds anything (its removal deletes the stream).</summary>
    public async Task<bool> HoldsLogAsync(GrainId grainId) => !(await ReadLogAsync(grainId)).IsEmpty;

    private static string StreamOf(GrainId grainId) => "workshop/" + grainId.Key;

    private static GrainId? GrainOf(string streamId) =>
        streamId.StartsWith("workshop/", StringComparison.Ordinal) ? GrainId.Create("workshop", streamId["workshop/".Length..]) : null;

    /// <summary>Successful writes of one named state of a grain (a grain may keep several).</summary>
    public int WritesOf(GrainId grainId, string stateName) => _stateWrites.GetValueOrDefault((grainId, stateName));

    /// <summary>While on, every write of this grain throws and stores nothing.</summary>
    public void FailWrites(GrainId grainId, bool fail)
    {
        if (fail)
        {
            _failing[grainId] = true;
        }
        else
        {
            _failing.TryRemove(grainId, out _);
        }
    }

    /// <summary>The next write of this grain waits at the returned gate until it is opened.</summary>
    public WriteGate HoldNextWrite(GrainId grainId)
    {
        var gate = new WriteGate();
        _gates[grainId] = gate;
        return gate;
    }

    /// <summary>What storage holds for a grain right now, read around the grain.</summary>
    public async Task<T> ReadStoredAsync<T>(string stateName, GrainId grainId)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await inner.ReadStateAsync(stateName, grainId, state);
        return state.State ?? new T();
    }

    /// <summary>Whether storage holds a record for the grain at all (ClearStateAsync removes it).</summary>
    public async Task<bool> HoldsAsync<T>(string stateName, GrainId grainId)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await inner.ReadStateAsync(stateName, grainId, state);
        return state.RecordExists;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_gates.TryRemove(grainId, out var gate))
        {
            gate.MarkReached();
            await gate.Opened;
        }

        if (_failing.ContainsKey(grainId))
        {
            throw new IOException($"test storage refuses writes of {grainId}");
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
        _writes.AddOrUpdate(grainId, 1, (_, count) => count + 1);
        _stateWrites.AddOrUpdate((grainId, stateName), 1, (_, count) => count + 1);
    }

    public Task<EventLogRead> ReadAsync(string streamId, CancellationToken cancellationToken = default) =>
        innerLog.ReadAsync(streamId, cancellationToken);

    public async Task<bool> AppendAsync(string streamId, long expectedVersion, IReadOnlyList<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(streamId);
        var appended = await innerLog.AppendAsync(streamId, expectedVersion, entries, cancellationToken);
        if (appended)
        {
            _appends.AddOrUpdate(streamId, 1, (_, count) => count + 1);
        }

        return appended;
    }

    public async Task WriteSnapshotAsync(string streamId, long version, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(streamId);
        await innerLog.WriteSnapshotAsync(streamId, version, snapshot, cancellationToken);
        _snapshots.AddOrUpdate(streamId, 1, (_, count) => count + 1);
    }

    public Task DeleteAsync(string streamId, CancellationToken cancellationToken = default) =>
        innerLog.DeleteAsync(streamId, cancellationToken);

    private async Task BeforeWriteAsync(string streamId)
    {
        if (GrainOf(streamId) is not { } grainId)
        {
            return;
        }

        if (_gates.TryRemove(grainId, out var gate))
        {
            gate.MarkReached();
            await gate.Opened;
        }

        if (_failing.ContainsKey(grainId))
        {
            throw new IOException($"test storage refuses writes of {grainId}");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
