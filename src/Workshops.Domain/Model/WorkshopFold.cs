using System.Globalization;
using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>
/// The state as the fold of the events: <see cref="Apply"/> is the only place a
/// <see cref="WorkshopModelState"/> changes. It checks nothing a command checked; it keeps the
/// derived parts (tallies, budget units, audit trail, versions and seqs) in step.
/// </summary>
public static class WorkshopFold
{
    /// <summary>The clientOpIds remembered per person: a re-send comes within seconds, only the oldest are forgotten.</summary>
    public const int MaxOpsPerActor = 512;

    /// <summary>
    /// Folds one event in. An event at or before <see cref="WorkshopModelState.Position"/> is
    /// ignored: the model applies its events as it decides them, and Orleans applies them again to
    /// the same tentative state; the fold makes the second time a no-op.
    /// </summary>
    public static void Apply(WorkshopModelState state, WorkshopEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Position <= state.Position)
        {
            return;
        }

        if (e.Position != state.Position + 1)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"event at {e.Position} cannot follow a state at {state.Position}"));
        }

        var resultsWereVisible = state.ResultsVisibleToParticipants;
        switch (e)
        {
            case WorkshopInitialized created:
                state.Initialized = true;
                state.EventId = created.EventId;
                state.Title = created.Title;
                state.Areas = [.. created.Areas];
                state.Settings = created.Settings;
                state.Language = created.Language;
                state.Phase = WorkshopPhase.Setup;
                break;
            case IdeaAdded added:
                ApplyAdded(state, added);
                break;
            case IdeaEdited edited:
                ApplyEdited(state, edited);
                break;
            case IdeaDeleted deleted:
                ApplyDeleted(state, deleted);
                break;
            case IdeaStatusChanged changed:
                var idea = state.FindIdea(changed.IdeaId)!;
                idea.Status = changed.Status;
                Audit(state, e, changed.Status == IdeaStatus.Hidden ? "hide" : "restore", idea.IdeaId);
                state.Version++;
                break;
            case IdeasMerged merged:
                ApplyMerged(state, merged);
                break;
            case VoteChanged vote:
                ApplyVote(state, vote);
                break;
            case HallVotesSet hall:
                state.FindIdea(hall.IdeaId)!.HallVotes = hall.Count;
                Audit(state, e, "hall-votes", hall.IdeaId, FormattableString.Invariant($"{hall.Previous} → {hall.Count}"));
                if (hall.TakesVersion)
                {
                    state.Version++;
                }

                break;
            case PhaseSet phase:
                Audit(state, e, "phase", detail: state.Phase + " → " + phase.Phase);
                state.Phase = phase.Phase;
                state.Version++;
                break;
            case TimerSet timer:
                state.TimerEndsAt = timer.Seconds is { } seconds ? e.At.AddSeconds(seconds) : null;
                Audit(state, e, timer.Seconds is null ? "timer-stop" : "timer-start",
                    detail: timer.Seconds is { } started ? started.ToString(CultureInfo.InvariantCulture) + "s" : null);
                state.Version++;
                break;
            case SettingsSet settings:
                var s = settings.Settings;
                Audit(state, e, "settings", detail: FormattableString.Invariant(
                    $"votesPerBoard={s.VotesPerBoard} maxVotesPerIdea={s.MaxVotesPerIdea} anonymousIdeas={s.AnonymousIdeas} liveResults={s.LiveResults} maxIdeaLength={s.MaxIdeaLength}"));
                state.Settings = s;
                state.Version++;
                break;
            case OutputSet output:
                ApplyOutputSet(state, output);
                break;
            case OutputCleared cleared:
                if (state.Outputs.Remove(cleared.BoardId, out var previous))
                {
                    state.StoredUnits -= StoredSize.Of(cleared.BoardId, previous);
                }

                Audit(state, e, "output-clear", detail: cleared.BoardId);
                break;
            case OutputsAnnounced announced:
                state.Version += announced.BoardIds.Count;
                break;
            case WorkshopConfigured configured:
                ApplyConfigured(state, configured);
                break;
            case PresenceCounted:
                state.Version++;
                break;
            case TalliesAnnounced tallies:
                state.StaffTallySeq++;
                if (tallies.ToParticipants)
                {
                    state.ParticipantTallySeq++;
                }

                break;
            case PersonalDataErased erased:
                var keys = erased.ActorKeys.ToHashSet(StringComparer.Ordinal);
                foreach (var authored in state.Ideas.Where(i => keys.Contains(i.AuthorKey)))
                {
                    state.StoredUnits -= StoredSize.Of(authored);
                    authored.AuthorName = null;
                    authored.AuthorKey = "";
                    state.StoredUnits += StoredSize.Of(authored);
                }

                state.Version += erased.Versions;
                break;
            default:
                throw new InvalidOperationException($"unknown workshop event {e.GetType().Name}");
        }

        // Participants who start seeing results get every count with the change that showed them.
        if (!resultsWereVisible && state.ResultsVisibleToParticipants && e is PhaseSet or SettingsSet)
        {
            state.ParticipantTallySeq++;
        }

        state.Position = e.Position;
    }

    /// <summary>Folds a whole log into a new state.</summary>
    public static WorkshopModelState Replay(IEnumerable<WorkshopEvent> events, WorkshopModelState? from = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = from ?? new WorkshopModelState();
        foreach (var e in events)
        {
            Apply(state, e);
        }

        return state;
    }

    private static void ApplyAdded(WorkshopModelState state, IdeaAdded added)
    {
        var idea = new IdeaState
        {
            IdeaId = added.IdeaId,
            BoardId = added.BoardId,
            Text = added.Text,
            AuthorKey = added.AuthorKey,
            AuthorName = added.AuthorName,
            CreatedAt = added.At,
            Status = IdeaStatus.Visible,
            Source = added.Source,
        };
        state.Ideas.Add(idea);
        state.IdeaIndex[idea.IdeaId] = idea;
        state.NextIdeaNumber++;
        state.StoredUnits += StoredSize.Of(idea);
        var actor = Actor(state, added.AuthorKey, added.AuthorRole, added.AuthorGroup);
        if (added.ClientOpId is not null)
        {
            RecordOp(state, actor, added.ClientOpId, new OpState { Kind = OpKind.AddIdea, IdeaId = idea.IdeaId });
        }

        Audit(state, added, added.Source == IdeaSource.Paper ? "add-paper" : "add", idea.IdeaId, idea.Text);
        state.Version++;
    }

    private static void ApplyEdited(WorkshopModelState state, IdeaEdited edited)
    {
        var idea = state.FindIdea(edited.IdeaId)!;
        Audit(state, edited, "edit", idea.IdeaId, $"«{idea.Text}» → «{edited.Text}»");
        state.StoredUnits += edited.Text.Length - idea.Text.Length;
        idea.Text = edited.Text;
        state.Version++;
    }

    private static void ApplyDeleted(WorkshopModelState state, IdeaDeleted deleted)
    {
        var idea = state.FindIdea(deleted.IdeaId)!;

        // The votes on a deleted idea go back to their owners' budgets.
        foreach (var actor in state.Actors.Values)
        {
            actor.Votes.Remove(idea.IdeaId);
        }

        state.Tallies.Remove(idea.IdeaId);
        state.Ideas.Remove(idea);
        state.IdeaIndex.Remove(idea.IdeaId);
        state.StoredUnits -= StoredSize.Of(idea);
        Audit(state, deleted, "delete", idea.IdeaId, idea.Text);
        state.Version++;
    }

    private static void ApplyMerged(WorkshopModelState state, IdeasMerged merged)
    {
        var target = state.FindIdea(merged.TargetIdeaId)!;
        foreach (var source in merged.SourceIdeaIds.Select(id => state.FindIdea(id)!))
        {
            // Every vote on a source moves to the target: none is lost, none is counted twice.
            foreach (var actor in state.Actors.Values)
            {
                if (actor.Votes.Remove(source.IdeaId, out var votes) && votes > 0)
                {
                    actor.Votes[target.IdeaId] = actor.Votes.GetValueOrDefault(target.IdeaId) + votes;
                }
            }

            if (state.Tallies.Remove(source.IdeaId, out var moved))
            {
                state.Tallies[target.IdeaId] = state.Tallies.GetValueOrDefault(target.IdeaId) + moved;
            }

            // Raised hands move with the merge as dots do.
            target.HallVotes += source.HallVotes;
            source.HallVotes = 0;
            source.Status = IdeaStatus.Merged;
            source.MergedInto = target.IdeaId;
            state.StoredUnits += target.IdeaId.Length;
        }

        Audit(state, merged, "merge", target.IdeaId, string.Join(",", merged.SourceIdeaIds));
        state.Version += merged.SourceIdeaIds.Count + 1;
    }

    private static void ApplyVote(WorkshopModelState state, VoteChanged vote)
    {
        var idea = state.FindIdea(vote.IdeaId)!;
        var actor = Actor(state, vote.ActorKey, Role.Participant, vote.Group);
        var mine = actor.Votes.GetValueOrDefault(idea.IdeaId) + vote.Delta;
        if (mine == 0)
        {
            actor.Votes.Remove(idea.IdeaId);
        }
        else
        {
            actor.Votes[idea.IdeaId] = mine;
        }

        var tally = state.Tallies.GetValueOrDefault(idea.IdeaId) + vote.Delta;
        if (tally == 0)
        {
            state.Tallies.Remove(idea.IdeaId);
        }
        else
        {
            state.Tallies[idea.IdeaId] = tally;
        }

        var remaining = Math.Max(0, state.Settings.VotesPerBoard - WorkshopViews.UsedOnBoard(state, actor, idea.BoardId));
        RecordOp(state, actor, vote.ClientOpId, new OpState
        {
            Kind = vote.Delta > 0 ? OpKind.CastVote : OpKind.RetractVote,
            IdeaId = idea.IdeaId,
            MyVotes = mine,
            Remaining = remaining,
        });
    }

    private static void ApplyOutputSet(WorkshopModelState state, OutputSet output)
    {
        var record = new OutputState { Text = output.Text, SourceIdeaIds = [.. output.SourceIdeaIds] };
        if (state.Outputs.TryGetValue(output.BoardId, out var previous))
        {
            state.StoredUnits -= StoredSize.Of(output.BoardId, previous);
        }

        state.Outputs[output.BoardId] = record;
        state.StoredUnits += StoredSize.Of(output.BoardId, record);
        Audit(state, output, "output", output.SourceIdeaIds.Count > 0 ? output.SourceIdeaIds[0] : null, output.BoardId + ": " + output.Text);
    }

    private static void ApplyConfigured(WorkshopModelState state, WorkshopConfigured configured)
    {
        state.Title = configured.Title;
        state.Language = configured.Language;
        if (configured.Areas is { } areas)
        {
            state.Areas = [.. areas];
            foreach (var boardId in state.Outputs.Keys.Where(b => state.AreaIndex(b) < 0).ToList())
            {
                state.StoredUnits -= StoredSize.Of(boardId, state.Outputs[boardId]);
                state.Outputs.Remove(boardId);
            }
        }

        state.Version++;
    }

    private static ActorState Actor(WorkshopModelState state, string actorKey, Role role, string group)
    {
        if (!state.Actors.TryGetValue(actorKey, out var actor))
        {
            actor = new ActorState { Role = role };
            state.Actors[actorKey] = actor;
        }

        // The group a person declared at their latest join counts from now on.
        actor.Group = group;
        return actor;
    }

    private static void RecordOp(WorkshopModelState state, ActorState actor, string clientOpId, OpState op)
    {
        op.Sequence = state.NextOpSequence++;
        actor.OpOrder ??= new(actor.Ops.OrderBy(pair => pair.Value.Sequence).Select(pair => (pair.Key, pair.Value.Sequence)));
        actor.Ops[clientOpId] = op;
        actor.OpOrder.Enqueue((clientOpId, op.Sequence));
        while (actor.Ops.Count > MaxOpsPerActor && actor.OpOrder.TryDequeue(out var oldest))
        {
            // An entry whose op was recorded again later is stale: the later entry stands for it.
            if (actor.Ops.TryGetValue(oldest.OpId, out var held) && held.Sequence == oldest.Sequence)
            {
                actor.Ops.Remove(oldest.OpId);
            }
        }
    }

    private static void Audit(WorkshopModelState state, WorkshopEvent e, string action, string? ideaId = null, string? detail = null)
    {
        if (e.By is not { } role)
        {
            return;
        }

        var entry = new AuditState { At = e.At, Role = role, Action = action, IdeaId = ideaId, Detail = detail };
        state.Audit.Add(entry);
        state.StoredUnits += StoredSize.Of(entry);
    }
}
