namespace Workshops.Storage;

/// <summary>Where the next append of a stream goes: its current log generation as last seen.</summary>
/// <param name="Generation">The blob name of the generation.</param>
/// <param name="Exists">Whether the blob exists (a new stream's first generation is created by its first append).</param>
/// <param name="Length">The blob's length: the append position an append must find.</param>
/// <param name="BlockCount">The blocks it holds.</param>
/// <param name="LastVersion">The stream's last version.</param>
internal sealed record AzureEventLogTail(string Generation, bool Exists, long Length, int BlockCount, long LastVersion);
