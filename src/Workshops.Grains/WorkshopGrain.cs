using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using Orleans.Serialization;
using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;
using Workshops.Domain.State;

namespace Workshops.Grains;

/// <summary>
/// One thematic workshop, event-sourced: it authorizes a call, lets the model
/// (<see cref="WorkshopModel"/>) decide on the tentative state, raises the events, waits until
/// they are stored in the workshop's log (<see cref="IEventLogStore"/>) and only then answers and
/// publishes. Reentrant, so that calls arriving while a write is in flight are raised meanwhile and
/// stored by the next write: JournaledGrain's confirm step is the group commit.
/// </summary>
/// <remarks>
/// A failed or conflicting write is never retried: every call whose events it held, or that came
/// after, gets <see cref="ErrorCodes.Unavailable"/>, and the activation deactivates; the next one
/// reads what the log holds (see docs/storage.md).
/// </remarks>
[Reentrant]
[LogConsistencyProvider(ProviderName = StorageNames.WorkshopLog)]
public sealed class WorkshopGrain : JournaledGrain<WorkshopModelState, WorkshopEvent>, IWorkshopGrain, ICustomStorageInterface<WorkshopModelState, WorkshopEvent>
{
    internal static readonly TimeSpan TallyInterval = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan SubscriptionExpiry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastDeliveryWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A snapshot is written after this many events, once the entries since the last snapshot
    /// also hold at least as many bytes as that snapshot did...
    /// </summary>
    /// <remarks>
    /// Why the byte rule: a snapshot costs the whole state (serialized on the grain's thread, then
    /// written), and the state grows during a vote storm (every person's remembered clientOpIds).
    /// A fixed count made a 60 s storm write 180 snapshots of a growing state, which halved its
    /// throughput by the end (docs/benchmarks.md). Snapshotting only when the log tail outweighs
    /// the last snapshot keeps the snapshot cost at most about the cost of the entries themselves,
    /// whatever the state's size, and the tail an activation replays at most about one state's worth.
    /// </remarks>
    internal const int SnapshotEvery = 2000;

    /// <summary>...or this long after the last one when events were stored since.</summary>
    internal static readonly TimeSpan SnapshotAfter = TimeSpan.FromSeconds(30);

    private readonly IEventLogStore _log;
    private readonly Serializer _serializer;
    private readonly TimeProvider _clock;
    private readonly ILogger<WorkshopGrain> _logger;

    // Legacy, read-only: the records of the versions before the event log, converted once.
    private readonly IPersistentState<WorkshopState> _legacy;
    private readonly IPersistentState<WorkshopVersionState> _legacyVersion;

    // Notices of raised events, published once their last event is stored; in log order.
    private readonly Queue<(long Position, IReadOnlyList<WorkshopNotice> Notices)> _outbox = new();

    // The servers subscribed to this workshop, with the people they hold; memory only.
    private readonly WorkshopPublisher _publisher;

    private WorkshopModel? _model;
    private IGrainTimer? _tallyTimer;
    private long _storedPosition;
    private long _snapshotPosition;
    private long _entryBytesSinceSnapshot;
    private long _lastSnapshotBytes;
    private DateTimeOffset _snapshotAt;
    private Task _snapshots = Task.CompletedTask;
    private Exception? _broken;
    private bool _erasing;

    public WorkshopGrain(
        IEventLogStore log,
        Serializer serializer,
        [PersistentState("workshop", StorageNames.Workshops)] IPersistentState<WorkshopState> legacy,
        [PersistentState("version", StorageNames.Workshops)] IPersistentState<WorkshopVersionState> legacyVersion,
        TimeProvider clock,
        ILogger<WorkshopGrain> logger)
    {
        _log = log;
        _serializer = serializer;
        _legacy = legacy;
        _legacyVersion = legacyVersion;
        _clock = clock;
        _logger = logger;
        _publisher = new WorkshopPublisher(this.GetPrimaryKeyString(), SubscriptionExpiry, clock, logger, OnServerDropped);
    }

    private string Id => this.GetPrimaryKeyString();

    private string StreamId => "workshop/" + Id;

    private WorkshopModel Model => _model ??= new WorkshopModel(Id);

    private DateTimeOffset Now => _clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _snapshotAt = Now;
        Model.Loaded(TentativeState);
        if (Model.HasUnannouncedTallies)
        {
            EnsureTallyTimer();
        }

        this.RegisterGrainTimer(ExpireSubscribersAsync, new GrainTimerCreationOptions(SubscriptionExpiry / 3, SubscriptionExpiry / 3) { Interleave = true });
        this.RegisterGrainTimer(SnapshotWhenDueAsync, new GrainTimerCreationOptions(SnapshotAfter, SnapshotAfter) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_broken is null && !_erasing)
        {
            // Announce the last votes before leaving memory, so no tally is left unsent; and leave
            // a snapshot, so the next activation reads little.
            if (Model.HasUnannouncedTallies)
            {
                await FlushTalliesAsync(cancellationToken);
            }

            if (_storedPosition > _snapshotPosition)
            {
                await SnapshotAsync();
            }
        }

        // What was stored is announced before the activation goes, unless a server is too slow.
        try
        {
            await _publisher.DeliveredAsync().WaitAsync(LastDeliveryWait, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected override void TransitionState(WorkshopModelState state, WorkshopEvent @event) => WorkshopFold.Apply(state, @event);

    public Task Initialize(WorkshopDefinition definition)
    {
        ThrowIfBroken();
        return Commit(ProgramCommands.Initialize(Model, TentativeState, definition, Now));
    }

    public Task<WorkshopSnapshot> GetSnapshot(Caller caller)
    {
        RequireExisting();
        WorkshopAccess.RequireReader(TentativeState, Id, caller);
        return Task.FromResult(WorkshopViews.Snapshot(TentativeState, Id, caller, Model.Presence));
    }

    public Task<WorkshopSummary> GetSummary()
    {
        RequireExisting();
        return Task.FromResult(WorkshopViews.Summary(TentativeState, Id, Model.Presence));
    }

    public async Task<Idea> AddIdea(Caller caller, IdeaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireExisting();
        WorkshopAccess.RequireReader(TentativeState, Id, caller);
        var signedName = await SignatureAsync(caller);
        RequireExisting();
        var decision = IdeaCommands.Add(Model, TentativeState, caller, input, signedName, Now);
        var idea = await Commit(decision);
        if (decision.Events.Count > 0)
        {
            WorkshopsMetrics.Ideas.Add(1);
        }

        return idea;
    }

    public Task<Idea> EditIdea(Caller caller, string ideaId, string text)
    {
        RequireExisting();
        return Commit(IdeaCommands.Edit(Model, TentativeState, caller, ideaId, text, Now));
    }

    public Task DeleteIdea(Caller caller, string ideaId)
    {
        RequireExisting();
        return Commit(IdeaCommands.Delete(Model, TentativeState, caller, ideaId, Now));
    }

    public Task<Idea> HideIdea(Caller caller, string ideaId)
    {
        RequireExisting();
        return Commit(IdeaCommands.SetVisibility(Model, TentativeState, caller, ideaId, IdeaStatus.Hidden, Now));
    }

    public Task<Idea> RestoreIdea(Caller caller, string ideaId)
    {
        RequireExisting();
        return Commit(IdeaCommands.SetVisibility(Model, TentativeState, caller, ideaId, IdeaStatus.Visible, Now));
    }

    public Task<Idea> MergeIdeas(Caller caller, string targetIdeaId, IReadOnlyList<string> sourceIdeaIds)
    {
        RequireExisting();
        return Commit(IdeaCommands.Merge(Model, TentativeState, caller, targetIdeaId, sourceIdeaIds, Now));
    }

    public Task<VoteReceipt> CastVote(Caller caller, string ideaId, string clientOpId)
    {
        RequireExisting();
        return CommitVote(VoteCommands.Cast(Model, TentativeState, caller, ideaId, clientOpId, Now), cast: true);
    }

    public Task<VoteReceipt> RetractVote(Caller caller, string ideaId, string clientOpId)
    {
        RequireExisting();
        return CommitVote(VoteCommands.Retract(Model, TentativeState, caller, ideaId, clientOpId, Now), cast: false);
    }

    public async Task<IReadOnlyList<VoteOutcome>> ChangeVotes(IReadOnlyList<VoteRequest> votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        RequireExisting();
        var outcomes = new VoteOutcome[votes.Count];
        int cast = 0, retracted = 0;
        for (var i = 0; i < votes.Count; i++)
        {
            var vote = votes[i];
            try
            {
                var decision = vote.Cast
                    ? VoteCommands.Cast(Model, TentativeState, vote.Caller, vote.IdeaId, vote.ClientOpId, Now)
                    : VoteCommands.Retract(Model, TentativeState, vote.Caller, vote.IdeaId, vote.ClientOpId, Now);
                if (decision.Events.Count > 0)
                {
                    RaiseEvents(decision.Events);
                    if (vote.Cast)
                    {
                        cast++;
                    }
                    else
                    {
                        retracted++;
                    }
                }

                outcomes[i] = new VoteOutcome(decision.Result, null, null);
            }
            catch (WorkshopException ex)
            {
                outcomes[i] = new VoteOutcome(null, ex.Code, ex.Message);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException or NullReferenceException)
            {
                // A bug must not cost the batch's other votes their answer; the caller gets a plain failure.
                Log.VoteFailed(_logger, ex, Id);
                outcomes[i] = new VoteOutcome(null, null, null);
            }
        }

        if (Model.HasUnannouncedTallies)
        {
            EnsureTallyTimer();
        }

        // One wait for the whole batch; a replayed clientOpId waits too, its first result may still be on its way.
        if (!await WhenStoredAsync(TentativeState.Position))
        {
            throw WorkshopException.Unavailable("storage failed; nothing of this call was kept", _broken ?? new IOException("not stored"));
        }

        WorkshopsMetrics.VotesStored(cast, retracted);
        return outcomes;
    }

    public Task SetPhase(Caller caller, string phase)
    {
        RequireExisting();
        return Commit(SteeringCommands.SetPhase(Model, TentativeState, caller, phase, Now));
    }

    public Task StartTimer(Caller caller, int seconds)
    {
        RequireExisting();
        return Commit(SteeringCommands.SetTimer(Model, TentativeState, caller, seconds, Now));
    }

    public Task StopTimer(Caller caller)
    {
        RequireExisting();
        return Commit(SteeringCommands.SetTimer(Model, TentativeState, caller, null, Now));
    }

    public Task<Output> SetOutput(Caller caller, string boardId, OutputInput output)
    {
        RequireExisting();
        return Commit(SteeringCommands.SetOutput(Model, TentativeState, caller, boardId, output, Now));
    }

    public Task<Output> ClearOutput(Caller caller, string boardId)
    {
        RequireExisting();
        return Commit(SteeringCommands.ClearOutput(Model, TentativeState, caller, boardId, Now));
    }

    public Task UpdateSettings(Caller caller, WorkshopSettings settings)
    {
        RequireExisting();
        return Commit(SteeringCommands.UpdateSettings(Model, TentativeState, caller, settings, Now));
    }

    public Task<Idea> SetHallVotes(Caller caller, string ideaId, int count)
    {
        RequireExisting();
        return Commit(HallVoteCommands.Set(Model, TentativeState, caller, ideaId, count, Now));
    }

    public Task<WorkshopExport> GetExport(Caller caller)
    {
        RequireExisting();
        WorkshopAccess.RequireStaff(TentativeState, Id, caller);
        return Task.FromResult(WorkshopViews.Export(TentativeState, Id));
    }

    public Task<WorkshopConfiguration> Configure(WorkshopConfiguration configuration)
    {
        RequireExisting();
        return Commit(ProgramCommands.Configure(Model, TentativeState, configuration, Now));
    }

    public Task<bool> IsUntouched()
    {
        RequireExisting();
        return Task.FromResult(TentativeState.Untouched);
    }

    public Task<WorkshopPersonalData> GetPersonalData(string participantId)
    {
        RequireExisting();
        return Task.FromResult(PersonalDataCommands.Of(Model, TentativeState, participantId));
    }

    public async Task<int> ErasePersonalData(IReadOnlyList<string>? participantIds)
    {
        RequireExisting();
        var erased = await Commit(PersonalDataCommands.Erase(Model, TentativeState, participantIds, Now));

        // The names are gone from the state; the snapshot drops every earlier entry, which held them.
        if (!await SnapshotAsync())
        {
            throw WorkshopException.Unavailable("the erasure is stored but the log still holds the names; try again", _broken ?? new IOException("snapshot not written"));
        }

        return erased;
    }

    public async Task Erase(bool onlyIfUntouched)
    {
        ThrowIfBroken();
        var state = TentativeState;
        if (_erasing || (!state.Initialized && _storedPosition == 0 && !_legacy.RecordExists && !_legacyVersion.RecordExists))
        {
            return;
        }

        if (onlyIfUntouched && state.Initialized && !state.Untouched)
        {
            throw WorkshopException.WrongPhase("a workshop is removed only while it is in Setup with no idea");
        }

        _erasing = true;
        Model.Forget();
        _tallyTimer?.Dispose();
        _tallyTimer = null;
        if (state.Initialized)
        {
            // Open pages hear it before the data goes; their next call answers not_found.
            _publisher.Publish([Model.Erased(state)]);
        }

        // A write in flight must land before the stream goes, or it would bring it back; whether
        // it failed makes no difference: everything goes.
        await WhenStoredAsync(state.Position);
        await _log.DeleteAsync(StreamId);
        if (_legacy.RecordExists)
        {
            await _legacy.ClearStateAsync();
        }

        if (_legacyVersion.RecordExists)
        {
            await _legacyVersion.ClearStateAsync();
        }

        _publisher.Clear();
        DeactivateOnIdle();
    }

    public Task Attach(string serverId, IWorkshopObserver observer, IReadOnlyList<PresentPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        ThrowIfBroken();
        var participants = people
            .Where(person => person.Role == Role.Participant)
            .Select(person => person.ActorKey)
            .ToHashSet(StringComparer.Ordinal);
        _publisher.Attach(serverId, observer, participants);
        return RecountPresenceAsync();
    }

    public Task Detach(string serverId)
    {
        ThrowIfBroken();
        return _publisher.Detach(serverId) ? RecountPresenceAsync() : Task.CompletedTask;
    }

    // ---- storage: Orleans' CustomStorage provider calls these two ----

    /// <summary>
    /// The snapshot and the entries after it, folded. An empty stream may still have a workshop
    /// stored by an earlier version: it is converted, written as the snapshot at version 0, and
    /// the legacy records are cleared. A failed read leaves an activation that serves only
    /// <c>unavailable</c> and deactivates (the adaptor would otherwise retry forever).
    /// </summary>
    public async Task<KeyValuePair<int, WorkshopModelState>> ReadStateFromStorage()
    {
        try
        {
            var read = await _log.ReadAsync(StreamId);
            var state = read.IsEmpty ? await ConvertLegacyAsync() : Fold(read);
            _storedPosition = _snapshotPosition = state.Position;
            if (!read.IsEmpty)
            {
                _snapshotPosition = read.SnapshotVersion;
            }

            return new(checked((int)state.Position), state);
        }
        catch (Exception ex)
        {
            Log.ReadFailed(_logger, ex, Id);
            Break(ex);
            return new(0, new WorkshopModelState());
        }
    }

    /// <summary>
    /// Appends the batch. Never throws and never answers false: Orleans' adaptor would retry an
    /// exception forever and re-apply the batch on top of the other writer's state after a false.
    /// A failure instead breaks the activation (see <see cref="Break"/>); the adaptor is told the
    /// batch is taken, and the callers learn from <see cref="_storedPosition"/> that it is not.
    /// </summary>
    public async Task<bool> ApplyUpdatesToStorage(IReadOnlyList<WorkshopEvent> updates, int expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (_broken is not null || updates.Count == 0)
        {
            return true;
        }

        try
        {
            if (expectedVersion != _storedPosition)
            {
                throw new InvalidOperationException($"the log is at {_storedPosition}, the batch expects {expectedVersion}");
            }

            var entries = new ReadOnlyMemory<byte>[updates.Count];
            for (var i = 0; i < updates.Count; i++)
            {
                entries[i] = _serializer.SerializeToArray(updates[i]);
                _entryBytesSinceSnapshot += entries[i].Length;
            }

            if (!await _log.AppendAsync(StreamId, expectedVersion, entries))
            {
                throw new InvalidOperationException($"another writer appended to {StreamId} after version {expectedVersion}");
            }
        }
        catch (Exception ex)
        {
            Break(ex);
            return true;
        }

        _storedPosition = expectedVersion + updates.Count;
        WorkshopsMetrics.WriteBatchSize.Record(updates.Count);
        PublishStored();
        if (_storedPosition - _snapshotPosition >= SnapshotEvery && _entryBytesSinceSnapshot >= _lastSnapshotBytes && _snapshots.IsCompleted)
        {
            _ = SnapshotAsync();
        }

        return true;
    }

    /// <summary>Orleans' ClearLogAsync; the workshop removes itself through <see cref="Erase"/>.</summary>
    public Task ClearStoredState() => _log.DeleteAsync(StreamId);

    private WorkshopModelState Fold(EventLogRead read)
    {
        var state = read.Snapshot is { } snapshot
            ? _serializer.Deserialize<WorkshopModelState>(snapshot) ?? throw new InvalidOperationException($"the snapshot of {StreamId} is empty")
            : new WorkshopModelState();
        if (state.Position != read.SnapshotVersion)
        {
            throw new InvalidOperationException($"the snapshot of {StreamId} holds position {state.Position}, stored as {read.SnapshotVersion}");
        }

        foreach (var entry in read.Entries)
        {
            WorkshopFold.Apply(state, _serializer.Deserialize<WorkshopEvent>(entry) ?? throw new InvalidOperationException($"an empty entry in {StreamId}"));
        }

        return state;
    }

    private async Task<WorkshopModelState> ConvertLegacyAsync()
    {
        if (!_legacy.RecordExists && !_legacyVersion.RecordExists)
        {
            return new WorkshopModelState();
        }

        var state = LegacyConversion.Convert(_legacy.State, _legacyVersion.State);
        await _log.WriteSnapshotAsync(StreamId, 0, _serializer.SerializeToArray(state));
        if (_legacy.RecordExists)
        {
            await _legacy.ClearStateAsync();
        }

        if (_legacyVersion.RecordExists)
        {
            await _legacyVersion.ClearStateAsync();
        }

        Log.LegacyConverted(_logger, Id);
        return state;
    }

    // ---- committing and publishing ----

    /// <summary>
    /// Raises the decision's events and completes once they, and everything raised before them,
    /// are stored. A replay (no events) waits too: its first result may still be on its way.
    /// </summary>
    private async Task<T> Commit<T>(Decision<T> decision)
    {
        if (decision.Events.Count > 0)
        {
            RaiseEvents(decision.Events);
            if (decision.Notices.Count > 0)
            {
                _outbox.Enqueue((decision.Events[^1].Position, decision.Notices));
            }

            if (Model.HasUnannouncedTallies)
            {
                EnsureTallyTimer();
            }
        }

        if (!await WhenStoredAsync(TentativeState.Position))
        {
            throw WorkshopException.Unavailable("storage failed; nothing of this call was kept", _broken ?? new IOException("not stored"));
        }

        return decision.Result;
    }

    private async Task<VoteReceipt> CommitVote(Decision<VoteReceipt> decision, bool cast)
    {
        var receipt = await Commit(decision);
        if (decision.Events.Count > 0)
        {
            WorkshopsMetrics.VoteStored(cast);
        }

        return receipt;
    }

    /// <summary>True once the log holds every event up to <paramref name="position"/>; false when it never will.</summary>
    private async Task<bool> WhenStoredAsync(long position)
    {
        while (_storedPosition < position && _broken is null && UnconfirmedEvents.Any())
        {
            await ConfirmEvents();
        }

        return _storedPosition >= position;
    }

    /// <summary>The memory no longer matches the log: nothing more is stored or served; the activation goes.</summary>
    private void Break(Exception error)
    {
        if (_broken is not null)
        {
            return;
        }

        _broken = error;
        Log.WriteFailed(_logger, error, Id);
        _outbox.Clear();
        _tallyTimer?.Dispose();
        _tallyTimer = null;
        DeactivateOnIdle();
    }

    private void ThrowIfBroken()
    {
        if (_broken is not null)
        {
            throw WorkshopException.Unavailable("storage failed; the grain is reloading, try again", _broken);
        }
    }

    private void RequireExisting()
    {
        ThrowIfBroken();
        if (_erasing)
        {
            throw WorkshopException.NotFound("no such workshop");
        }

        WorkshopAccess.RequireExisting(TentativeState);
    }

    private void PublishStored()
    {
        List<WorkshopNotice>? ready = null;
        while (_outbox.TryPeek(out var next) && next.Position <= _storedPosition)
        {
            _outbox.Dequeue();
            (ready ??= []).AddRange(next.Notices);
        }

        if (ready is not null)
        {
            _publisher.Publish(ready);
        }
    }

    private void OnServerDropped()
    {
        // A push to a server failed: its people no longer count until it renews. Nobody waits
        // for this change; a failed write of it breaks the activation like any other.
        if (_broken is null && !_erasing)
        {
            _ = RecountQuietlyAsync();
        }

        async Task RecountQuietlyAsync()
        {
            try
            {
                await RecountPresenceAsync();
            }
            catch (WorkshopException ex)
            {
                Log.TalliesNotStored(_logger, ex, Id);
            }
        }
    }

    // ---- snapshots ----

    private Task SnapshotWhenDueAsync(CancellationToken cancellationToken) =>
        _storedPosition > _snapshotPosition && Now - _snapshotAt >= SnapshotAfter ? SnapshotAsync() : Task.CompletedTask;

    /// <summary>
    /// Writes the state as the log's snapshot, which lets the store forget the entries before it.
    /// Serialized at once (the state goes on changing), written once every event it holds is
    /// stored; one at a time. False when it could not be written.
    /// </summary>
    private Task<bool> SnapshotAsync()
    {
        var previous = _snapshots;
        var next = RunAsync();
        _snapshots = next;
        return next;

        async Task<bool> RunAsync()
        {
            await previous;
            if (_broken is not null || _erasing)
            {
                return false;
            }

            var state = TentativeState;
            var position = state.Position;
            if (position <= _snapshotPosition)
            {
                return true;
            }

            var bytes = _serializer.SerializeToArray(state);
            _lastSnapshotBytes = bytes.Length;
            _entryBytesSinceSnapshot = 0;
            if (!await WhenStoredAsync(position) || _erasing)
            {
                return false;
            }

            try
            {
                await _log.WriteSnapshotAsync(StreamId, position, bytes);
                _snapshotPosition = Math.Max(_snapshotPosition, position);
                _snapshotAt = Now;
                return true;
            }
            catch (Exception ex)
            {
                Log.SnapshotFailed(_logger, ex, Id);
                return false;
            }
        }
    }

    // ---- tallies and presence ----

    private void EnsureTallyTimer()
    {
        _tallyTimer ??= this.RegisterGrainTimer(FlushTalliesAsync, new GrainTimerCreationOptions(TallyInterval, TallyInterval) { Interleave = true });
    }

    /// <summary>Announces the votes of the last interval (see <see cref="WorkshopModel.AnnounceTallies"/>); stops itself when idle.</summary>
    private async Task FlushTalliesAsync(CancellationToken cancellationToken)
    {
        if (_broken is not null || _erasing || Model.AnnounceTallies(TentativeState, Now) is not { } decision)
        {
            _tallyTimer?.Dispose();
            _tallyTimer = null;
            return;
        }

        try
        {
            await Commit(decision);
        }
        catch (WorkshopException ex)
        {
            Log.TalliesNotStored(_logger, ex, Id);
        }
    }

    // A server that stopped renewing is gone; so are the people it held.
    private Task ExpireSubscribersAsync(CancellationToken cancellationToken) =>
        _publisher.ExpireStale() && _broken is null ? RecountPresenceAsync() : Task.CompletedTask;

    private Task RecountPresenceAsync()
    {
        var count = _publisher.ParticipantCount;
        if (_erasing || Model.CountPresence(TentativeState, count, Now) is not { } decision)
        {
            return Task.CompletedTask;
        }

        return Commit(decision);
    }

    /// <summary>The name an idea would be signed with now: none while ideas are anonymous.</summary>
    private async Task<string?> SignatureAsync(Caller caller)
    {
        if (TentativeState.Settings.AnonymousIdeas)
        {
            return null;
        }

        if (caller.IsStaff)
        {
            return WireNames.Of(caller.Role);
        }

        // Tokens carry no names (they travel with every request); the event keeps them.
        return await GrainFactory.GetGrain<IEventGrain>(TentativeState.EventId).GetDisplayName(caller.ParticipantId!);
    }
}
