namespace Workshops.Contracts;

/// <summary>What <see cref="IEventLogStore.ReadAsync"/> found.</summary>
/// <param name="SnapshotVersion">The version the snapshot stands for; 0 with no snapshot.</param>
/// <param name="Snapshot">The snapshot's bytes; null when the stream has none.</param>
/// <param name="Entries">The entries after the snapshot, versions SnapshotVersion + 1...</param>
public sealed record EventLogRead(long SnapshotVersion, ReadOnlyMemory<byte>? Snapshot, IReadOnlyList<ReadOnlyMemory<byte>> Entries)
{
    /// <summary>The stream's last version.</summary>
    public long Version => SnapshotVersion + Entries.Count;

    /// <summary>True when the stream holds nothing.</summary>
    public bool IsEmpty => Snapshot is null && Entries.Count == 0;
}
