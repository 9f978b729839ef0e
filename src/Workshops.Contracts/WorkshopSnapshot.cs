namespace Workshops.Contracts;

/// <summary>Everything one viewer may see of a workshop (PROTOCOL.md section 4).</summary>
[GenerateSerializer, Immutable, Alias("Workshops.WorkshopSnapshot")]
public sealed record WorkshopSnapshot
{
    [Id(0)] public required string WorkshopId { get; init; }
    [Id(1)] public required string EventId { get; init; }
    [Id(2)] public required string Title { get; init; }
    [Id(3)] public WorkshopPhase Phase { get; init; }
    [Id(4)] public long Version { get; init; }
    [Id(5)] public DateTimeOffset? TimerEndsAt { get; init; }
    [Id(6)] public required WorkshopSettings Settings { get; init; }
    [Id(7)] public required IReadOnlyList<Board> Boards { get; init; }
    [Id(8)] public required IReadOnlyList<Output> Outputs { get; init; }
    [Id(9)] public int Participants { get; init; }
    [Id(10)] public required Me Me { get; init; }
    /// <summary>Added: the event's language ("tr" or "en"), so pages pick their texts.</summary>
    [Id(11)] public string Language { get; init; } = "tr";
    /// <summary>The last tally announcement (talliesChanged seq) of the caller's audience that this snapshot includes.</summary>
    [Id(12)] public long TallySeq { get; init; }
}

[GenerateSerializer, Immutable, Alias("Workshops.Board")]
public sealed record Board(
    [property: Id(0)] string BoardId,
    [property: Id(1)] string Area,
    [property: Id(2)] IReadOnlyList<Idea> Ideas);

[GenerateSerializer, Immutable, Alias("Workshops.Me")]
public sealed record Me
{
    [Id(0)] public Role Role { get; init; }
    [Id(1)] public string? ParticipantId { get; init; }
    [Id(2)] public IReadOnlyDictionary<string, int> Votes { get; init; } = new Dictionary<string, int>();
    [Id(3)] public IReadOnlyDictionary<string, int> Remaining { get; init; } = new Dictionary<string, int>();
}
