using Workshops.Contracts;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>Who may do what: the contract's role table, scoped to the workshop's event.</summary>
public static class WorkshopAccess
{
    public static void RequireExisting(WorkshopModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Initialized)
        {
            throw WorkshopException.NotFound("no such workshop");
        }
    }

    public static void RequireReader(WorkshopModelState state, string workshopId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireExisting(state);
        var inScope = caller.Role switch
        {
            Role.Admin => true,
            Role.Moderator or Role.Participant => string.Equals(caller.EventId, state.EventId, StringComparison.Ordinal),
            Role.Facilitator => string.Equals(caller.WorkshopId, workshopId, StringComparison.Ordinal)
                && string.Equals(caller.EventId, state.EventId, StringComparison.Ordinal),
            _ => false,
        };
        if (!inScope)
        {
            throw WorkshopException.Forbidden("this token does not reach this workshop");
        }

        if (caller.Role == Role.Participant && string.IsNullOrEmpty(caller.ParticipantId))
        {
            throw WorkshopException.Forbidden("participant token without a participant id");
        }
    }

    public static void RequireStaff(WorkshopModelState state, string workshopId, Caller caller)
    {
        RequireReader(state, workshopId, caller);
        if (!caller.IsStaff)
        {
            throw WorkshopException.Forbidden("only the workshop's facilitator or the event's moderator may do this");
        }
    }

    /// <summary>Staff changes other than a phase change stop once the workshop is closed.</summary>
    public static void RequireStaffNotClosed(WorkshopModelState state, string workshopId, Caller caller)
    {
        RequireStaff(state, workshopId, caller);
        RequireNotClosed(state);
    }

    public static void RequireNotClosed(WorkshopModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase == WorkshopPhase.Closed)
        {
            throw WorkshopException.WrongPhase("the workshop is closed");
        }
    }

    public static void RequireParticipant(WorkshopModelState state, string workshopId, Caller caller)
    {
        RequireReader(state, workshopId, caller);
        if (caller.Role != Role.Participant)
        {
            throw WorkshopException.Forbidden("only participants vote");
        }
    }

    public static IdeaState FindIdea(WorkshopModelState state, string? ideaId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.FindIdea(ideaId) ?? throw WorkshopException.NotFound($"no idea '{ideaId}' in this workshop");
    }

    public static int AreaIndex(WorkshopModelState state, string? boardId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var index = state.AreaIndex(boardId);
        return index >= 0 ? index : throw WorkshopException.NotFound($"no board '{boardId}' in this workshop");
    }

    public static void RequireAuthorInBrainstormOrStaff(WorkshopModelState state, Caller caller, IdeaState idea, string what)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsStaff)
        {
            RequireNotClosed(state);
            return;
        }

        if (!WorkshopViews.IsAuthor(caller, idea))
        {
            throw WorkshopException.Forbidden($"only its author or a facilitator may {what} this idea");
        }

        if (state.Phase != WorkshopPhase.Brainstorm)
        {
            throw WorkshopException.WrongPhase($"authors {what} their ideas during Brainstorm; the workshop is in {state.Phase}");
        }
    }

    public static OpState? FindOp(WorkshopModelState state, Caller caller, string clientOpId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(caller);
        return state.Actors.TryGetValue(caller.ActorKey, out var actor) && actor.Ops.TryGetValue(clientOpId, out var op) ? op : null;
    }
}
