namespace Workshops.Storage;

/// <summary>
/// One record of an append blob: a batch of entries (one append), or the link to the next log
/// generation (the blob's last record).
/// </summary>
/// <param name="BatchId">The appender's id for the batch (to recognise its own write after a lost reply).</param>
/// <param name="FirstVersion">The version of the first entry.</param>
/// <param name="Entries">The entries, versions <paramref name="FirstVersion"/>, + 1...</param>
/// <param name="NextGeneration">For a link: the blob name of the next generation; else null.</param>
internal sealed record AzureEventLogRecord(Guid BatchId, long FirstVersion, IReadOnlyList<ReadOnlyMemory<byte>> Entries, string? NextGeneration);
