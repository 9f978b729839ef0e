namespace Workshops.Storage;

/// <summary>One stream of <see cref="MemoryEventLogStore"/>; guarded by locking the instance.</summary>
internal sealed class MemoryEventStream
{
    public long SnapshotVersion { get; set; }

    public byte[]? Snapshot { get; set; }

    public List<byte[]> Entries { get; } = [];

    /// <summary>Gets the last version: the snapshot's plus the entries after it.</summary>
    public long Version => SnapshotVersion + Entries.Count;
}
