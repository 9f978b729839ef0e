using System.Text.Json.Serialization;

namespace Workshops.Contracts;

// The JSON export (PROTOCOL.md section 5).

[GenerateSerializer, Immutable, Alias("Workshops.EventExport")]
public sealed record EventExport
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public string? Date { get; init; }
    [Id(3)] public string? Venue { get; init; }
    [Id(4)] public DateTimeOffset ExportedAt { get; init; }
    /// <summary>
    /// Added: the people who took part in any of its workshops, each counted once (a person in
    /// two workshops is one person; the workshops' own counts would count them twice). Absent
    /// (null) in exports made before it was added.
    /// </summary>
    [Id(6)] public int? Participants { get; init; }
    [Id(5)] public required IReadOnlyList<WorkshopExport> Workshops { get; init; }

    /// <summary>
    /// Added (section 8): whether the groups of the per-group counts were set by the organizers on
    /// badges or declared by people. Absent (null) in events without badges (every group there
    /// was declared) and in exports made before it was added.
    /// </summary>
    [Id(7)] public GroupSource? GroupSource { get; init; }

    /// <summary>
    /// Added (sections 8, 11): what was done to the event itself (badge revocations, purges of
    /// personal data with how many people, never a name), in order; absent (null) when nothing
    /// was done. The workshops carry their own audit.
    /// </summary>
    [Id(8)] public IReadOnlyList<AuditEntry>? Audit { get; init; }
}

[GenerateSerializer, Immutable, Alias("Workshops.WorkshopExport")]
public sealed record WorkshopExport
{
    [Id(0)] public required string WorkshopId { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public WorkshopPhase Phase { get; init; }
    [Id(3)] public int Participants { get; init; }
    [Id(4)] public int Ideas { get; init; }
    [Id(5)] public int Votes { get; init; }
    [Id(6)] public required IReadOnlyList<OutputExport> Outputs { get; init; }
    [Id(7)] public required IReadOnlyList<BoardExport> Boards { get; init; }
    [Id(8)] public required IReadOnlyList<AuditEntry> Audit { get; init; }
    /// <summary>
    /// The event-wide participant ids behind <see cref="Participants"/>, so that the event's
    /// export can count each person once. Only between grains and the host: never written to a file.
    /// </summary>
    [Id(9), JsonIgnore] public IReadOnlyList<string> ParticipantIds { get; init; } = [];
    /// <summary>Added (section 9): raised hands counted in the room, over every idea; <see cref="Votes"/> stays the digital votes.</summary>
    [Id(10)] public int HallVotes { get; init; }
}

[GenerateSerializer, Immutable, Alias("Workshops.OutputExport")]
public sealed record OutputExport
{
    [Id(0)] public required string Area { get; init; }
    [Id(1)] public required string Text { get; init; }
    [Id(2)] public int Votes { get; init; }
    [Id(3)] public IReadOnlyDictionary<string, int> VotesByGroup { get; init; } = new Dictionary<string, int>();
    [Id(4)] public OutputSource Source { get; init; }
    [Id(5)] public IReadOnlyList<string> SourceIdeaIds { get; init; } = [];
    /// <summary>Added (section 10); written as null when fewer than 2 groups qualify.</summary>
    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public double? Consensus { get; init; }
    [Id(7)] public IReadOnlyList<GroupSupport> Support { get; init; } = [];
    /// <summary>Added (section 9): the part of <see cref="Votes"/> (digital + hall) that are raised hands.</summary>
    [Id(8)] public int HallVotes { get; init; }
}

[GenerateSerializer, Immutable, Alias("Workshops.BoardExport")]
public sealed record BoardExport
{
    [Id(0)] public required string Area { get; init; }
    /// <summary>By votes + hall votes, descending (ties: earliest first).</summary>
    [Id(1)] public required IReadOnlyList<IdeaExport> Ideas { get; init; }
}

[GenerateSerializer, Immutable, Alias("Workshops.IdeaExport")]
public sealed record IdeaExport
{
    [Id(0)] public required string IdeaId { get; init; }
    [Id(1)] public required string Text { get; init; }
    [Id(2)] public string? Author { get; init; }
    [Id(3)] public int Votes { get; init; }
    [Id(4)] public IReadOnlyDictionary<string, int> VotesByGroup { get; init; } = new Dictionary<string, int>();
    [Id(5)] public IdeaStatus Status { get; init; }
    /// <summary>Added (section 10); written as null when fewer than 2 groups qualify.</summary>
    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public double? Consensus { get; init; }
    [Id(7)] public IReadOnlyList<GroupSupport> Support { get; init; } = [];
    /// <summary>Added (section 9): raised hands counted in the room; <see cref="Votes"/> stays the digital votes.</summary>
    [Id(8)] public int HallVotes { get; init; }
    /// <summary>Added (section 9): "digital" or "paper".</summary>
    [Id(9)] public IdeaSource Source { get; init; }
}

[GenerateSerializer, Immutable, Alias("Workshops.AuditEntry")]
public sealed record AuditEntry
{
    [Id(0)] public DateTimeOffset At { get; init; }
    /// <summary>
    /// Who: a role, or null (written as <c>"role": null</c>) for what the server did by itself,
    /// the purge at the end of the retention period (<see cref="AuditNames.RetentionPurge"/>).
    /// </summary>
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public Role? Role { get; init; }
    [Id(2)] public required string Action { get; init; }
    [Id(3)] public string? IdeaId { get; init; }
    [Id(4)] public string? Detail { get; init; }
}
