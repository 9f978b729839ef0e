using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;
using static Workshops.Domain.Model.WorkshopAccess;

namespace Workshops.Domain.Model;

/// <summary>What the facilitator steers: phase, timer, settings, outputs.</summary>
public static class SteeringCommands
{
    public static Decision<bool> SetPhase(WorkshopModel model, WorkshopModelState state, Caller caller, string phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(caller);
        RequireStaff(state, model.WorkshopId, caller);
        if (!WireNames.TryParsePhase(phase, out var next))
        {
            throw WorkshopException.Invalid($"'{phase}' is not a phase; use Setup, Brainstorm, Voting, Results or Closed");
        }

        if (state.Phase == WorkshopPhase.Closed && next != WorkshopPhase.Closed && caller.Role == Role.Facilitator)
        {
            throw WorkshopException.Forbidden("only a moderator reopens a closed workshop");
        }

        var change = new Change(state, model.WorkshopId, now);
        if (next == state.Phase)
        {
            return change.Done(false);
        }

        WorkshopBudget.RequireRoom(state, WorkshopBudget.SmallAuditUnits);
        var resultsWereVisible = state.ResultsVisibleToParticipants;
        change.Raise(new PhaseSet { Phase = next }, caller.Role);
        WorkshopModel.EmitToAll(change, EventNames.PhaseChanged, version => new PhaseChangedEvent(model.WorkshopId, version, next));
        if (resultsWereVisible != state.ResultsVisibleToParticipants)
        {
            model.EmitResultsVisibility(change);
        }

        return change.Done(true);
    }

    /// <summary>Starts a timer of <paramref name="seconds"/>, or stops it (null).</summary>
    public static Decision<bool> SetTimer(WorkshopModel model, WorkshopModelState state, Caller caller, int? seconds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireStaffNotClosed(state, model.WorkshopId, caller);
        if (seconds is < 1 or > WorkshopBudget.MaxTimerSeconds)
        {
            throw WorkshopException.Invalid($"a timer runs 1 to {WorkshopBudget.MaxTimerSeconds} seconds");
        }

        var change = new Change(state, model.WorkshopId, now);
        DateTimeOffset? endsAt = seconds is { } s ? now.AddSeconds(s) : null;
        if (endsAt == state.TimerEndsAt)
        {
            // Nothing changes (stopping no timer, starting the same end again): no audit, no version.
            return change.Done(false);
        }

        WorkshopBudget.RequireRoom(state, WorkshopBudget.SmallAuditUnits);
        change.Raise(new TimerSet { Seconds = seconds }, caller.Role);
        WorkshopModel.EmitToAll(change, EventNames.TimerChanged, version => new TimerChangedEvent(model.WorkshopId, version, endsAt));
        return change.Done(true);
    }

    public static Decision<Output> SetOutput(WorkshopModel model, WorkshopModelState state, Caller caller, string boardId, OutputInput output, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(caller);
        RequireStaffNotClosed(state, model.WorkshopId, caller);
        ArgumentNullException.ThrowIfNull(output);
        AreaIndex(state, boardId);
        var text = TextRules.Clean(output.Text, WorkshopBudget.MaxOutputLength, "output text");
        var sources = output.SourceIdeaIds ?? [];
        if (sources.Distinct(StringComparer.Ordinal).Count() != sources.Count)
        {
            throw WorkshopException.Invalid("sourceIdeaIds lists an idea twice");
        }

        foreach (var source in sources)
        {
            if (!string.Equals(FindIdea(state, source).BoardId, boardId, StringComparison.Ordinal))
            {
                throw WorkshopException.Invalid($"idea {source} is not on board {boardId}");
            }
        }

        var record = new OutputState { Text = text, SourceIdeaIds = [.. sources] };
        var replaced = state.Outputs.TryGetValue(boardId, out var previous) ? StoredSize.Of(boardId, previous) : 0;
        var auditIdeaId = sources.Count > 0 ? sources[0] : null;
        WorkshopBudget.RequireRoom(state, StoredSize.Of(boardId, record) - replaced + WorkshopBudget.AuditUnits("output", auditIdeaId, boardId + ": " + text));
        var change = new Change(state, model.WorkshopId, now);
        change.Raise(new OutputSet { BoardId = boardId, Text = text, SourceIdeaIds = [.. sources] }, caller.Role);
        model.EmitChangedOutputs(change);
        return change.Done(WorkshopViews.OutputOf(state, boardId, forStaff: true));
    }

    public static Decision<Output> ClearOutput(WorkshopModel model, WorkshopModelState state, Caller caller, string boardId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(caller);
        RequireStaffNotClosed(state, model.WorkshopId, caller);
        AreaIndex(state, boardId);
        var change = new Change(state, model.WorkshopId, now);
        if (state.Outputs.TryGetValue(boardId, out var previous))
        {
            WorkshopBudget.RequireRoom(state, WorkshopBudget.AuditUnits("output-clear", null, boardId) - StoredSize.Of(boardId, previous));
            change.Raise(new OutputCleared { BoardId = boardId }, caller.Role);
            model.EmitChangedOutputs(change);
        }

        return change.Done(WorkshopViews.OutputOf(state, boardId, forStaff: true));
    }

    public static Decision<bool> UpdateSettings(WorkshopModel model, WorkshopModelState state, Caller caller, WorkshopSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(caller);
        RequireStaffNotClosed(state, model.WorkshopId, caller);
        ArgumentNullException.ThrowIfNull(settings);
        if (state.Phase == WorkshopPhase.Voting)
        {
            throw WorkshopException.WrongPhase("settings cannot change while voting is open");
        }

        if (settings.Validate() is { } problem)
        {
            throw WorkshopException.Invalid(problem);
        }

        var change = new Change(state, model.WorkshopId, now);
        if (settings == state.Settings)
        {
            return change.Done(false);
        }

        WorkshopBudget.RequireRoom(state, WorkshopBudget.SmallAuditUnits);
        var resultsWereVisible = state.ResultsVisibleToParticipants;
        change.Raise(new SettingsSet { Settings = settings }, caller.Role);
        WorkshopModel.EmitToAll(change, EventNames.SettingsChanged, version => new SettingsChangedEvent(model.WorkshopId, version, settings));
        if (resultsWereVisible != state.ResultsVisibleToParticipants)
        {
            model.EmitResultsVisibility(change);
        }

        return change.Done(true);
    }
}
