using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;
using static Workshops.Domain.Model.WorkshopAccess;

namespace Workshops.Domain.Model;

/// <summary>Raised hands counted in the room (section 9), typed in by staff per idea.</summary>
public static class HallVoteCommands
{
    public const int MaxHallVotes = 100_000;

    /// <summary>
    /// Replaces the idea's hall count. The same count again changes nothing (no event, no audit,
    /// no version). While everyone who sees the idea also sees its count (results shown, idea
    /// visible), the change takes a version and reaches every audience as <c>ideaChanged</c>;
    /// otherwise it takes none and rides the tally stream, which participants get only while
    /// results are shown: nobody receives a message for a count they may not see.
    /// </summary>
    public static Decision<Idea> Set(WorkshopModel model, WorkshopModelState state, Caller caller, string ideaId, int count, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireStaff(state, model.WorkshopId, caller);
        if (state.Phase is not (WorkshopPhase.Voting or WorkshopPhase.Results))
        {
            throw WorkshopException.WrongPhase($"hall votes are typed in during Voting or Results; the workshop is in {state.Phase}");
        }

        var idea = FindIdea(state, ideaId);
        if (idea.Status == IdeaStatus.Merged)
        {
            throw WorkshopException.Conflict($"this idea was merged into {idea.MergedInto}; count its hands there");
        }

        if (count is < 0 or > MaxHallVotes)
        {
            throw WorkshopException.Invalid($"hall votes are 0 to {MaxHallVotes}");
        }

        var change = new Change(state, model.WorkshopId, now);
        if (count != idea.HallVotes)
        {
            var detail = FormattableString.Invariant($"{idea.HallVotes} → {count}");
            WorkshopBudget.RequireRoom(state, WorkshopBudget.AuditUnits("hall-votes", idea.IdeaId, detail));
            var takesVersion = state.ResultsVisibleToParticipants && idea.Status == IdeaStatus.Visible;
            change.Raise(new HallVotesSet { IdeaId = idea.IdeaId, Count = count, Previous = idea.HallVotes, TakesVersion = takesVersion }, caller.Role);
            if (takesVersion)
            {
                model.EmitIdea(change, state.Version, idea, EventNames.IdeaChanged, wasVisibleToOthers: true);
                model.EmitChangedOutputs(change);
            }
            else
            {
                model.HallVotesMoved(idea.IdeaId);
            }
        }

        return change.Done(WorkshopViews.IdeaView(state, idea, mine: WorkshopViews.IsAuthor(caller, idea), seesTallies: true, staff: true));
    }
}
