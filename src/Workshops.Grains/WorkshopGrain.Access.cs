using Workshops.Contracts;

namespace Workshops.Grains;

// Who may do what: the contract's role table, scoped to this workshop's event.
public sealed partial class WorkshopGrain
{
    private void RequireReader(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireExisting();
        var inScope = caller.Role switch
        {
            Role.Admin => true,
            Role.Moderator or Role.Participant => string.Equals(caller.EventId, S.EventId, StringComparison.Ordinal),
            Role.Facilitator => string.Equals(caller.WorkshopId, Id, StringComparison.Ordinal)
                && string.Equals(caller.EventId, S.EventId, StringComparison.Ordinal),
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

    private void RequireStaff(Caller caller)
    {
        RequireReader(caller);
        if (!caller.IsStaff)
        {
            throw WorkshopException.Forbidden("only the workshop's facilitator or the event's moderator may do this");
        }
    }

    /// <summary>Staff changes other than a phase change stop once the workshop is closed.</summary>
    private void RequireStaffNotClosed(Caller caller)
    {
        RequireStaff(caller);
        RequireNotClosed();
    }

    private void RequireNotClosed()
    {
        if (S.Phase == WorkshopPhase.Closed)
        {
            throw WorkshopException.WrongPhase("the workshop is closed");
        }
    }

    private void RequireParticipant(Caller caller)
    {
        RequireReader(caller);
        if (caller.Role != Role.Participant)
        {
            throw WorkshopException.Forbidden("only participants vote");
        }
    }

    private IdeaRecord FindIdea(string? ideaId) =>
        ideaId is not null && _ideas.TryGetValue(ideaId, out var idea)
            ? idea
            : throw WorkshopException.NotFound($"no idea '{ideaId}' in this workshop");

    private int AreaIndex(string? boardId)
    {
        for (var i = 0; i < S.Areas.Count; i++)
        {
            if (string.Equals(BoardIdOf(i), boardId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw WorkshopException.NotFound($"no board '{boardId}' in this workshop");
    }

    private static bool IsAuthor(Caller caller, IdeaRecord idea) =>
        string.Equals(idea.AuthorKey, caller.ActorKey, StringComparison.Ordinal);

    private ActorRecord Actor(Caller caller)
    {
        if (!S.Actors.TryGetValue(caller.ActorKey, out var actor))
        {
            actor = new ActorRecord { Role = caller.Role };
            S.Actors[caller.ActorKey] = actor;
        }

        // The group a person declared at their latest join counts from now on. Their name is not
        // copied here: the event keeps it, and an idea asks for it when it is signed.
        actor.Group = caller.Group ?? "";
        return actor;
    }

    /// <summary>The event-wide participant id inside a participant's actor key ("p:" + id).</summary>
    private static string ParticipantIdOf(string actorKey) =>
        actorKey.StartsWith("p:", StringComparison.Ordinal) ? actorKey[2..] : actorKey;

    private OpRecord? FindOp(Caller caller, string clientOpId) =>
        S.Actors.TryGetValue(caller.ActorKey, out var actor) && actor.Ops.TryGetValue(clientOpId, out var op) ? op : null;

    private void RecordOp(ActorRecord actor, string clientOpId, OpRecord op)
    {
        op.Sequence = S.NextOpSequence++;
        actor.Ops[clientOpId] = op;
        if (actor.Ops.Count > MaxOpsPerActor)
        {
            // A re-send comes within seconds; only a person's oldest ids are forgotten.
            var oldest = actor.Ops.MinBy(pair => pair.Value.Sequence).Key;
            actor.Ops.Remove(oldest);
        }
    }
}
