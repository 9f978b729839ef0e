using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;
using static Workshops.Domain.Model.WorkshopAccess;

namespace Workshops.Domain.Model;

/// <summary>Dot voting. A vote takes no version: its count goes out on the tally stream.</summary>
public static class VoteCommands
{
    public static Decision<VoteReceipt> Cast(WorkshopModel model, WorkshopModelState state, Caller caller, string ideaId, string clientOpId, DateTimeOffset now) =>
        Change(model, state, caller, ideaId, clientOpId, OpKind.CastVote, now);

    public static Decision<VoteReceipt> Retract(WorkshopModel model, WorkshopModelState state, Caller caller, string ideaId, string clientOpId, DateTimeOffset now) =>
        Change(model, state, caller, ideaId, clientOpId, OpKind.RetractVote, now);

    private static Decision<VoteReceipt> Change(WorkshopModel model, WorkshopModelState state, Caller caller, string ideaId, string clientOpId, OpKind kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireParticipant(state, model.WorkshopId, caller);
        var opId = TextRules.ClientOpId(clientOpId);

        // The same clientOpId again returns the first result and changes nothing, in any phase.
        if (FindOp(state, caller, opId) is { } done)
        {
            if (done.Kind != kind || !string.Equals(done.IdeaId, ideaId, StringComparison.Ordinal))
            {
                throw WorkshopException.Conflict("this clientOpId was used for another operation");
            }

            return new([], [], new VoteReceipt(done.IdeaId, done.MyVotes, done.Remaining));
        }

        if (state.Phase != WorkshopPhase.Voting)
        {
            throw WorkshopException.WrongPhase($"votes are cast during Voting; the workshop is in {state.Phase}");
        }

        var idea = FindIdea(state, ideaId);

        // A vote on an idea hidden after it was cast may still be taken back.
        if (idea.Status != IdeaStatus.Visible && !(kind == OpKind.RetractVote && idea.Status == IdeaStatus.Hidden))
        {
            throw idea.Status == IdeaStatus.Merged
                ? WorkshopException.Conflict($"this idea was merged into {idea.MergedInto}; vote there")
                : WorkshopException.NotFound($"no idea '{ideaId}' in this workshop");
        }

        state.Actors.TryGetValue(caller.ActorKey, out var existing);
        var mine = existing?.Votes.GetValueOrDefault(idea.IdeaId) ?? 0;
        var used = WorkshopViews.UsedOnBoard(state, existing, idea.BoardId);
        if (kind == OpKind.CastVote)
        {
            if (mine >= state.Settings.MaxVotesPerIdea)
            {
                throw WorkshopException.VoteLimit($"at most {state.Settings.MaxVotesPerIdea} vote(s) per idea");
            }

            if (used >= state.Settings.VotesPerBoard)
            {
                throw WorkshopException.VoteLimit($"all {state.Settings.VotesPerBoard} votes of this board are spent");
            }
        }
        else if (mine <= 0)
        {
            throw WorkshopException.Conflict("there is no vote of yours on this idea to take back");
        }

        // One event and no notice (the count goes out on the tally stream): placed and folded here
        // rather than through a Change, the commonest command of a storm allocating no more than it needs.
        var vote = new VoteChanged
        {
            Position = state.Position + 1,
            At = now,
            ActorKey = caller.ActorKey,
            Group = caller.Group ?? "",
            IdeaId = idea.IdeaId,
            Delta = kind == OpKind.CastVote ? 1 : -1,
            ClientOpId = opId,
        };
        WorkshopFold.Apply(state, vote);
        model.TallyMoved(idea.IdeaId);
        var op = state.Actors[caller.ActorKey].Ops[opId];
        return new([vote], [], new VoteReceipt(op.IdeaId, op.MyVotes, op.Remaining));
    }
}
