using Azure;

namespace Workshops.Storage;

/// <summary>A stream as read from the blobs: the snapshot, the batches after it, and the tail generation.</summary>
/// <param name="SnapshotVersion">The snapshot's version; 0 without one.</param>
/// <param name="Snapshot">The snapshot's bytes, or null.</param>
/// <param name="SnapshotETag">The snapshot blob's ETag, or null when there is none.</param>
/// <param name="Batches">The batches holding entries after the snapshot, in order, trimmed to those entries.</param>
/// <param name="BatchIds">The ids of every batch read (including forgotten parts), to recognise one's own write.</param>
/// <param name="Tail">The current generation.</param>
internal sealed record AzureEventLogChain(
    long SnapshotVersion,
    ReadOnlyMemory<byte>? Snapshot,
    ETag? SnapshotETag,
    IReadOnlyList<AzureEventLogRecord> Batches,
    IReadOnlySet<Guid> BatchIds,
    AzureEventLogTail Tail)
{
    /// <summary>Gets the entries after the snapshot, in version order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Entries => [.. Batches.SelectMany(b => b.Entries)];
}
