using Workshops.Contracts;

namespace Workshops.LoadTool.Floor;

/// <summary>A workshop on the floor, held in memory and changed only under <see cref="FloorState"/>'s lock.</summary>
internal sealed class FloorWorkshop(string workshopId, string eventId, string title, IReadOnlyList<string> areas, WorkshopSettings settings)
{
    public string WorkshopId => workshopId;

    public string EventId => eventId;

    public string Title => title;

    public IReadOnlyList<string> Areas => areas;

    public WorkshopSettings Settings => settings;

    public WorkshopPhase Phase { get; set; } = WorkshopPhase.Setup;

    /// <summary>Grows with every change but vote counts, as the real workshop's.</summary>
    public long Version { get; set; }

    /// <summary>The last tally announcement staff got (talliesChanged seq).</summary>
    public long StaffTallySeq { get; set; }

    /// <summary>The last tally announcement participants got.</summary>
    public long ParticipantTallySeq { get; set; }

    public List<FloorIdea> Ideas { get; } = [];

    public Dictionary<string, int> Tallies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FloorActor> Actors { get; } = new(StringComparer.Ordinal);

    /// <summary>Ideas whose tallies changed since the last talliesChanged.</summary>
    public HashSet<string> DirtyTallies { get; } = new(StringComparer.Ordinal);

    public bool ResultsVisible => Settings.LiveResults || Phase is WorkshopPhase.Results or WorkshopPhase.Closed;
}
