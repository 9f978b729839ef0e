using System.Globalization;
using System.Text;
using Workshops.Contracts;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>What each viewer may see of a workshop: pure functions of the state.</summary>
public static class WorkshopViews
{
    public static WorkshopSnapshot Snapshot(WorkshopModelState state, string workshopId, Caller caller, int presence)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(caller);
        var staff = caller.IsStaff;
        var seesTallies = staff || state.ResultsVisibleToParticipants;
        state.Actors.TryGetValue(caller.ActorKey, out var me);

        var boards = new List<Board>(state.Areas.Count);
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < state.Areas.Count; i++)
        {
            var boardId = WorkshopModelState.BoardIdOf(i);
            var consensus = seesTallies ? ConsensusOf(state, boardId) : null;
            var ideas = state.Ideas
                .Where(idea => string.Equals(idea.BoardId, boardId, StringComparison.Ordinal)
                    && (staff || idea.Status == IdeaStatus.Visible || IsAuthor(caller, idea)))
                .Select(idea => IdeaView(state, idea, mine: IsAuthor(caller, idea), seesTallies, staff, consensus))
                .ToList();
            boards.Add(new Board(boardId, state.Areas[i], ideas));
            if (caller.Role == Role.Participant)
            {
                remaining[boardId] = Math.Max(0, state.Settings.VotesPerBoard - UsedOnBoard(state, me, boardId));
            }
        }

        return new WorkshopSnapshot
        {
            WorkshopId = workshopId,
            EventId = state.EventId,
            Title = state.Title,
            Phase = state.Phase,
            Version = state.Version,
            TallySeq = staff ? state.StaffTallySeq : state.ParticipantTallySeq,
            TimerEndsAt = state.TimerEndsAt,
            Settings = state.Settings,
            Boards = boards,
            Outputs = [.. state.BoardIds.Select(b => OutputOf(state, b, staff))],
            Participants = presence,
            Language = state.Language,
            Me = new Me
            {
                Role = caller.Role,
                ParticipantId = caller.ParticipantId,
                Votes = me is null ? new Dictionary<string, int>() : new Dictionary<string, int>(me.Votes.Where(v => v.Value > 0), StringComparer.Ordinal),
                Remaining = remaining,
            },
        };
    }

    public static WorkshopSummary Summary(WorkshopModelState state, string workshopId, int presence)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new WorkshopSummary(workshopId, state.Title, state.Phase, presence, state.Ideas.Count(i => i.Status == IdeaStatus.Visible), TotalVotes(state))
        {
            Removable = state.Untouched,
        };
    }

    public static int TotalVotes(WorkshopModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Tallies.Values.Sum();
    }

    /// <summary>Digital votes plus raised hands (section 9): what ranks ideas and outputs.</summary>
    public static int TotalOf(WorkshopModelState state, IdeaState idea)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(idea);
        return state.Tallies.GetValueOrDefault(idea.IdeaId) + idea.HallVotes;
    }

    public static WorkshopExport Export(WorkshopModelState state, string workshopId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var outputs = new List<OutputExport>();
        var boards = new List<BoardExport>();
        for (var i = 0; i < state.Areas.Count; i++)
        {
            var boardId = WorkshopModelState.BoardIdOf(i);
            var output = OutputOf(state, boardId, forStaff: true, allGroups: true);
            var board = ConsensusOf(state, boardId);
            outputs.Add(new OutputExport
            {
                Area = output.Area,
                Text = output.Text,
                Votes = output.Votes,
                VotesByGroup = output.VotesByGroup,
                Source = output.Source,
                SourceIdeaIds = output.SourceIdeaIds,
                Consensus = output.Consensus,
                Support = output.Support,
                HallVotes = output.HallVotes,
            });
            var ideas = state.Ideas
                .Select((idea, order) => (idea, order))
                .Where(x => string.Equals(x.idea.BoardId, boardId, StringComparison.Ordinal))
                .OrderByDescending(x => TotalOf(state, x.idea))
                .ThenBy(x => x.order)
                .Select(x => (x.idea, consensus: board.For(x.idea.IdeaId)))
                .Select(x => new IdeaExport
                {
                    IdeaId = x.idea.IdeaId,
                    Text = x.idea.Text,
                    Author = state.Settings.AnonymousIdeas ? null : x.idea.AuthorName,
                    Votes = state.Tallies.GetValueOrDefault(x.idea.IdeaId),
                    VotesByGroup = VotesByGroup(state, [x.idea.IdeaId]),
                    Status = x.idea.Status,
                    Consensus = x.consensus.Consensus,
                    Support = x.consensus.Support,
                    HallVotes = x.idea.HallVotes,
                    Source = x.idea.Source,
                })
                .ToList();
            boards.Add(new BoardExport { Area = state.Areas[i], Ideas = ideas });
        }

        return new WorkshopExport
        {
            WorkshopId = workshopId,
            Title = state.Title,
            Phase = state.Phase,
            Participants = state.Actors.Count(a => a.Value.Role == Role.Participant),
            ParticipantIds = [.. state.Actors.Where(a => a.Value.Role == Role.Participant).Select(a => ParticipantIdOf(a.Key))],
            Ideas = state.Ideas.Count,
            Votes = TotalVotes(state),
            HallVotes = state.Ideas.Sum(i => i.HallVotes),
            Outputs = outputs,
            Boards = boards,
            Audit = [.. state.Audit.Select(a => new AuditEntry { At = a.At, Role = a.Role, Action = a.Action, IdeaId = a.IdeaId, Detail = a.Detail })],
        };
    }

    /// <summary>
    /// One idea as a viewer sees it. Consensus goes with the votes; the support per group only
    /// to staff, and only when some group qualifies. Pass the board's consensus when viewing many
    /// ideas of one board, so it is tallied once.
    /// </summary>
    public static Idea IdeaView(WorkshopModelState state, IdeaState idea, bool mine, bool seesTallies, bool staff = false, BoardConsensus? board = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(idea);
        var consensus = seesTallies ? (board ?? ConsensusOf(state, idea.BoardId)).For(idea.IdeaId) : null;
        return new()
        {
            IdeaId = idea.IdeaId,
            BoardId = idea.BoardId,
            Text = idea.Text,
            Author = state.Settings.AnonymousIdeas ? null : idea.AuthorName,
            Mine = mine,
            CreatedAt = idea.CreatedAt,
            Status = idea.Status,
            MergedInto = idea.MergedInto,
            Votes = seesTallies ? state.Tallies.GetValueOrDefault(idea.IdeaId) : null,
            Consensus = consensus?.Consensus,
            Support = staff && consensus is { Support.Count: > 0 } ? consensus.Support : null,
            HallVotes = seesTallies ? idea.HallVotes : null,
            Source = idea.Source,
        };
    }

    public static bool IsAuthor(Caller caller, IdeaState idea)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(idea);
        return string.Equals(idea.AuthorKey, caller.ActorKey, StringComparison.Ordinal);
    }

    /// <summary>
    /// The ballots of one board: every person's group and the ideas of the board they hold at
    /// least one dot on (any status: a vote on an idea hidden later still spent the budget on
    /// this board). Merges move votes, so supporters move with them; deleted ideas gave theirs back.
    /// </summary>
    public static BoardConsensus ConsensusOf(WorkshopModelState state, string boardId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var ballots = new List<Ballot>();
        foreach (var actor in state.Actors.Values)
        {
            List<string>? dotted = null;
            foreach (var (ideaId, votes) in actor.Votes)
            {
                if (votes > 0 && state.FindIdea(ideaId) is { } idea && string.Equals(idea.BoardId, boardId, StringComparison.Ordinal))
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
    public static Dictionary<string, double?> ConsensusOfBoards(WorkshopModelState state, IEnumerable<string> ideaIds, bool visibleOnly)
    {
        ArgumentNullException.ThrowIfNull(state);
        var result = new Dictionary<string, double?>(StringComparer.Ordinal);
        var boards = ideaIds.Select(id => state.FindIdea(id)?.BoardId).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var boardId in boards)
        {
            var board = ConsensusOf(state, boardId);
            foreach (var idea in state.Ideas)
            {
                if (string.Equals(idea.BoardId, boardId, StringComparison.Ordinal) && (!visibleOnly || idea.Status == IdeaStatus.Visible))
                {
                    result[idea.IdeaId] = board.For(idea.IdeaId).Consensus;
                }
            }
        }

        return result;
    }

    public static int UsedOnBoard(WorkshopModelState state, ActorState? actor, string boardId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (actor is null)
        {
            return 0;
        }

        var used = 0;
        foreach (var (ideaId, votes) in actor.Votes)
        {
            if (state.FindIdea(ideaId) is { } idea && string.Equals(idea.BoardId, boardId, StringComparison.Ordinal))
            {
                used += votes;
            }
        }

        return used;
    }

    /// <summary>Votes on these ideas by stakeholder group; undeclared voters under "".</summary>
    public static Dictionary<string, int> VotesByGroup(WorkshopModelState state, IReadOnlyCollection<string> ideaIds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ideaIds);
        var byGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var actor in state.Actors.Values)
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
    public static Output OutputOf(WorkshopModelState state, string boardId, bool forStaff, bool allGroups = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        var area = state.Areas[state.AreaIndex(boardId)];
        if (!forStaff && !state.ResultsVisibleToParticipants)
        {
            return new Output { BoardId = boardId, Area = area, Text = "", Source = OutputSource.TopVoted };
        }

        var board = ConsensusOf(state, boardId);
        Dictionary<string, int> ByGroup(IReadOnlyCollection<string> ideaIds)
        {
            var all = VotesByGroup(state, ideaIds);
            return allGroups ? all : board.Shown(all);
        }

        if (state.Outputs.TryGetValue(boardId, out var chosen))
        {
            var consensus = board.For(chosen.SourceIdeaIds);
            var chosenIdeas = chosen.SourceIdeaIds.Select(state.FindIdea).OfType<IdeaState>().ToList();
            return new Output
            {
                BoardId = boardId,
                Area = area,
                Text = chosen.Text,
                SourceIdeaIds = [.. chosen.SourceIdeaIds],
                Votes = chosen.SourceIdeaIds.Sum(id => state.Tallies.GetValueOrDefault(id)) + chosenIdeas.Sum(i => i.HallVotes),
                HallVotes = chosenIdeas.Sum(i => i.HallVotes),
                VotesByGroup = ByGroup(chosen.SourceIdeaIds),
                Source = OutputSource.Facilitator,
                Consensus = consensus.Consensus,
                Support = consensus.Support,
            };
        }

        IdeaState? top = null;
        var topVotes = -1;
        foreach (var idea in state.Ideas)
        {
            if (idea.Status == IdeaStatus.Visible && string.Equals(idea.BoardId, boardId, StringComparison.Ordinal))
            {
                var votes = TotalOf(state, idea);
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
            HallVotes = top.HallVotes,
            VotesByGroup = ByGroup([top.IdeaId]),
            Source = OutputSource.TopVoted,
            Consensus = topConsensus.Consensus,
            Support = topConsensus.Support,
        };
    }

    /// <summary>A value that changes whenever anything a viewer sees of an output changes.</summary>
    public static string OutputKey(Output output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var key = new StringBuilder()
            .Append(output.Source).Append('\u0001').Append(output.Text).Append('\u0001')
            .Append(output.Votes.ToString(CultureInfo.InvariantCulture)).Append('\u0001')
            .Append(output.HallVotes.ToString(CultureInfo.InvariantCulture)).Append('\u0001')
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

    /// <summary>The event-wide participant id inside a participant's actor key ("p:" + id).</summary>
    public static string ParticipantIdOf(string actorKey)
    {
        ArgumentNullException.ThrowIfNull(actorKey);
        return actorKey.StartsWith("p:", StringComparison.Ordinal) ? actorKey[2..] : actorKey;
    }
}
