using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>Legacy, read-only: the state of one workshop as stored before the event log; converted on first activation (<see cref="LegacyConversion"/>) and then cleared. Never rename or renumber a member.</summary>
[GenerateSerializer, Alias("Workshops.WorkshopState")]
public sealed class WorkshopState
{
    [Id(0)] public bool Initialized { get; set; }
    [Id(1)] public string EventId { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public List<string> Areas { get; set; } = [];
    [Id(4)] public WorkshopPhase Phase { get; set; }
    /// <summary>Grows with every published change but vote counts; persisted so that it never goes back.</summary>
    [Id(5)] public long Version { get; set; }
    [Id(6)] public DateTimeOffset? TimerEndsAt { get; set; }
    [Id(7)] public WorkshopSettings Settings { get; set; } = WorkshopSettings.Default;
    /// <summary>In order of creation.</summary>
    [Id(8)] public List<IdeaRecord> Ideas { get; set; } = [];
    /// <summary>By <see cref="Caller.ActorKey"/>: a participant or a staff seat.</summary>
    [Id(9)] public Dictionary<string, ActorRecord> Actors { get; set; } = [];
    /// <summary>Outputs chosen by a facilitator, by boardId.</summary>
    [Id(10)] public Dictionary<string, OutputRecord> Outputs { get; set; } = [];
    [Id(11)] public List<AuditRecord> Audit { get; set; } = [];
    [Id(12)] public int NextIdeaNumber { get; set; } = 1;
    [Id(13)] public string Language { get; set; } = "tr";
    /// <summary>Orders clientOpIds so that the oldest are forgotten first.</summary>
    [Id(14)] public long NextOpSequence { get; set; } = 1;
    /// <summary>The last tally announcement (talliesChanged seq) staff got; never goes back.</summary>
    [Id(15)] public long StaffTallySeq { get; set; }
    /// <summary>The last tally announcement participants got; never goes back.</summary>
    [Id(16)] public long ParticipantTallySeq { get; set; }
}
