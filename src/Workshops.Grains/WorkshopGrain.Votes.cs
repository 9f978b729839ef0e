using Workshops.Contracts;

namespace Workshops.Grains;

// Dot voting, and tallies announced at most every TallyInterval.
public sealed partial class WorkshopGrain
{
    public Task<VoteReceipt> CastVote(Caller caller, string ideaId, string clientOpId) =>
        ChangeVote(caller, ideaId, clientOpId, OpKind.CastVote);

    public Task<VoteReceipt> RetractVote(Caller caller, string ideaId, string clientOpId) =>
        ChangeVote(caller, ideaId, clientOpId, OpKind.RetractVote);

    private async Task<VoteReceipt> ChangeVote(Caller caller, string ideaId, string clientOpId, OpKind kind)
    {
        RequireParticipant(caller);
        var opId = TextRules.ClientOpId(clientOpId);

        // The same clientOpId again returns the first result and changes nothing, in any phase.
        if (FindOp(caller, opId) is { } done)
        {
            if (done.Kind != kind || !string.Equals(done.IdeaId, ideaId, StringComparison.Ordinal))
            {
                throw WorkshopException.Conflict("this clientOpId was used for another operation");
            }

            await _commit.FlushedAsync();
            return new VoteReceipt(done.IdeaId, done.MyVotes, done.Remaining);
        }

        if (S.Phase != WorkshopPhase.Voting)
        {
            throw WorkshopException.WrongPhase($"votes are cast during Voting; the workshop is in {S.Phase}");
        }

        var idea = FindIdea(ideaId);

        // A vote on an idea hidden after it was cast may still be taken back.
        if (idea.Status != IdeaStatus.Visible && !(kind == OpKind.RetractVote && idea.Status == IdeaStatus.Hidden))
        {
            throw idea.Status == IdeaStatus.Merged
                ? WorkshopException.Conflict($"this idea was merged into {idea.MergedInto}; vote there")
                : WorkshopException.NotFound($"no idea '{ideaId}' in this workshop");
        }

        S.Actors.TryGetValue(caller.ActorKey, out var existing);
        var mine = existing?.Votes.GetValueOrDefault(idea.IdeaId) ?? 0;
        var used = UsedOnBoard(existing, idea.BoardId);
        int delta;
        if (kind == OpKind.CastVote)
        {
            if (mine >= S.Settings.MaxVotesPerIdea)
            {
                throw WorkshopException.VoteLimit($"at most {S.Settings.MaxVotesPerIdea} vote(s) per idea");
            }

            if (used >= S.Settings.VotesPerBoard)
            {
                throw WorkshopException.VoteLimit($"all {S.Settings.VotesPerBoard} votes of this board are spent");
            }

            delta = 1;
        }
        else
        {
            if (mine <= 0)
            {
                throw WorkshopException.Conflict("there is no vote of yours on this idea to take back");
            }

            delta = -1;
        }

        var actor = Actor(caller);
        mine += delta;
        if (mine == 0)
        {
            actor.Votes.Remove(idea.IdeaId);
        }
        else
        {
            actor.Votes[idea.IdeaId] = mine;
        }

        _tallies[idea.IdeaId] = _tallies.GetValueOrDefault(idea.IdeaId) + delta;
        var receipt = new VoteReceipt(idea.IdeaId, mine, Math.Max(0, S.Settings.VotesPerBoard - (used + delta)));
        RecordOp(actor, opId, new OpRecord { Kind = kind, IdeaId = idea.IdeaId, MyVotes = receipt.MyVotes, Remaining = receipt.Remaining });
        _dirtyTallies.Add(idea.IdeaId);
        EnsureTallyTimer();
        await _commit.CommitAsync();
        WorkshopsMetrics.VoteStored(kind == OpKind.CastVote);
        return receipt;
    }

    private void EnsureTallyTimer()
    {
        _tallyTimer ??= this.RegisterGrainTimer(FlushTalliesAsync, new GrainTimerCreationOptions(TallyInterval, TallyInterval) { Interleave = true });
    }

    /// <summary>
    /// Coalesces the votes of the last interval into one announcement on the tally stream
    /// (absolute counts of the ideas that changed, and the top-voted outputs they moved). It takes
    /// no version: staff always get it under their next seq, participants only while results are
    /// shown and only when something they may see changed, under theirs. Stops itself when idle,
    /// so the last state is always sent.
    /// </summary>
    private async Task FlushTalliesAsync(CancellationToken cancellationToken)
    {
        if (_dirtyTallies.Count == 0 || _commit.IsBroken)
        {
            _tallyTimer?.Dispose();
            _tallyTimer = null;
            return;
        }

        var changed = _dirtyTallies.ToDictionary(id => id, id => _tallies.GetValueOrDefault(id), StringComparer.Ordinal);
        _dirtyTallies.Clear();
        var outputs = TakeChangedOutputs();
        var staffOutputs = outputs.Select(o => o.Staff).ToList();
        var deliveries = new List<Delivery>(2)
        {
            new(Audience.Staff, null, EventNames.TalliesChanged, new TalliesChangedEvent(
                Id, ++S.StaffTallySeq, changed, ConsensusOfBoards(changed.Keys, visibleOnly: false), staffOutputs.Count > 0 ? staffOutputs : null)),
        };
        if (ResultsVisibleToParticipants)
        {
            var forParticipants = changed
                .Where(pair => _ideas.TryGetValue(pair.Key, out var idea) && idea.Status == IdeaStatus.Visible)
                .ToDictionary(StringComparer.Ordinal);
            var consensus = ConsensusOfBoards(changed.Keys, visibleOnly: true);
            if (forParticipants.Count > 0 || consensus.Count > 0 || outputs.Count > 0)
            {
                var participantOutputs = outputs.Select(o => o.Participant).ToList();
                deliveries.Add(new(Audience.Participants, null, EventNames.TalliesChanged, new TalliesChangedEvent(
                    Id, ++S.ParticipantTallySeq, forParticipants, consensus, participantOutputs.Count > 0 ? participantOutputs : null)));
            }
        }

        _outbox.Add(new WorkshopNotice(Id, NoticeNumber, deliveries));
        try
        {
            // Only the seqs are new: the votes were stored when they were cast.
            await _commit.CommitLightAsync();
        }
        catch (WorkshopException ex)
        {
            Log.TalliesNotStored(_logger, ex, Id);
        }
    }
}
