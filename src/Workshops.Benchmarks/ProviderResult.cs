namespace Workshops.Benchmarks;

/// <summary>What one provider's run measured and whether its counts were exact.</summary>
internal sealed record ProviderResult
{
    public required string Provider { get; init; }

    public int Voters { get; init; }

    public double WindowSeconds { get; init; }

    /// <summary>Acknowledged vote changes (casts and take-backs) completed inside the window.</summary>
    public long AcksInWindow { get; init; }

    public double VotesPerSecond => WindowSeconds > 0 ? AcksInWindow / WindowSeconds : 0;

    /// <summary>Length of the window's first and last stretch counted apart.</summary>
    public double EdgeSeconds { get; init; }

    public long AcksInFirstEdge { get; init; }

    public long AcksInLastEdge { get; init; }

    public double FirstEdgeVotesPerSecond => EdgeSeconds > 0 ? AcksInFirstEdge / EdgeSeconds : double.NaN;

    public double LastEdgeVotesPerSecond => EdgeSeconds > 0 ? AcksInLastEdge / EdgeSeconds : double.NaN;

    /// <summary>The last stretch's votes/s over the first's: 1 when throughput holds up over the window.</summary>
    public double LastOverFirst => AcksInFirstEdge > 0 ? (double)AcksInLastEdge / AcksInFirstEdge : double.NaN;

    /// <summary>What the event log store was handed inside the window (appends, entries, payload bytes, snapshots).</summary>
    public Workshops.Storage.EventLogCounts Log { get; init; }

    /// <summary>Event log payload bytes (entries and snapshots) per acknowledged vote; NaN while nothing uses the log.</summary>
    public double LogBytesPerVote => AcksInWindow > 0 && Log.Appends + Log.Snapshots > 0 ? (double)Log.BytesWritten / AcksInWindow : double.NaN;

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    /// <summary>Writes of the workshop state inside the window.</summary>
    public long WritesInWindow { get; init; }

    public double VotesPerWrite => WritesInWindow > 0 ? (double)AcksInWindow / WritesInWindow : double.NaN;

    /// <summary>Mean time of one write of the workshop state inside the window.</summary>
    public double MeanWriteMs { get; init; }

    /// <summary>Size of the stored workshop state at the end (what each write carries).</summary>
    public long StateBytes { get; init; }

    /// <summary>Best time to serialize that state once, as the provider does on each write.</summary>
    public double SerializeMs { get; init; }

    public long TotalCasts { get; init; }

    public long TotalRetracts { get; init; }

    public IReadOnlyDictionary<string, int> Errors { get; init; } = new Dictionary<string, int>();

    public int UnknownOutcomes { get; init; }

    /// <summary>Every idea's tally in the export equals the net of the acknowledged receipts.</summary>
    public bool TalliesExact { get; init; }

    /// <summary>Every voter's own votes (snapshot) equal its receipts, within budget.</summary>
    public bool VotersExact { get; init; }

    /// <summary>Null when not checked (memory); else: a fresh silo read the same tallies from storage.</summary>
    public bool? DurableExact { get; init; }

    public long ExportedVotes { get; init; }

    public double ProcessCores { get; init; }

    /// <summary>CPU microseconds this process spent per acknowledged vote inside the window.</summary>
    public double CpuMicrosecondsPerVote => AcksInWindow > 0 ? ProcessCores * WindowSeconds * 1e6 / AcksInWindow : double.NaN;

    public double MachineCores { get; init; }

    public double LoadAverage { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Exact => TalliesExact && VotersExact && DurableExact != false && UnknownOutcomes == 0;
}
