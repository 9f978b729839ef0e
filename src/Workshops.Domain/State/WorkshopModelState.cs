using Workshops.Contracts;

namespace Workshops.Domain.State;

/// <summary>
/// A workshop as the fold of its events (<see cref="Model.WorkshopFold"/>); what a snapshot holds.
/// Persisted: never rename or renumber a member, add new ones at the end.
/// </summary>
/// <remarks>
/// Marked <see cref="ImmutableAttribute"/> although the fold changes it: Orleans then never copies
/// it, so JournaledGrain's confirmed and tentative views are one instance instead of a deep copy of
/// the whole workshop after every write. That is safe because the fold ignores an event already
/// folded in (<see cref="Position"/>), and the grain never rolls its memory back: a failed write
/// ends the activation.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Workshops.Domain.WorkshopModelState")]
public sealed class WorkshopModelState
{
    /// <summary>The log position of the last event folded in (0: none; a converted legacy record is 0).</summary>
    [Id(0)] public long Position { get; set; }
    [Id(1)] public bool Initialized { get; set; }
    [Id(2)] public string EventId { get; set; } = "";
    [Id(3)] public string Title { get; set; } = "";
    [Id(4)] public List<string> Areas { get; set; } = [];
    [Id(5)] public WorkshopPhase Phase { get; set; }
    /// <summary>The contract's version: grows with every published change but vote counts.</summary>
    [Id(6)] public long Version { get; set; }
    [Id(7)] public DateTimeOffset? TimerEndsAt { get; set; }
    [Id(8)] public WorkshopSettings Settings { get; set; } = WorkshopSettings.Default;
    /// <summary>In order of creation.</summary>
    [Id(9)] public List<IdeaState> Ideas { get; set; } = [];
    /// <summary>By <see cref="Caller.ActorKey"/>: a participant or a staff seat.</summary>
    [Id(10)] public Dictionary<string, ActorState> Actors { get; set; } = [];
    /// <summary>Outputs chosen by a facilitator, by boardId.</summary>
    [Id(11)] public Dictionary<string, OutputState> Outputs { get; set; } = [];
    /// <summary>The audit trail (contract section 5): the projection of the staff events.</summary>
    [Id(12)] public List<AuditState> Audit { get; set; } = [];
    [Id(13)] public int NextIdeaNumber { get; set; } = 1;
    [Id(14)] public string Language { get; set; } = "tr";
    /// <summary>Orders clientOpIds so that the oldest are forgotten first.</summary>
    [Id(15)] public long NextOpSequence { get; set; } = 1;
    /// <summary>The last tally announcement (talliesChanged seq) staff got; never goes back.</summary>
    [Id(16)] public long StaffTallySeq { get; set; }
    /// <summary>The last tally announcement participants got; never goes back.</summary>
    [Id(17)] public long ParticipantTallySeq { get; set; }
    /// <summary>Votes per idea (the sum over actors), kept by the fold.</summary>
    [Id(18)] public Dictionary<string, int> Tallies { get; set; } = [];
    /// <summary>The stored texts in <see cref="StoredSize"/> units, kept by the fold for the budget.</summary>
    [Id(19)] public long StoredUnits { get; set; }

    // Not persisted and not copied: rebuilt from Ideas on first use after a load or a copy.
    [NonSerialized]
    private Dictionary<string, IdeaState>? _ideaIndex;

    internal Dictionary<string, IdeaState> IdeaIndex =>
        _ideaIndex ??= Ideas.ToDictionary(i => i.IdeaId, StringComparer.Ordinal);

    internal void Reindex() => _ideaIndex = null;

    public bool ResultsVisibleToParticipants =>
        Settings.LiveResults || Phase is WorkshopPhase.Results or WorkshopPhase.Closed;

    /// <summary>In Setup with no idea: the workshop may be removed or get other areas.</summary>
    public bool Untouched => Phase == WorkshopPhase.Setup && Ideas.Count == 0;

    public IdeaState? FindIdea(string? ideaId) =>
        ideaId is not null && IdeaIndex.TryGetValue(ideaId, out var idea) ? idea : null;

    public static string BoardIdOf(int index) => "b" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<string> BoardIds => Enumerable.Range(0, Areas.Count).Select(BoardIdOf);

    /// <summary>The index of the board in <see cref="Areas"/>, or -1.</summary>
    public int AreaIndex(string? boardId)
    {
        for (var i = 0; i < Areas.Count; i++)
        {
            if (string.Equals(BoardIdOf(i), boardId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
