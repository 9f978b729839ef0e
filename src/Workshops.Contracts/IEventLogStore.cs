namespace Workshops.Contracts;

/// <summary>
/// Durable, append-only logs of serialized events, one per stream (a workshop), each with at
/// most one snapshot. The event-sourced workshop grain persists through it; the configured store
/// (SQLite, Azure, memory) implements it. Entries are numbered 1, 2, 3... within a stream; a
/// snapshot at version v stands for entries 1..v, which the store may then forget.
/// </summary>
public interface IEventLogStore
{
    /// <summary>The stream's snapshot (if any) and every entry after it, in order.</summary>
    Task<EventLogRead> ReadAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="entries"/> as versions <paramref name="expectedVersion"/> + 1, + 2...
    /// in one atomic, durable write. Returns false, and writes nothing, when the stream's last
    /// version is not <paramref name="expectedVersion"/> (another writer got there first).
    /// Completes only after the entries are stored.
    /// </summary>
    Task<bool> AppendAsync(string streamId, long expectedVersion, IReadOnlyList<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="snapshot"/> as the state at <paramref name="version"/> (ignored when
    /// a snapshot of a later version is stored) and forgets the entries up to it, so that their
    /// bytes leave the store.
    /// </summary>
    Task WriteSnapshotAsync(string streamId, long version, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default);

    /// <summary>Removes the stream: its entries and its snapshot.</summary>
    Task DeleteAsync(string streamId, CancellationToken cancellationToken = default);
}
