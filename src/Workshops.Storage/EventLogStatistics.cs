namespace Workshops.Storage;

/// <summary>
/// Counts what the event log store writes (one singleton per silo, shared by every stream), so a
/// benchmark can report bytes written per vote. Payload bytes only: framing and indexes are the store's.
/// </summary>
public sealed class EventLogStatistics
{
    private long _appends;
    private long _entries;
    private long _entryBytes;
    private long _snapshots;
    private long _snapshotBytes;

    /// <summary>Returns the counts so far.</summary>
    /// <returns>The counts.</returns>
    public EventLogCounts Read() => new(
        Interlocked.Read(ref _appends),
        Interlocked.Read(ref _entries),
        Interlocked.Read(ref _entryBytes),
        Interlocked.Read(ref _snapshots),
        Interlocked.Read(ref _snapshotBytes));

    /// <summary>Counts one successful append.</summary>
    /// <param name="entries">The entries it stored.</param>
    public void RecordAppend(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        long bytes = 0;
        foreach (var entry in entries)
        {
            bytes += entry.Length;
        }

        Interlocked.Increment(ref _appends);
        Interlocked.Add(ref _entries, entries.Count);
        Interlocked.Add(ref _entryBytes, bytes);
    }

    /// <summary>Counts one stored snapshot.</summary>
    /// <param name="bytes">Its size.</param>
    public void RecordSnapshot(long bytes)
    {
        Interlocked.Increment(ref _snapshots);
        Interlocked.Add(ref _snapshotBytes, bytes);
    }
}
