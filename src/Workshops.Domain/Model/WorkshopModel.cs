using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>
/// One workshop's decisions, for one activation: the commands (<see cref="IdeaCommands"/>,
/// <see cref="VoteCommands"/>, <see cref="SteeringCommands"/>, <see cref="ProgramCommands"/>) take
/// the state and this model, and return a <see cref="Decision{T}"/>. The model remembers, in memory
/// only, what was announced: the outputs each audience last saw, the ideas whose tallies moved since
/// the last announcement, and the presence count. After a restart it starts from the stored state
/// (<see cref="Loaded"/>).
/// </summary>
public sealed class WorkshopModel(string workshopId)
{
    private readonly Dictionary<string, string> _publishedOutputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyTallies = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyHallVotes = new(StringComparer.Ordinal);

    public string WorkshopId => workshopId;

    /// <summary>Participants present (the servers' people added up); memory only.</summary>
    public int Presence { get; private set; }

    /// <summary>Votes were stored since the last tally announcement.</summary>
    public bool HasUnannouncedTallies => _dirtyTallies.Count > 0;

    /// <summary>
    /// Starts from a stored state: its outputs count as announced. An earlier activation that ended
    /// abruptly may have stored votes it never announced; the first announcement of this one
    /// carries every idea's count, which makes every page exact again.
    /// </summary>
    public void Loaded(WorkshopModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _publishedOutputs.Clear();
        _dirtyTallies.Clear();
        _dirtyHallVotes.Clear();
        MarkOutputsPublished(state);
        if (state.Tallies.Count > 0)
        {
            _dirtyTallies.UnionWith(state.Ideas.Select(i => i.IdeaId));
        }

        // Hall counts that went the tally stream's way may not have been announced either.
        foreach (var idea in state.Ideas.Where(i => i.HallVotes > 0))
        {
            _dirtyTallies.Add(idea.IdeaId);
            _dirtyHallVotes.Add(idea.IdeaId);
        }
    }

    /// <summary>Forgets the pending announcements (the workshop is being removed).</summary>
    public void Forget()
    {
        _dirtyTallies.Clear();
        _dirtyHallVotes.Clear();
    }

    internal void TallyMoved(string ideaId) => _dirtyTallies.Add(ideaId);

    /// <summary>A hall count changed without a version: the next tally announcement carries it.</summary>
    internal void HallVotesMoved(string ideaId)
    {
        _dirtyTallies.Add(ideaId);
        _dirtyHallVotes.Add(ideaId);
    }

    internal void TallyGone(string ideaId)
    {
        _dirtyTallies.Remove(ideaId);
        _dirtyHallVotes.Remove(ideaId);
    }

    internal void MarkOutputsPublished(WorkshopModelState state)
    {
        _publishedOutputs.Clear();
        foreach (var boardId in state.BoardIds)
        {
            _publishedOutputs[boardId] = WorkshopViews.OutputKey(WorkshopViews.OutputOf(state, boardId, forStaff: true));
        }
    }

    /// <summary>
    /// Coalesces the votes since the last announcement into one on the tally stream (absolute
    /// counts of the ideas that changed, and the top-voted outputs they moved). Staff always get
    /// it under their next seq; participants only while results are shown and only when something
    /// they may see changed, under theirs. Null when there is nothing to announce.
    /// </summary>
    public Decision<bool>? AnnounceTallies(WorkshopModelState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_dirtyTallies.Count == 0 || !state.Initialized)
        {
            return null;
        }

        var changed = _dirtyTallies.ToDictionary(id => id, id => state.Tallies.GetValueOrDefault(id), StringComparer.Ordinal);
        var hall = _dirtyHallVotes.Where(id => state.FindIdea(id) is not null)
            .ToDictionary(id => id, id => state.FindIdea(id)!.HallVotes, StringComparer.Ordinal);
        _dirtyTallies.Clear();
        _dirtyHallVotes.Clear();
        var outputs = TakeChangedOutputs(state);
        var staffOutputs = outputs.Select(o => o.Staff).ToList();
        var staff = new TalliesChangedEvent(workshopId, state.StaffTallySeq + 1, changed,
            WorkshopViews.ConsensusOfBoards(state, changed.Keys, visibleOnly: false), staffOutputs.Count > 0 ? staffOutputs : null,
            hall.Count > 0 ? hall : null);
        TalliesChangedEvent? participants = null;
        if (state.ResultsVisibleToParticipants)
        {
            var forParticipants = changed
                .Where(pair => state.FindIdea(pair.Key) is { Status: IdeaStatus.Visible })
                .ToDictionary(StringComparer.Ordinal);
            var consensus = WorkshopViews.ConsensusOfBoards(state, changed.Keys, visibleOnly: true);
            if (forParticipants.Count > 0 || consensus.Count > 0 || outputs.Count > 0)
            {
                var participantOutputs = outputs.Select(o => o.Participant).ToList();
                var hallForParticipants = hall.Where(pair => forParticipants.ContainsKey(pair.Key)).ToDictionary(StringComparer.Ordinal);
                participants = new TalliesChangedEvent(workshopId, state.ParticipantTallySeq + 1, forParticipants, consensus,
                    participantOutputs.Count > 0 ? participantOutputs : null, hallForParticipants.Count > 0 ? hallForParticipants : null);
            }
        }

        // One event and one notice, placed and folded here as VoteCommands does: both are on every vote's path.
        var announced = new TalliesAnnounced { Position = state.Position + 1, At = now, ToParticipants = participants is not null };
        WorkshopFold.Apply(state, announced);
        var deliveries = new List<Delivery>(2) { new(Audience.Staff, null, EventNames.TalliesChanged, staff) };
        if (participants is not null)
        {
            deliveries.Add(new(Audience.Participants, null, EventNames.TalliesChanged, participants));
        }

        return new([announced], [new WorkshopNotice(workshopId, Change.NoticeNumber(state, state.Version), deliveries)], true);
    }

    /// <summary>The presence count changed: it takes a version, and both audiences hear of it.</summary>
    public Decision<bool>? CountPresence(WorkshopModelState state, int participants, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (participants == Presence || !state.Initialized)
        {
            return null;
        }

        Presence = participants;
        var change = new Change(state, workshopId, now);
        change.Raise(new PresenceCounted { Participants = participants });
        EmitToAll(change, EventNames.PresenceChanged, version => new PresenceChangedEvent(workshopId, version, participants));
        return change.Done(true);
    }

    /// <summary>What open pages are told when the workshop is removed: its next version, never stored.</summary>
    public WorkshopNotice Erased(WorkshopModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var version = state.Version + 1;
        var changed = new EventChangedEvent(workshopId, version, state.EventId);
        return new WorkshopNotice(workshopId, Change.NoticeNumber(state, version),
        [
            new Delivery(Audience.Staff, null, EventNames.EventChanged, changed),
            new Delivery(Audience.Participants, null, EventNames.EventChanged, changed),
        ]);
    }

    /// <summary>
    /// Tells each audience of a change to one idea, under the given version. Participants who may
    /// not see the idea (hidden or merged, not theirs) are told it was removed, or just that the
    /// version moved on.
    /// </summary>
    internal void EmitIdea(Change change, long version, IdeaState idea, string method, bool wasVisibleToOthers)
    {
        var state = change.State;
        var participantAuthor = idea.ParticipantAuthor;
        var visibleNow = idea.Status == IdeaStatus.Visible;
        var seesTallies = state.ResultsVisibleToParticipants;
        var staff = new Delivery(Audience.Staff, null, method, new IdeaEvent(workshopId, version,
            // Staff wrote it, unless its author was erased (no author at all, as the snapshot says).
            WorkshopViews.IdeaView(state, idea, mine: participantAuthor is null && idea.AuthorKey.Length > 0, seesTallies: true, staff: true)));
        var (othersMethod, othersPayload) = (visibleNow, wasVisibleToOthers) switch
        {
            (true, true) => (method, (object)new IdeaEvent(workshopId, version, WorkshopViews.IdeaView(state, idea, mine: false, seesTallies))),
            (true, false) => (EventNames.IdeaAdded, new IdeaEvent(workshopId, version, WorkshopViews.IdeaView(state, idea, mine: false, seesTallies))),
            (false, true) => (EventNames.IdeaRemoved, new IdeaRemovedEvent(workshopId, version, idea.IdeaId)),
            _ => (EventNames.VersionChanged, new VersionChangedEvent(workshopId, version)),
        };
        if (participantAuthor is null)
        {
            change.Notify(version, [staff, new Delivery(Audience.Participants, null, othersMethod, othersPayload)]);
            return;
        }

        change.Notify(version,
        [
            staff,
            new Delivery(Audience.ParticipantsExcept, participantAuthor, othersMethod, othersPayload),
            new Delivery(Audience.Participant, participantAuthor, method, new IdeaEvent(workshopId, version, WorkshopViews.IdeaView(state, idea, mine: true, seesTallies))),
        ]);
    }

    /// <summary>One version (the state's current one), the same event for everyone.</summary>
    internal static void EmitToAll(Change change, string method, Func<long, object> payload)
    {
        var version = change.State.Version;
        var body = payload(version);
        change.Notify(version, [new Delivery(Audience.Staff, null, method, body), new Delivery(Audience.Participants, null, method, body)]);
    }

    /// <summary>Announces, each under a version of its own, the outputs that changed since they were last announced.</summary>
    internal void EmitChangedOutputs(Change change, bool all = false)
    {
        var changed = TakeChangedOutputs(change.State, all);
        if (changed.Count == 0)
        {
            return;
        }

        var first = change.State.Version + 1;
        change.Raise(new OutputsAnnounced { BoardIds = [.. changed.Select(c => c.Staff.BoardId)] });
        for (var i = 0; i < changed.Count; i++)
        {
            var version = first + i;
            change.Notify(version,
            [
                new Delivery(Audience.Staff, null, EventNames.OutputChanged, new OutputChangedEvent(workshopId, version, changed[i].Staff)),
                new Delivery(Audience.Participants, null, EventNames.OutputChanged, new OutputChangedEvent(workshopId, version, changed[i].Participant)),
            ]);
        }
    }

    /// <summary>
    /// When participants start seeing results, their next tally announcement carries every idea's
    /// count; it rides in the notice of the change that showed the results (the fold moved their
    /// seq with that change). Outputs change for participants either way, each under a version.
    /// Call it right after the notice of the change that moved the visibility.
    /// </summary>
    internal void EmitResultsVisibility(Change change)
    {
        var state = change.State;
        if (state.ResultsVisibleToParticipants)
        {
            var visible = state.Ideas.Where(i => i.Status == IdeaStatus.Visible).ToList();
            var all = visible.ToDictionary(i => i.IdeaId, i => state.Tallies.GetValueOrDefault(i.IdeaId), StringComparer.Ordinal);
            // Zeros included, as for the digital counts: afterwards every idea shows what a snapshot shows.
            var hall = visible.ToDictionary(i => i.IdeaId, i => i.HallVotes, StringComparer.Ordinal);
            change.AddToLastNotice(new Delivery(Audience.Participants, null, EventNames.TalliesChanged,
                new TalliesChangedEvent(workshopId, state.ParticipantTallySeq, all, WorkshopViews.ConsensusOfBoards(state, all.Keys, visibleOnly: true),
                    HallVotes: hall)));
        }

        EmitChangedOutputs(change, all: true);
    }

    /// <summary>The outputs (staff and participant views) that changed since they were last announced, marked announced.</summary>
    private List<(Output Staff, Output Participant)> TakeChangedOutputs(WorkshopModelState state, bool all = false)
    {
        var changed = new List<(Output Staff, Output Participant)>();
        foreach (var boardId in state.BoardIds)
        {
            var staffView = WorkshopViews.OutputOf(state, boardId, forStaff: true);
            var key = WorkshopViews.OutputKey(staffView);
            if (!all && _publishedOutputs.TryGetValue(boardId, out var published) && string.Equals(published, key, StringComparison.Ordinal))
            {
                continue;
            }

            _publishedOutputs[boardId] = key;
            changed.Add((staffView, WorkshopViews.OutputOf(state, boardId, forStaff: false)));
        }

        return changed;
    }
}
