namespace Workshops.LoadTool.Storm;

/// <summary>
/// The exact check: the export's per-idea tallies against the sum of acknowledged receipts.
/// </summary>
public sealed record TallyCheck
{
    /// <summary>Distinct acknowledged votes (one per clientOpId, however often it was re-sent).</summary>
    public long AcknowledgedVotes { get; init; }

    /// <summary>Sum of the export's per-idea tallies.</summary>
    public long ExportedVotes { get; init; }

    /// <summary>Every idea's exported tally equals the acknowledged receipts for it.</summary>
    public bool TalliesEqualAcknowledged { get; init; }

    /// <summary>No idea holds more than was acknowledged for it, and no receipt names an op twice.</summary>
    public bool NoVoteCountedTwice { get; init; }

    /// <summary>No participant has more acknowledged votes than its dots, and no receipt shows a negative budget.</summary>
    public bool NoBudgetExceeded { get; init; }

    /// <summary>Votes given up with an unknown outcome (connection lost, retry budget spent): the only slack allowed.</summary>
    public long UnresolvedVotes { get; init; }

    /// <summary>The first differences found, for the report.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Exact => TalliesEqualAcknowledged && NoVoteCountedTwice && NoBudgetExceeded;
}
