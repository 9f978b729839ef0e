using System.Collections.Concurrent;
using Workshops.Contracts;

namespace Workshops.Storage;

/// <summary>Event logs in process memory, for tests and demos: lost on restart.</summary>
/// <param name="statistics">Where appends and snapshots are counted.</param>
public sealed class MemoryEventLogStore(EventLogStatistics statistics) : IEventLogStore
{
    private readonly ConcurrentDictionary<string, MemoryEventStream> _streams = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<EventLogRead> ReadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            return Task.FromResult(new EventLogRead(0, null, []));
        }

        lock (stream)
        {
            ReadOnlyMemory<byte>? snapshot = stream.Snapshot is { } bytes ? new ReadOnlyMemory<byte>(bytes) : (ReadOnlyMemory<byte>?)null;
            return Task.FromResult(new EventLogRead(stream.SnapshotVersion, snapshot, [.. stream.Entries.Select(e => (ReadOnlyMemory<byte>)e)]));
        }
    }

    /// <inheritdoc />
    public Task<bool> AppendAsync(string streamId, long expectedVersion, IReadOnlyList<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var stream = _streams.GetOrAdd(streamId, _ => new MemoryEventStream());
        lock (stream)
        {
            if (stream.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            foreach (var entry in entries)
            {
                stream.Entries.Add(entry.ToArray());
            }
        }

        statistics.RecordAppend(entries);
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(string streamId, long version, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        var stream = _streams.GetOrAdd(streamId, _ => new MemoryEventStream());
        lock (stream)
        {
            if (stream.Snapshot is null || version >= stream.SnapshotVersion)
            {
                var forget = (int)Math.Clamp(version - stream.SnapshotVersion, 0, stream.Entries.Count);
                stream.Entries.RemoveRange(0, forget);
                stream.SnapshotVersion = version;
                stream.Snapshot = snapshot.ToArray();
            }
        }

        statistics.RecordSnapshot(snapshot.Length);
        return Task.CompletedTask;
    }

    /// <summary>The entries the store still holds for a stream, whatever the snapshot says (for tests of forgetting).</summary>
    internal IReadOnlyList<byte[]> HeldEntries(string streamId)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            return [];
        }

        lock (stream)
        {
            return [.. stream.Entries];
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        if (_streams.TryRemove(streamId, out var stream))
        {
            lock (stream)
            {
                stream.Entries.Clear();
                stream.Snapshot = null;
                stream.SnapshotVersion = 0;
            }
        }

        return Task.CompletedTask;
    }
}
