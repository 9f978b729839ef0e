using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Workshops.Contracts;
using Workshops.LoadTool.Storm;

namespace Workshops.LoadTool.Floor;

/// <summary>
/// Everything the floor knows, in memory, behind one lock: no Orleans, no storage, no JWT.
/// It answers the calls a vote storm makes with the contract's rules (roles, phase, budget,
/// clientOpId) and queues the events in version order, as the real server does.
/// </summary>
public sealed class FloorState
{
    private const string CodeLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Caller> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Caller> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FloorEvent> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FloorEvent> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FloorWorkshop> _workshops = new(StringComparer.Ordinal);
    private readonly Channel<FloorNotice> _notices = Channel.CreateUnbounded<FloorNotice>(new UnboundedChannelOptions { SingleReader = true });

    /// <param name="adminKey">The admin key; a random one when null (a floor in its own process is told its key).</param>
    public FloorState(string? adminKey = null)
    {
        AdminKey = adminKey ?? "adm_floor_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _keys[AdminKey] = Caller.Admin;
    }

    public string AdminKey { get; }

    internal ChannelReader<FloorNotice> Notices => _notices.Reader;

    public static string StaffGroup(string workshopId) => workshopId + "|staff";

    public static string PeopleGroup(string workshopId) => workshopId + "|people";

    public Caller? Resolve(string? token)
    {
        if (token is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    public TokenReply SignIn(string? key)
    {
        lock (_gate)
        {
            if (key is null || !_keys.TryGetValue(key, out var caller))
            {
                throw new FloorRefusalException(ErrorCodes.Unauthorized, "this key is not known");
            }

            return new TokenReply(NewToken(caller), caller.Role, caller.EventId, caller.WorkshopId, null);
        }
    }

    public TokenReply Join(string? code, string? displayName, string? group)
    {
        lock (_gate)
        {
            if (code is null || !_byCode.TryGetValue(code.Trim().ToUpperInvariant(), out var ev))
            {
                throw new FloorRefusalException(ErrorCodes.NotFound, "no event has this join code");
            }

            var participantId = "p" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
            ev.Participants[participantId] = group;
            var caller = new Caller(Role.Participant, ev.EventId, null, participantId, displayName, group);
            return new TokenReply(NewToken(caller), Role.Participant, ev.EventId, null, participantId);
        }
    }

    public EventCreated CreateEvent(Caller caller, EventProgram program)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(program);
        if (caller.Role != Role.Admin)
        {
            throw new FloorRefusalException(ErrorCodes.Forbidden, "only an admin creates events");
        }

        var settings = program.Settings ?? WorkshopSettings.Default;
        if (settings.Validate() is { } problem)
        {
            throw new FloorRefusalException(ErrorCodes.InvalidInput, problem);
        }

        if (program.Workshops is not { Count: >= 1 and <= 100 })
        {
            throw new FloorRefusalException(ErrorCodes.InvalidInput, "an event has 1 to 100 workshops");
        }

        lock (_gate)
        {
            var eventId = "e" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
            var areas = program.OutputAreas ?? [.. EventProgram.DefaultOutputAreas];
            var workshops = new List<FloorWorkshop>();
            var facilitatorKeys = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < program.Workshops.Count; i++)
            {
                var workshopId = eventId + "-w" + (i + 1).ToString(CultureInfo.InvariantCulture);
                var workshop = new FloorWorkshop(workshopId, eventId, program.Workshops[i].Title, areas, settings);
                workshops.Add(workshop);
                _workshops[workshopId] = workshop;
                var key = NewKey("fac_");
                facilitatorKeys[workshopId] = key;
                _keys[key] = new Caller(Role.Facilitator, eventId, workshopId, null, null, null);
            }

            string code;
            do
            {
                code = new string([.. RandomNumberGenerator.GetItems<char>(CodeLetters, 6)]);
            }
            while (_byCode.ContainsKey(code));

            var moderatorKey = NewKey("mod_");
            _keys[moderatorKey] = new Caller(Role.Moderator, eventId, null, null, null, null);
            var ev = new FloorEvent(eventId, program.Title, code, moderatorKey, areas, workshops, facilitatorKeys) { Settings = settings };
            _events[eventId] = ev;
            _byCode[code] = ev;
            return new EventCreated(eventId, code, moderatorKey, [.. workshops.Select(w => new WorkshopCreated(w.WorkshopId, w.Title, facilitatorKeys[w.WorkshopId]))]);
        }
    }

    public WorkshopSnapshot Snapshot(Caller caller, string workshopId)
    {
        lock (_gate)
        {
            var workshop = Reach(caller, workshopId);
            var seesTallies = caller.IsStaff || workshop.ResultsVisible;
            workshop.Actors.TryGetValue(caller.ActorKey, out var actor);
            var boards = workshop.Areas.Select((area, i) =>
            {
                var boardId = BoardId(i);
                return new Board(boardId, area, [.. workshop.Ideas.Where(idea => idea.BoardId == boardId).Select(idea => View(workshop, idea, caller, seesTallies))]);
            }).ToList();
            var remaining = workshop.Areas.Select((_, i) => BoardId(i)).ToDictionary(
                b => b,
                b => workshop.Settings.VotesPerBoard - UsedOn(workshop, actor, b),
                StringComparer.Ordinal);
            return new WorkshopSnapshot
            {
                WorkshopId = workshop.WorkshopId,
                EventId = workshop.EventId,
                Title = workshop.Title,
                Phase = workshop.Phase,
                Version = workshop.Version,
                TallySeq = caller.IsStaff ? workshop.StaffTallySeq : workshop.ParticipantTallySeq,
                Settings = workshop.Settings,
                Boards = boards,
                Outputs = [],
                Me = new Me
                {
                    Role = caller.Role,
                    ParticipantId = caller.ParticipantId,
                    Votes = actor is null ? new Dictionary<string, int>() : new Dictionary<string, int>(actor.Votes, StringComparer.Ordinal),
                    Remaining = remaining,
                },
            };
        }
    }

    public Idea AddIdea(Caller caller, string workshopId, IdeaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (_gate)
        {
            var workshop = Reach(caller, workshopId);
            var actor = ActorOf(workshop, caller);
            if (input.ClientOpId is { } op && actor.IdeaOps.TryGetValue(op, out var done))
            {
                return done;
            }

            if (!caller.IsStaff && workshop.Phase != WorkshopPhase.Brainstorm)
            {
                throw new FloorRefusalException(ErrorCodes.WrongPhase, "ideas are added during Brainstorm");
            }

            if (string.IsNullOrWhiteSpace(input.Text) || input.Text.Length > workshop.Settings.MaxIdeaLength)
            {
                throw new FloorRefusalException(ErrorCodes.InvalidInput, "idea text is empty or too long");
            }

            var boardIndex = Enumerable.Range(0, workshop.Areas.Count).FirstOrDefault(i => BoardId(i) == input.BoardId, -1);
            if (boardIndex < 0)
            {
                throw new FloorRefusalException(ErrorCodes.NotFound, "no such board");
            }

            var idea = new FloorIdea("i" + (workshop.Ideas.Count + 1).ToString(CultureInfo.InvariantCulture), BoardId(boardIndex), input.Text.Trim(), caller.ActorKey, DateTimeOffset.UtcNow);
            workshop.Ideas.Add(idea);
            workshop.Tallies[idea.IdeaId] = 0;
            var version = ++workshop.Version;
            Queue(StaffGroup(workshopId), EventNames.IdeaAdded, new IdeaEvent(workshopId, version, View(workshop, idea, null, seesTallies: true)));
            Queue(PeopleGroup(workshopId), EventNames.IdeaAdded, new IdeaEvent(workshopId, version, View(workshop, idea, null, workshop.ResultsVisible)));
            var mine = View(workshop, idea, caller, caller.IsStaff || workshop.ResultsVisible);
            if (input.ClientOpId is { } clientOpId)
            {
                actor.IdeaOps[clientOpId] = mine;
            }

            return mine;
        }
    }

    public VoteReceipt ChangeVote(Caller caller, string workshopId, string ideaId, string clientOpId, bool cast)
    {
        lock (_gate)
        {
            var workshop = Reach(caller, workshopId);
            if (caller.Role != Role.Participant)
            {
                throw new FloorRefusalException(ErrorCodes.Forbidden, "only participants vote");
            }

            if (string.IsNullOrEmpty(clientOpId) || clientOpId.Length > 64)
            {
                throw new FloorRefusalException(ErrorCodes.InvalidInput, "clientOpId must be 1-64 characters");
            }

            var actor = ActorOf(workshop, caller);
            if (actor.Ops.TryGetValue(clientOpId, out var done))
            {
                return done.Cast == cast && done.Receipt.IdeaId == ideaId
                    ? done.Receipt
                    : throw new FloorRefusalException(ErrorCodes.Conflict, "this clientOpId was used for another operation");
            }

            if (workshop.Phase != WorkshopPhase.Voting)
            {
                throw new FloorRefusalException(ErrorCodes.WrongPhase, "votes are cast during Voting");
            }

            var idea = workshop.Ideas.Find(i => i.IdeaId == ideaId) ?? throw new FloorRefusalException(ErrorCodes.NotFound, "no such idea");
            var mine = actor.Votes.GetValueOrDefault(ideaId);
            var used = UsedOn(workshop, actor, idea.BoardId);
            if (cast && mine >= workshop.Settings.MaxVotesPerIdea)
            {
                throw new FloorRefusalException(ErrorCodes.VoteLimit, "at most that many votes per idea");
            }

            if (cast && used >= workshop.Settings.VotesPerBoard)
            {
                throw new FloorRefusalException(ErrorCodes.VoteLimit, "all votes of this board are spent");
            }

            if (!cast && mine <= 0)
            {
                throw new FloorRefusalException(ErrorCodes.Conflict, "there is no vote of yours on this idea");
            }

            var delta = cast ? 1 : -1;
            actor.Votes[ideaId] = mine + delta;
            workshop.Tallies[ideaId] = workshop.Tallies.GetValueOrDefault(ideaId) + delta;
            workshop.DirtyTallies.Add(ideaId);
            var receipt = new VoteReceipt(ideaId, mine + delta, workshop.Settings.VotesPerBoard - (used + delta));
            actor.Ops[clientOpId] = (cast, receipt);
            return receipt;
        }
    }

    public void SetPhase(Caller caller, string workshopId, string phase)
    {
        lock (_gate)
        {
            var workshop = Reach(caller, workshopId);
            if (!caller.IsStaff)
            {
                throw new FloorRefusalException(ErrorCodes.Forbidden, "only staff steer the phase");
            }

            if (!WireNames.TryParsePhase(phase, out var next))
            {
                throw new FloorRefusalException(ErrorCodes.InvalidInput, "not a phase");
            }

            if (next == workshop.Phase)
            {
                return;
            }

            var resultsWereVisible = workshop.ResultsVisible;
            workshop.Phase = next;
            var version = ++workshop.Version;
            var changed = new PhaseChangedEvent(workshopId, version, next);
            Queue(StaffGroup(workshopId), EventNames.PhaseChanged, changed);
            Queue(PeopleGroup(workshopId), EventNames.PhaseChanged, changed);
            if (!resultsWereVisible && workshop.ResultsVisible)
            {
                // As the real workshop: the participants' first announcement carries every count.
                var all = workshop.Ideas.ToDictionary(idea => idea.IdeaId, idea => workshop.Tallies.GetValueOrDefault(idea.IdeaId), StringComparer.Ordinal);
                Queue(PeopleGroup(workshopId), EventNames.TalliesChanged, new TalliesChangedEvent(workshopId, ++workshop.ParticipantTallySeq, all));
            }
        }
    }

    /// <summary>
    /// The coalesced talliesChanged of every workshop with new votes (the real grain's 100 ms
    /// timer): no version, each audience's own seq, nothing to participants while results are hidden.
    /// </summary>
    public void FlushTallies()
    {
        lock (_gate)
        {
            foreach (var workshop in _workshops.Values)
            {
                if (workshop.DirtyTallies.Count == 0)
                {
                    continue;
                }

                var changed = workshop.DirtyTallies.ToDictionary(id => id, id => workshop.Tallies[id], StringComparer.Ordinal);
                workshop.DirtyTallies.Clear();
                Queue(StaffGroup(workshop.WorkshopId), EventNames.TalliesChanged, new TalliesChangedEvent(workshop.WorkshopId, ++workshop.StaffTallySeq, changed));
                if (workshop.ResultsVisible)
                {
                    Queue(PeopleGroup(workshop.WorkshopId), EventNames.TalliesChanged, new TalliesChangedEvent(workshop.WorkshopId, ++workshop.ParticipantTallySeq, changed));
                }
            }
        }
    }

    public EventExport Export(Caller caller, string eventId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        lock (_gate)
        {
            if (!_events.TryGetValue(eventId, out var ev))
            {
                throw new FloorRefusalException(ErrorCodes.NotFound, "no such event");
            }

            if (caller.Role is not (Role.Admin or Role.Moderator) || (caller.Role == Role.Moderator && caller.EventId != eventId))
            {
                throw new FloorRefusalException(ErrorCodes.Forbidden, "only the event's moderator exports it");
            }

            return new EventExport
            {
                EventId = ev.EventId,
                Title = ev.Title,
                ExportedAt = DateTimeOffset.UtcNow,
                Workshops = [.. ev.Workshops.Select(w => new WorkshopExport
                {
                    WorkshopId = w.WorkshopId,
                    Title = w.Title,
                    Phase = w.Phase,
                    Participants = w.Actors.Count,
                    Ideas = w.Ideas.Count,
                    Votes = w.Tallies.Values.Sum(),
                    Outputs = [],
                    Audit = [],
                    Boards = [.. w.Areas.Select((area, i) => new BoardExport
                    {
                        Area = area,
                        Ideas = [.. w.Ideas.Where(idea => idea.BoardId == BoardId(i))
                            .Select(idea => new IdeaExport { IdeaId = idea.IdeaId, Text = idea.Text, Votes = w.Tallies[idea.IdeaId], Status = IdeaStatus.Visible })
                            .OrderByDescending(idea => idea.Votes)],
                    })],
                })],
            };
        }
    }

    private FloorWorkshop Reach(Caller caller, string workshopId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (workshopId is null || !_workshops.TryGetValue(workshopId, out var workshop))
        {
            throw new FloorRefusalException(ErrorCodes.NotFound, "no such workshop");
        }

        var inScope = caller.Role switch
        {
            Role.Admin => true,
            Role.Facilitator => caller.WorkshopId == workshopId,
            _ => caller.EventId == workshop.EventId,
        };
        return inScope ? workshop : throw new FloorRefusalException(ErrorCodes.Forbidden, "this token does not reach this workshop");
    }

    private static FloorActor ActorOf(FloorWorkshop workshop, Caller caller)
    {
        if (!workshop.Actors.TryGetValue(caller.ActorKey, out var actor))
        {
            workshop.Actors[caller.ActorKey] = actor = new FloorActor();
        }

        return actor;
    }

    private static int UsedOn(FloorWorkshop workshop, FloorActor? actor, string boardId) =>
        actor is null ? 0 : actor.Votes.Where(v => workshop.Ideas.Exists(i => i.IdeaId == v.Key && i.BoardId == boardId)).Sum(v => v.Value);

    private static Idea View(FloorWorkshop workshop, FloorIdea idea, Caller? viewer, bool seesTallies) => new()
    {
        IdeaId = idea.IdeaId,
        BoardId = idea.BoardId,
        Text = idea.Text,
        Mine = viewer is not null && viewer.ActorKey == idea.AuthorKey,
        CreatedAt = idea.CreatedAt,
        Status = IdeaStatus.Visible,
        Votes = seesTallies ? workshop.Tallies.GetValueOrDefault(idea.IdeaId) : null,
    };

    private static string BoardId(int index) => "b" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private void Queue(string group, string method, object payload) => _notices.Writer.TryWrite(new FloorNotice(group, method, payload));

    private string NewToken(Caller caller)
    {
        var token = "flt_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = caller;
        return token;
    }

    private static string NewKey(string prefix) => prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
