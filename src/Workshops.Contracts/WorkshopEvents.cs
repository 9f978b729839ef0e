using System.Text.Json.Serialization;

namespace Workshops.Contracts;

// Server -> client event payloads (PROTOCOL.md section 3). Each carries workshopId and version,
// except talliesChanged, which carries its own stream's seq.

[GenerateSerializer, Immutable, Alias("Workshops.IdeaEvent")]
public sealed record IdeaEvent([property: Id(0)] string WorkshopId, [property: Id(1)] long Version, [property: Id(2)] Idea Idea);

[GenerateSerializer, Immutable, Alias("Workshops.IdeaRemovedEvent")]
public sealed record IdeaRemovedEvent([property: Id(0)] string WorkshopId, [property: Id(1)] long Version, [property: Id(2)] string IdeaId);

/// <summary>
/// The tally stream (PROTOCOL.md section 3): absolute counts of the ideas whose tallies changed
/// since this audience's previous announcement. Carries no version: <c>seq</c> grows by one with
/// every announcement the receiving audience (staff, or participants) gets, and a gap means a lost
/// one. <c>outputs</c>: the top-voted outputs those votes changed. Added: <c>consensus</c>, the
/// consensus of every idea (this audience may see) on the boards those votes touched, since a new
/// voter on a board moves the consensus of all its ideas. Added (section 9): <c>hallVotes</c>, the
/// absolute hall counts of ideas whose count changed while the change could not take a version
/// visible to everyone (see docs/protocol-notes.md, "Hall votes").
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.TalliesChangedEvent")]
public sealed record TalliesChangedEvent(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] long Seq,
    [property: Id(2)] IReadOnlyDictionary<string, int> Tallies,
    [property: Id(3)] IReadOnlyDictionary<string, double?>? Consensus = null,
    [property: Id(4)] IReadOnlyList<Output>? Outputs = null,
    [property: Id(5)] IReadOnlyDictionary<string, int>? HallVotes = null);

[GenerateSerializer, Immutable, Alias("Workshops.PhaseChangedEvent")]
public sealed record PhaseChangedEvent([property: Id(0)] string WorkshopId, [property: Id(1)] long Version, [property: Id(2)] WorkshopPhase Phase);

[GenerateSerializer, Immutable, Alias("Workshops.TimerChangedEvent")]
public sealed record TimerChangedEvent(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] long Version,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? EndsAt);

[GenerateSerializer, Immutable, Alias("Workshops.OutputChangedEvent")]
public sealed record OutputChangedEvent([property: Id(0)] string WorkshopId, [property: Id(1)] long Version, [property: Id(2)] Output Output);

[GenerateSerializer, Immutable, Alias("Workshops.PresenceChangedEvent")]
public sealed record PresenceChangedEvent([property: Id(0)] string WorkshopId, [property: Id(1)] long Version, [property: Id(2)] int Participants);

/// <summary>Added: the settings changed.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.SettingsChangedEvent")]
public sealed record SettingsChangedEvent([property: Id(0)] string WorkshopId, [property: Id(1)] long Version, [property: Id(2)] WorkshopSettings Settings);

/// <summary>
/// Added: the version moved on through a change this viewer may not see (an edit of someone
/// else's hidden idea; vote counts take no version). Keeps the version sequence gap-free.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.VersionChangedEvent")]
public sealed record VersionChangedEvent([property: Id(0)] string WorkshopId, [property: Id(1)] long Version);

/// <summary>
/// Added: the event's program changed (title, date, venue, groups, workshops, or this workshop's
/// title, areas or language); pages fetch the event and the workshop again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.EventChangedEvent")]
public sealed record EventChangedEvent([property: Id(0)] string WorkshopId, [property: Id(1)] long Version, [property: Id(2)] string EventId);

/// <summary>The client method names of the events, exactly as in the contract.</summary>
public static class EventNames
{
    public const string IdeaAdded = "ideaAdded";
    public const string IdeaChanged = "ideaChanged";
    public const string IdeaRemoved = "ideaRemoved";
    public const string TalliesChanged = "talliesChanged";
    public const string PhaseChanged = "phaseChanged";
    public const string TimerChanged = "timerChanged";
    public const string OutputChanged = "outputChanged";
    public const string PresenceChanged = "presenceChanged";
    public const string SettingsChanged = "settingsChanged";
    public const string VersionChanged = "versionChanged";
    public const string EventChanged = "eventChanged";
}
