using System.Globalization;
using System.Text;
using Workshops.Contracts;

namespace Workshops.Grains;

// What each viewer may see, and what each audience is told of a change.
public sealed partial class WorkshopGrain
{
    public Task<WorkshopSnapshot> GetSnapshot(Caller caller)
    {
        RequireReader(caller);
        var staff = caller.IsStaff;
        var seesTallies = staff || ResultsVisibleToParticipants;
        S.Actors.TryGetValue(caller.ActorKey, out var me);

        var boards = new List<Board>(S.Areas.Count);
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < S.Areas.Count; i++)
        {
            var boardId = BoardIdOf(i);
            var consensus = seesTallies ? ConsensusOf(boardId) : null;
            var ideas = S.Ideas
                .Where(idea => string.Equals(idea.BoardId, boardId, StringComparison.Ordinal)
                    && (staff || idea.Status == IdeaStatus.Visible || IsAuthor(caller, idea)))
                .Select(idea => View(idea, mine: IsAuthor(caller, idea), seesTallies, staff, consensus))
                .ToList();
            boards.Add(new Board(boardId, S.Areas[i], ideas));
            if (caller.Role == Role.Participant)
            {
                remaining[boardId] = Math.Max(0, S.Settings.VotesPerBoard - UsedOnBoard(me, boardId));
            }
        }

        var snapshot = new WorkshopSnapshot
        {
            WorkshopId = Id,
            EventId = S.EventId,
            Title = S.Title,
            Phase = S.Phase,
            Version = S.Version,
            TallySeq = staff ? S.StaffTallySeq : S.ParticipantTallySeq,
            TimerEndsAt = S.TimerEndsAt,
            Settings = S.Settings,
            Boards = boards,
            Outputs = [.. Enumerable.Range(0, S.Areas.Count).Select(i => ComputeOutput(BoardIdOf(i), staff))],
            Participants = _presence,
            Language = S.Language,
            Me = new Me
            {
                Role = caller.Role,
                ParticipantId = caller.ParticipantId,
                Votes = me is null ? new Dictionary<string, int>() : new Dictionary<string, int>(me.Votes.Where(v => v.Value > 0), StringComparer.Ordinal),
                Remaining = remaining,
            },
        };
        return Task.FromResult(snapshot);
    }

    public Task<WorkshopSummary> GetSummary()
    {
        RequireExisting();

        return Task.FromResult(new WorkshopSummary(Id, S.Title, S.Phase, _presence, VisibleIdeaCount(), TotalVotes()) { Removable = Untouched });
    }

    private int VisibleIdeaCount() => S.Ideas.Count(idea => idea.Status == IdeaStatus.Visible);

    private int TotalVotes() => _tallies.Values.Sum();

    /// <summary>
    /// One idea as a viewer sees it. Consensus goes with the votes; the support per group only
    /// to staff (participants get the one number), and only when some group qualifies. Pass the board's consensus when viewing many
    /// ideas of one board, so it is tallied once.
    /// </summary>
    private Idea View(IdeaRecord idea, bool mine, bool seesTallies, bool staff = false, BoardConsensus? board = null)
    {
        var consensus = seesTallies ? (board ?? ConsensusOf(idea.BoardId)).For(idea.IdeaId) : null;
        return new()
        {
            IdeaId = idea.IdeaId,
            BoardId = idea.BoardId,
            Text = idea.Text,
            Author = S.Settings.AnonymousIdeas ? null : idea.AuthorName,
            Mine = mine,
            CreatedAt = idea.CreatedAt,
            Status = idea.Status,
            MergedInto = idea.MergedInto,
            Votes = seesTallies ? _tallies.GetValueOrDefault(idea.IdeaId) : null,
            Consensus = consensus?.Consensus,
            Support = staff && consensus is { Support.Count: > 0 } ? consensus.Support : null,
        };
    }

    /// <summary>
    /// The ballots of one board: every person's group and the ideas of the board they hold at
    /// least one dot on (any status: a vote on an idea hidden later still spent the budget on
    /// this board). Merges move votes, so supporters move with them; deleted ideas gave theirs back.
    /// </summary>
    private BoardConsensus ConsensusOf(string boardId)
    {
        var ballots = new List<Ballot>();
        foreach (var actor in S.Actors.Values)
        {
            List<string>? dotted = null;
            foreach (var (ideaId, votes) in actor.Votes)
            {
                if (votes > 0 && _ideas.TryGetValue(ideaId, out var idea) && string.Equals(idea.BoardId, boardId, StringComparison.Ordinal))
                {
                    (dotted ??= []).Add(ideaId);
                }
            }

            if (dotted is not null)
            {
                ballots.Add(new Ballot(actor.Group, dotted));
            }
        }

        return new BoardConsensus(ballots);
    }

    /// <summary>The consensus of every idea on the boards of these ideas, for a tally announcement.</summary>
    private Dictionary<string, double?> ConsensusOfBoards(IEnumerable<string> ideaIds, bool visibleOnly)
    {
        var result = new Dictionary<string, double?>(StringComparer.Ordinal);
        var boards = ideaIds.Select(id => _ideas.TryGetValue(id, out var idea) ? idea.BoardId : null)
            .OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var boardId in boards)
        {
            var board = ConsensusOf(boardId);
            foreach (var idea in S.Ideas)
            {
                if (string.Equals(idea.BoardId, boardId, StringComparison.Ordinal) && (!visibleOnly || idea.Status == IdeaStatus.Visible))
                {
                    result[idea.IdeaId] = board.For(idea.IdeaId).Consensus;
                }
            }
        }

        return result;
    }

    private int UsedOnBoard(ActorRecord? actor, string boardId)
    {
        if (actor is null)
        {
            return 0;
        }

        var used = 0;
        foreach (var (ideaId, votes) in actor.Votes)
        {
            if (_ideas.TryGetValue(ideaId, out var idea) && string.Equals(idea.BoardId, boardId, StringComparison.Ordinal))
            {
                used += votes;
            }
        }

        return used;
    }

    /// <summary>Votes on these ideas by stakeholder group; undeclared voters under "".</summary>
    private Dictionary<string, int> VotesByGroup(IReadOnlyCollection<string> ideaIds)
    {
        var byGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var actor in S.Actors.Values)
        {
            foreach (var ideaId in ideaIds)
            {
                if (actor.Votes.TryGetValue(ideaId, out var votes) && votes > 0)
                {
                    byGroup[actor.Group] = byGroup.GetValueOrDefault(actor.Group) + votes;
                }
            }
        }

        return byGroup;
    }

    /// <summary>
    /// The board's output: the facilitator's choice, else its top-voted visible idea (ties: the
    /// earliest). Participants see outputs only while results are shown (else an empty one),
    /// since a top-voted output would reveal the hidden tallies.
    /// </summary>
    /// <remarks>
    /// Views show the votes of a group only when at least 3 of its people voted on the board
    /// (section 10); the staff export passes <paramref name="allGroups"/> and gets every group.
    /// </remarks>
    private Output ComputeOutput(string boardId, bool forStaff, bool allGroups = false)
    {
        var area = S.Areas[AreaIndex(boardId)];
        if (!forStaff && !ResultsVisibleToParticipants)
        {
            return new Output { BoardId = boardId, Area = area, Text = "", Source = OutputSource.TopVoted };
        }

        var board = ConsensusOf(boardId);
        Dictionary<string, int> ByGroup(IReadOnlyCollection<string> ideaIds)
        {
            var all = VotesByGroup(ideaIds);
            return allGroups ? all : board.Shown(all);
        }

        if (S.Outputs.TryGetValue(boardId, out var chosen))
        {
            var consensus = board.For(chosen.SourceIdeaIds);
            return new Output
            {
                BoardId = boardId,
                Area = area,
                Text = chosen.Text,
                SourceIdeaIds = [.. chosen.SourceIdeaIds],
                Votes = chosen.SourceIdeaIds.Sum(id => _tallies.GetValueOrDefault(id)),
                VotesByGroup = ByGroup(chosen.SourceIdeaIds),
                Source = OutputSource.Facilitator,
                Consensus = consensus.Consensus,
                Support = consensus.Support,
            };
        }

        IdeaRecord? top = null;
        var topVotes = -1;
        foreach (var idea in S.Ideas)
        {
            if (idea.Status == IdeaStatus.Visible && string.Equals(idea.BoardId, boardId, StringComparison.Ordinal))
            {
                var votes = _tallies.GetValueOrDefault(idea.IdeaId);
                if (votes > topVotes)
                {
                    (top, topVotes) = (idea, votes);
                }
            }
        }

        if (top is null)
        {
            return new Output { BoardId = boardId, Area = area, Text = "", Source = OutputSource.TopVoted };
        }

        var topConsensus = board.For(top.IdeaId);
        return new Output
        {
            BoardId = boardId,
            Area = area,
            Text = top.Text,
            SourceIdeaIds = [top.IdeaId],
            Votes = topVotes,
            VotesByGroup = ByGroup([top.IdeaId]),
            Source = OutputSource.TopVoted,
            Consensus = topConsensus.Consensus,
            Support = topConsensus.Support,
        };
    }

    /// <summary>A value that changes whenever anything a viewer sees of an output changes.</summary>
    private static string OutputKey(Output output)
    {
        var key = new StringBuilder()
            .Append(output.Source).Append('\u0001').Append(output.Text).Append('\u0001')
            .Append(output.Votes.ToString(CultureInfo.InvariantCulture)).Append('\u0001')
            .AppendJoin(',', output.SourceIdeaIds).Append('\u0001');
        foreach (var (group, votes) in output.VotesByGroup.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            key.Append(group).Append('=').Append(votes.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        key.Append('\u0001').Append(output.Consensus?.ToString("R", CultureInfo.InvariantCulture)).Append('\u0001');
        foreach (var support in output.Support)
        {
            key.Append(support.Group).Append('=')
                .Append(support.Supporters.ToString(CultureInfo.InvariantCulture)).Append('/')
                .Append(support.Voters.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return key.ToString();
    }

    /// <summary>
    /// Tells each audience of a change to one idea. Participants who may not see the idea (hidden
    /// or merged, not theirs) are told it was removed, or just that the version moved on.
    /// </summary>
    private void EmitIdea(IdeaRecord idea, string method, bool wasVisibleToOthers)
    {
        var participantAuthor = idea.AuthorKey.StartsWith("p:", StringComparison.Ordinal) ? idea.AuthorKey[2..] : null;
        var visibleNow = idea.Status == IdeaStatus.Visible;
        var seesTallies = ResultsVisibleToParticipants;
        Emit(version =>
        {
            var staff = new Delivery(Audience.Staff, null, method, new IdeaEvent(Id, version, View(idea, mine: !idea.AuthorKey.StartsWith("p:", StringComparison.Ordinal), seesTallies: true, staff: true)));
            var (othersMethod, othersPayload) = (visibleNow, wasVisibleToOthers) switch
            {
                (true, true) => (method, (object)new IdeaEvent(Id, version, View(idea, mine: false, seesTallies))),
                (true, false) => (EventNames.IdeaAdded, new IdeaEvent(Id, version, View(idea, mine: false, seesTallies))),
                (false, true) => (EventNames.IdeaRemoved, new IdeaRemovedEvent(Id, version, idea.IdeaId)),
                _ => (EventNames.VersionChanged, new VersionChangedEvent(Id, version)),
            };
            if (participantAuthor is null)
            {
                return [staff, new Delivery(Audience.Participants, null, othersMethod, othersPayload)];
            }

            return
            [
                staff,
                new Delivery(Audience.ParticipantsExcept, participantAuthor, othersMethod, othersPayload),
                new Delivery(Audience.Participant, participantAuthor, method, new IdeaEvent(Id, version, View(idea, mine: true, seesTallies))),
            ];
        });
    }

    /// <summary>One version, the same event for everyone.</summary>
    private void EmitToAll(string method, Func<long, object> payload) =>
        Emit(version =>
        {
            var body = payload(version);
            return [new Delivery(Audience.Staff, null, method, body), new Delivery(Audience.Participants, null, method, body)];
        });

    /// <summary>Announces, each under a version, the outputs that changed since they were last announced.</summary>
    private void EmitChangedOutputs(bool all = false)
    {
        foreach (var (staffView, participantView) in TakeChangedOutputs(all))
        {
            Emit(version =>
            [
                new Delivery(Audience.Staff, null, EventNames.OutputChanged, new OutputChangedEvent(Id, version, staffView)),
                new Delivery(Audience.Participants, null, EventNames.OutputChanged, new OutputChangedEvent(Id, version, participantView)),
            ]);
        }
    }

    /// <summary>The outputs (staff and participant views) that changed since they were last announced, marked announced.</summary>
    private List<(Output Staff, Output Participant)> TakeChangedOutputs(bool all = false)
    {
        var changed = new List<(Output Staff, Output Participant)>();
        for (var i = 0; i < S.Areas.Count; i++)
        {
            var boardId = BoardIdOf(i);
            var staffView = ComputeOutput(boardId, forStaff: true);
            var key = OutputKey(staffView);
            if (!all && _publishedOutputs.TryGetValue(boardId, out var published) && string.Equals(published, key, StringComparison.Ordinal))
            {
                continue;
            }

            _publishedOutputs[boardId] = key;
            changed.Add((staffView, ComputeOutput(boardId, forStaff: false)));
        }

        return changed;
    }

    /// <summary>
    /// When participants start seeing results, their next tally announcement carries every idea's
    /// count; it rides in the notice of the change that showed the results (after that change's
    /// own event), so it needs no version. Staff counts did not change: they get nothing here.
    /// Outputs change for participants either way, each under a version. Call it right after the
    /// Emit of the change that moved the visibility.
    /// </summary>
    private void EmitResultsVisibility()
    {
        if (ResultsVisibleToParticipants)
        {
            var all = _ideas.Values.Where(i => i.Status == IdeaStatus.Visible)
                .ToDictionary(i => i.IdeaId, i => _tallies.GetValueOrDefault(i.IdeaId), StringComparer.Ordinal);
            var tallies = new Delivery(Audience.Participants, null, EventNames.TalliesChanged,
                new TalliesChangedEvent(Id, ++S.ParticipantTallySeq, all, ConsensusOfBoards(all.Keys, visibleOnly: true)));
            var last = _outbox[^1];
            _outbox[^1] = last with { Deliveries = [.. last.Deliveries, tallies] };
        }

        EmitChangedOutputs(all: true);
    }
}
