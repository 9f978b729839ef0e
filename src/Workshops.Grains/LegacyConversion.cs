using Workshops.Domain.State;

namespace Workshops.Grains;

/// <summary>
/// Turns a workshop stored by the versions before the event log (<see cref="WorkshopState"/> and
/// its side record <see cref="WorkshopVersionState"/>) into the model's state, to be written as
/// the log's snapshot at version 0. Names kept only by the legacy actor records (never read) are
/// left behind.
/// </summary>
internal static class LegacyConversion
{
    public static WorkshopModelState Convert(WorkshopState legacy, WorkshopVersionState version)
    {
        var state = new WorkshopModelState
        {
            Position = 0,
            Initialized = legacy.Initialized,
            EventId = legacy.EventId,
            Title = legacy.Title,
            Areas = [.. legacy.Areas],
            Phase = legacy.Phase,

            // Presence changes and tally announcements stored only the side record.
            Version = Math.Max(legacy.Version, version.Version),
            StaffTallySeq = Math.Max(legacy.StaffTallySeq, version.StaffTallySeq),
            ParticipantTallySeq = Math.Max(legacy.ParticipantTallySeq, version.ParticipantTallySeq),
            TimerEndsAt = legacy.TimerEndsAt,
            Settings = legacy.Settings,
            Ideas = [.. legacy.Ideas.Select(i => new IdeaState
            {
                IdeaId = i.IdeaId,
                BoardId = i.BoardId,
                Text = i.Text,
                AuthorKey = i.AuthorKey,
                AuthorName = i.AuthorName,
                CreatedAt = i.CreatedAt,
                Status = i.Status,
                MergedInto = i.MergedInto,
            })],
            Actors = legacy.Actors.ToDictionary(pair => pair.Key, pair => new ActorState
            {
                Role = pair.Value.Role,
                Group = pair.Value.Group,
                Votes = new Dictionary<string, int>(pair.Value.Votes, StringComparer.Ordinal),
                Ops = pair.Value.Ops.ToDictionary(op => op.Key, op => new OpState
                {
                    Kind = (Domain.State.OpKind)(int)op.Value.Kind,
                    IdeaId = op.Value.IdeaId,
                    MyVotes = op.Value.MyVotes,
                    Remaining = op.Value.Remaining,
                    Sequence = op.Value.Sequence,
                }, StringComparer.Ordinal),
            }, StringComparer.Ordinal),
            Outputs = legacy.Outputs.ToDictionary(pair => pair.Key, pair => new OutputState
            {
                Text = pair.Value.Text,
                SourceIdeaIds = [.. pair.Value.SourceIdeaIds],
            }, StringComparer.Ordinal),
            Audit = [.. legacy.Audit.Select(a => new AuditState { At = a.At, Role = a.Role, Action = a.Action, IdeaId = a.IdeaId, Detail = a.Detail })],
            NextIdeaNumber = legacy.NextIdeaNumber,
            Language = legacy.Language,
            NextOpSequence = legacy.NextOpSequence,
        };
        foreach (var actor in state.Actors.Values)
        {
            foreach (var (ideaId, votes) in actor.Votes)
            {
                state.Tallies[ideaId] = state.Tallies.GetValueOrDefault(ideaId) + votes;
            }
        }

        foreach (var ideaId in state.Tallies.Where(t => t.Value == 0).Select(t => t.Key).ToList())
        {
            state.Tallies.Remove(ideaId);
        }

        state.StoredUnits = Domain.State.StoredSize.Of(state);
        return state;
    }
}
