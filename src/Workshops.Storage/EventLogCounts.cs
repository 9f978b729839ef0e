namespace Workshops.Storage;

/// <summary>What <see cref="EventLogStatistics"/> has counted so far; subtract two to get a window.</summary>
/// <param name="Appends">Successful appends (one per group-committed batch).</param>
/// <param name="Entries">Entries appended.</param>
/// <param name="EntryBytes">Payload bytes of those entries.</param>
/// <param name="Snapshots">Snapshots stored.</param>
/// <param name="SnapshotBytes">Payload bytes of those snapshots.</param>
public readonly record struct EventLogCounts(long Appends, long Entries, long EntryBytes, long Snapshots, long SnapshotBytes)
{
    /// <summary>Gets every payload byte handed to the store (entries and snapshots).</summary>
    public long BytesWritten => EntryBytes + SnapshotBytes;

    /// <summary>Returns what was counted between <paramref name="earlier"/> and this.</summary>
    /// <param name="earlier">The earlier reading.</param>
    /// <returns>The difference.</returns>
    public EventLogCounts Since(EventLogCounts earlier) => new(
        Appends - earlier.Appends,
        Entries - earlier.Entries,
        EntryBytes - earlier.EntryBytes,
        Snapshots - earlier.Snapshots,
        SnapshotBytes - earlier.SnapshotBytes);
}
