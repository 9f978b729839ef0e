namespace Workshops.Contracts;

/// <summary>An idea as one viewer sees it (PROTOCOL.md section 4).</summary>
[GenerateSerializer, Immutable, Alias("Workshops.Idea")]
public sealed record Idea
{
    [Id(0)] public required string IdeaId { get; init; }
    [Id(1)] public required string BoardId { get; init; }
    [Id(2)] public required string Text { get; init; }
    /// <summary>Absent when the workshop's ideas are anonymous.</summary>
    [Id(3)] public string? Author { get; init; }
    [Id(4)] public bool Mine { get; init; }
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public IdeaStatus Status { get; init; }
    [Id(7)] public string? MergedInto { get; init; }
    /// <summary>Absent where this viewer may not see tallies.</summary>
    [Id(8)] public int? Votes { get; init; }
    /// <summary>Added (section 10): same visibility as <see cref="Votes"/>; null also when fewer than 2 groups qualify.</summary>
    [Id(9)] public double? Consensus { get; init; }
    /// <summary>Added: support per qualifying group; staff views only (absent for participants).</summary>
    [Id(10)] public IReadOnlyList<GroupSupport>? Support { get; init; }
    /// <summary>Section 9: raised hands counted in the room; same visibility as <see cref="Votes"/>.</summary>
    [Id(11)] public int? HallVotes { get; init; }
    /// <summary>Section 9: "digital" or "paper".</summary>
    [Id(12)] public IdeaSource Source { get; init; }
}
