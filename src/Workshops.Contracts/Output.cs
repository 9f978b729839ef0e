namespace Workshops.Contracts;

/// <summary>The final output of one board (one output area).</summary>
[GenerateSerializer, Immutable, Alias("Workshops.Output")]
public sealed record Output
{
    [Id(0)] public required string BoardId { get; init; }
    [Id(1)] public required string Area { get; init; }
    [Id(2)] public required string Text { get; init; }
    [Id(3)] public IReadOnlyList<string> SourceIdeaIds { get; init; } = [];
    [Id(4)] public int Votes { get; init; }
    [Id(5)] public IReadOnlyDictionary<string, int> VotesByGroup { get; init; } = new Dictionary<string, int>();
    [Id(6)] public OutputSource Source { get; init; }
    /// <summary>Added (section 10): null when fewer than 2 groups qualify or the output has no source ideas.</summary>
    [Id(7)] public double? Consensus { get; init; }
    /// <summary>Added: support per qualifying group (at least 3 voters of the group on the board).</summary>
    [Id(8)] public IReadOnlyList<GroupSupport> Support { get; init; } = [];
    /// <summary>Added (section 9): the part of <see cref="Votes"/> that are raised hands counted in the room.</summary>
    [Id(9)] public int HallVotes { get; init; }
}

/// <summary>The argument of SetOutput.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.OutputInput")]
public sealed record OutputInput
{
    [Id(0)] public string? Text { get; init; }
    [Id(1)] public IReadOnlyList<string>? SourceIdeaIds { get; init; }
}
