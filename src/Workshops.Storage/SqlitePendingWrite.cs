namespace Workshops.Storage;

/// <summary>A write or clear waiting for the SQLite writer thread; its caller awaits <see cref="Completion"/>.</summary>
/// <param name="Kind">Write or clear.</param>
/// <param name="StateName">The state name.</param>
/// <param name="GrainId">The grain id, as text.</param>
/// <param name="ExpectedETag">The ETag the caller last saw; null means "no row yet".</param>
/// <param name="NewETag">The ETag the row gets on a write.</param>
/// <param name="Payload">The serialized state on a write.</param>
internal sealed record SqlitePendingWrite(
    SqliteWriteKind Kind,
    string StateName,
    string GrainId,
    string? ExpectedETag,
    string? NewETag,
    byte[]? Payload)
{
    /// <summary>
    /// Gets the completion, set by the writer thread after the commit. Continuations run asynchronously
    /// so that grain code never runs on (and stalls) the writer thread.
    /// </summary>
    public TaskCompletionSource<SqliteWriteOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
