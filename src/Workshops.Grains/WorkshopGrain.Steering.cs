using System.Globalization;
using Workshops.Contracts;

namespace Workshops.Grains;

// What the facilitator steers: phase, timer, settings, outputs.
public sealed partial class WorkshopGrain
{
    internal const int MaxTimerSeconds = 24 * 60 * 60;
    internal const int MaxOutputLength = 1000;

    public async Task SetPhase(Caller caller, string phase)
    {
        RequireStaff(caller);
        if (!WireNames.TryParsePhase(phase, out var next))
        {
            throw WorkshopException.Invalid($"'{phase}' is not a phase; use Setup, Brainstorm, Voting, Results or Closed");
        }

        if (S.Phase == WorkshopPhase.Closed && next != WorkshopPhase.Closed && caller.Role == Role.Facilitator)
        {
            throw WorkshopException.Forbidden("only a moderator reopens a closed workshop");
        }

        if (next == S.Phase)
        {
            await _commit.FlushedAsync();
            return;
        }

        RequireRoom(SmallAuditUnits);
        var resultsWereVisible = ResultsVisibleToParticipants;
        Audit(caller, "phase", detail: S.Phase + " → " + next);
        S.Phase = next;
        EmitToAll(EventNames.PhaseChanged, version => new PhaseChangedEvent(Id, version, next));
        if (resultsWereVisible != ResultsVisibleToParticipants)
        {
            EmitResultsVisibility();
        }

        await _commit.CommitAsync();
    }

    public Task StartTimer(Caller caller, int seconds)
    {
        RequireStaffNotClosed(caller);
        if (seconds is < 1 or > MaxTimerSeconds)
        {
            throw WorkshopException.Invalid($"a timer runs 1 to {MaxTimerSeconds} seconds");
        }

        return SetTimer(caller, _clock.GetUtcNow().AddSeconds(seconds), "timer-start", seconds.ToString(CultureInfo.InvariantCulture) + "s");
    }

    public Task StopTimer(Caller caller)
    {
        RequireStaffNotClosed(caller);
        return SetTimer(caller, null, "timer-stop", null);
    }

    private Task SetTimer(Caller caller, DateTimeOffset? endsAt, string action, string? detail)
    {
        if (endsAt == S.TimerEndsAt)
        {
            // Nothing changes (stopping no timer, starting the same end again): no audit, no version.
            return _commit.FlushedAsync();
        }

        RequireRoom(SmallAuditUnits);
        S.TimerEndsAt = endsAt;
        Audit(caller, action, detail: detail);
        EmitToAll(EventNames.TimerChanged, version => new TimerChangedEvent(Id, version, endsAt));
        return _commit.CommitAsync();
    }

    public async Task<Output> SetOutput(Caller caller, string boardId, OutputInput output)
    {
        RequireStaffNotClosed(caller);
        ArgumentNullException.ThrowIfNull(output);
        AreaIndex(boardId);
        var text = TextRules.Clean(output.Text, MaxOutputLength, "output text");
        var sources = output.SourceIdeaIds ?? [];
        if (sources.Distinct(StringComparer.Ordinal).Count() != sources.Count)
        {
            throw WorkshopException.Invalid("sourceIdeaIds lists an idea twice");
        }

        foreach (var source in sources)
        {
            if (!string.Equals(FindIdea(source).BoardId, boardId, StringComparison.Ordinal))
            {
                throw WorkshopException.Invalid($"idea {source} is not on board {boardId}");
            }
        }

        var record = new OutputRecord { Text = text, SourceIdeaIds = [.. sources] };
        var replaced = S.Outputs.TryGetValue(boardId, out var previous) ? StoredSize.Of(boardId, previous) : 0;
        var auditIdeaId = sources.Count > 0 ? sources[0] : null;
        var auditDetail = boardId + ": " + text;
        RequireRoom(StoredSize.Of(boardId, record) - replaced + AuditUnits("output", auditIdeaId, auditDetail));
        S.Outputs[boardId] = record;
        _storedUnits += StoredSize.Of(boardId, record) - replaced;
        Audit(caller, "output", auditIdeaId, auditDetail);
        EmitChangedOutputs();
        await _commit.CommitAsync();
        return ComputeOutput(boardId, forStaff: true);
    }

    public async Task<Output> ClearOutput(Caller caller, string boardId)
    {
        RequireStaffNotClosed(caller);
        AreaIndex(boardId);
        if (S.Outputs.TryGetValue(boardId, out var previous))
        {
            RequireRoom(AuditUnits("output-clear", null, boardId) - StoredSize.Of(boardId, previous));
            S.Outputs.Remove(boardId);
            _storedUnits -= StoredSize.Of(boardId, previous);
            Audit(caller, "output-clear", detail: boardId);
            EmitChangedOutputs();
            await _commit.CommitAsync();
        }
        else
        {
            await _commit.FlushedAsync();
        }

        return ComputeOutput(boardId, forStaff: true);
    }

    public async Task UpdateSettings(Caller caller, WorkshopSettings settings)
    {
        RequireStaffNotClosed(caller);
        ArgumentNullException.ThrowIfNull(settings);
        if (S.Phase == WorkshopPhase.Voting)
        {
            throw WorkshopException.WrongPhase("settings cannot change while voting is open");
        }

        if (settings.Validate() is { } problem)
        {
            throw WorkshopException.Invalid(problem);
        }

        if (settings == S.Settings)
        {
            await _commit.FlushedAsync();
            return;
        }

        RequireRoom(SmallAuditUnits);
        var resultsWereVisible = ResultsVisibleToParticipants;
        Audit(caller, "settings", detail: FormattableString.Invariant(
            $"votesPerBoard={settings.VotesPerBoard} maxVotesPerIdea={settings.MaxVotesPerIdea} anonymousIdeas={settings.AnonymousIdeas} liveResults={settings.LiveResults} maxIdeaLength={settings.MaxIdeaLength}"));
        S.Settings = settings;
        EmitToAll(EventNames.SettingsChanged, version => new SettingsChangedEvent(Id, version, settings));
        if (resultsWereVisible != ResultsVisibleToParticipants)
        {
            EmitResultsVisibility();
        }

        await _commit.CommitAsync();
    }

    public Task<WorkshopExport> GetExport(Caller caller)
    {
        RequireStaff(caller);
        var outputs = new List<OutputExport>();
        var boards = new List<BoardExport>();
        for (var i = 0; i < S.Areas.Count; i++)
        {
            var boardId = BoardIdOf(i);
            var output = ComputeOutput(boardId, forStaff: true, allGroups: true);
            var board = ConsensusOf(boardId);
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
            });
            var ideas = S.Ideas
                .Select((idea, order) => (idea, order))
                .Where(x => string.Equals(x.idea.BoardId, boardId, StringComparison.Ordinal))
                .OrderByDescending(x => _tallies.GetValueOrDefault(x.idea.IdeaId))
                .ThenBy(x => x.order)
                .Select(x => (x.idea, consensus: board.For(x.idea.IdeaId)))
                .Select(x => new IdeaExport
                {
                    IdeaId = x.idea.IdeaId,
                    Text = x.idea.Text,
                    Author = S.Settings.AnonymousIdeas ? null : x.idea.AuthorName,
                    Votes = _tallies.GetValueOrDefault(x.idea.IdeaId),
                    VotesByGroup = VotesByGroup([x.idea.IdeaId]),
                    Status = x.idea.Status,
                    Consensus = x.consensus.Consensus,
                    Support = x.consensus.Support,
                })
                .ToList();
            boards.Add(new BoardExport { Area = S.Areas[i], Ideas = ideas });
        }

        return Task.FromResult(new WorkshopExport
        {
            WorkshopId = Id,
            Title = S.Title,
            Phase = S.Phase,
            Participants = S.Actors.Count(a => a.Value.Role == Role.Participant),
            ParticipantIds = [.. S.Actors.Where(a => a.Value.Role == Role.Participant).Select(a => ParticipantIdOf(a.Key))],
            Ideas = S.Ideas.Count,
            Votes = TotalVotes(),
            Outputs = outputs,
            Boards = boards,
            Audit = [.. S.Audit.Select(a => new AuditEntry { At = a.At, Role = a.Role, Action = a.Action, IdeaId = a.IdeaId, Detail = a.Detail })],
        });
    }
}
