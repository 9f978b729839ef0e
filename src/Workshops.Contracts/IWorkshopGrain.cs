namespace Workshops.Contracts;

/// <summary>
/// One thematic workshop: its boards, ideas, votes, phase, timer, settings and outputs.
/// Keyed by workshopId. Every method checks the caller's role, scope and the phase, and
/// refuses with a <see cref="WorkshopException"/> that changes nothing. A method returns only
/// after its change is stored.
/// </summary>
public interface IWorkshopGrain : IGrainWithStringKey
{
    Task Initialize(WorkshopDefinition definition);

    Task<WorkshopSnapshot> GetSnapshot(Caller caller);

    Task<WorkshopSummary> GetSummary();

    Task<Idea> AddIdea(Caller caller, IdeaInput input);

    Task<Idea> EditIdea(Caller caller, string ideaId, string text);

    Task DeleteIdea(Caller caller, string ideaId);

    Task<VoteReceipt> CastVote(Caller caller, string ideaId, string clientOpId);

    Task<VoteReceipt> RetractVote(Caller caller, string ideaId, string clientOpId);

    /// <summary>
    /// Added: many callers' votes in one call, each decided as <see cref="CastVote"/> or
    /// <see cref="RetractVote"/> would, in order, with one outcome each; returns once every vote it
    /// took is stored. A refusal refuses that vote only; a storage failure fails the call.
    /// </summary>
    Task<IReadOnlyList<VoteOutcome>> ChangeVotes(IReadOnlyList<VoteRequest> votes);

    Task SetPhase(Caller caller, string phase);

    Task StartTimer(Caller caller, int seconds);

    Task StopTimer(Caller caller);

    Task<Idea> HideIdea(Caller caller, string ideaId);

    Task<Idea> RestoreIdea(Caller caller, string ideaId);

    Task<Idea> MergeIdeas(Caller caller, string targetIdeaId, IReadOnlyList<string> sourceIdeaIds);

    Task<Output> SetOutput(Caller caller, string boardId, OutputInput output);

    /// <summary>Added: gives a board back its top-voted output.</summary>
    Task<Output> ClearOutput(Caller caller, string boardId);

    Task UpdateSettings(Caller caller, WorkshopSettings settings);

    /// <summary>Section 9: replaces the raised hands counted in the room for an idea (staff; Voting or Results).</summary>
    Task<Idea> SetHallVotes(Caller caller, string ideaId, int count);

    Task<WorkshopExport> GetExport(Caller caller);

    /// <summary>
    /// A server subscribes (or renews) with the set of people it holds connections for in this
    /// workshop. Subscriptions not renewed within the expiry are dropped with their people.
    /// </summary>
    Task Attach(string serverId, IWorkshopObserver observer, IReadOnlyList<PresentPerson> people);

    Task Detach(string serverId);

    /// <summary>
    /// Sets title, output areas, language (and, in Setup, settings) from an edited program and
    /// tells open pages (<c>eventChanged</c>). The areas change only in Setup with no idea
    /// (<c>wrong_phase</c>). Returns the configuration it replaced.
    /// </summary>
    Task<WorkshopConfiguration> Configure(WorkshopConfiguration configuration);

    /// <summary>True while in Setup with no idea: the workshop may be removed or get other areas.</summary>
    Task<bool> IsUntouched();

    /// <summary>
    /// Removes the workshop's stored state (its event deleted, or it was left out of the program;
    /// then <paramref name="onlyIfUntouched"/> refuses with <c>wrong_phase</c> unless <see cref="IsUntouched"/>).
    /// </summary>
    Task Erase(bool onlyIfUntouched);

    /// <summary>
    /// Added (contract section 11, <c>GET /api/me</c>): everything this workshop stores about one
    /// participant — the ideas they wrote (with text) and the votes they cast, by idea.
    /// </summary>
    Task<WorkshopPersonalData> GetPersonalData(string participantId);

    /// <summary>
    /// Added (contract section 11): erases the names of these participants, or of every
    /// participant when <paramref name="participantIds"/> is null. Their ideas stay without
    /// author, their votes without a name. Returns how many people's names this workshop held and
    /// erased. Afterwards the workshop's stored data holds none of the erased names (the log is
    /// compacted into a snapshot).
    /// </summary>
    Task<int> ErasePersonalData(IReadOnlyList<string>? participantIds);
}

[GenerateSerializer, Immutable, Alias("Workshops.PresentPerson")]
public sealed record PresentPerson([property: Id(0)] string ActorKey, [property: Id(1)] Role Role);

[GenerateSerializer, Immutable, Alias("Workshops.WorkshopDefinition")]
public sealed record WorkshopDefinition(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<string> OutputAreas,
    [property: Id(3)] WorkshopSettings Settings,
    [property: Id(4)] string Language);
