using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>
/// One thematic workshop. Reentrant so that calls arriving while a write is in flight can join
/// the next write (group commit). Every method validates and changes memory synchronously,
/// with no await in between, so interleaving never sees half a change; then it waits until
/// the change is stored. Browsers hear of a change only after it is stored.
/// </summary>
[Reentrant]
public sealed partial class WorkshopGrain : Grain, IWorkshopGrain
{
    internal static readonly TimeSpan TallyInterval = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan SubscriptionExpiry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastDeliveryWait = TimeSpan.FromSeconds(5);
    internal const int MaxIdeasPerWorkshop = 5000;
    internal const int MaxIdeasPerParticipant = 200;
    internal const int MaxOpsPerActor = 512;

    private readonly IPersistentState<WorkshopState> _store;
    private readonly IPersistentState<WorkshopVersionState> _versionStore;
    private readonly GroupCommit _commit;
    private readonly TimeProvider _clock;
    private readonly ILogger<WorkshopGrain> _logger;

    // Derived from the state on activation, kept current by every change.
    private readonly Dictionary<string, IdeaRecord> _ideas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tallies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _publishedOutputs = new(StringComparer.Ordinal);

    // Changes made but not yet stored, and tallies not yet announced.
    private readonly List<WorkshopNotice> _outbox = [];
    private readonly HashSet<string> _dirtyTallies = new(StringComparer.Ordinal);
    private IGrainTimer? _tallyTimer;

    // The servers subscribed to this workshop, with the people they hold; memory only.
    private readonly WorkshopPublisher _publisher;
    private int _presence;

    public WorkshopGrain(
        [PersistentState("workshop", StorageNames.Workshops)] IPersistentState<WorkshopState> store,
        [PersistentState("version", StorageNames.Workshops)] IPersistentState<WorkshopVersionState> versionStore,
        TimeProvider clock,
        ILogger<WorkshopGrain> logger)
    {
        _store = store;
        _versionStore = versionStore;
        _clock = clock;
        _logger = logger;
        _commit = new GroupCommit(WriteAsync, OnWriteFailed);
        _publisher = new WorkshopPublisher(this.GetPrimaryKeyString(), SubscriptionExpiry, clock, logger, OnServerDropped);
    }

    private WorkshopState S => _store.State;

    private string Id => this.GetPrimaryKeyString();

    private bool ResultsVisibleToParticipants =>
        S.Settings.LiveResults || S.Phase is WorkshopPhase.Results or WorkshopPhase.Closed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Presence changes and tally announcements store only the side record; nothing goes back.
        S.Version = Math.Max(S.Version, _versionStore.State.Version);
        S.StaffTallySeq = Math.Max(S.StaffTallySeq, _versionStore.State.StaffTallySeq);
        S.ParticipantTallySeq = Math.Max(S.ParticipantTallySeq, _versionStore.State.ParticipantTallySeq);
        foreach (var idea in S.Ideas)
        {
            _ideas[idea.IdeaId] = idea;
        }

        foreach (var actor in S.Actors.Values)
        {
            foreach (var (ideaId, votes) in actor.Votes)
            {
                _tallies[ideaId] = _tallies.GetValueOrDefault(ideaId) + votes;
            }
        }

        for (var i = 0; i < S.Areas.Count; i++)
        {
            var boardId = BoardIdOf(i);
            _publishedOutputs[boardId] = OutputKey(ComputeOutput(boardId, forStaff: true));
        }

        CountStoredState();

        // An earlier activation that ended abruptly may have stored votes it never announced.
        // The seqs continue where they were, so clients keep their state; the first announcement
        // of this activation carries every idea's count, which makes them exact again.
        if (_tallies.Count > 0)
        {
            _dirtyTallies.UnionWith(_ideas.Keys);
            EnsureTallyTimer();
        }

        this.RegisterGrainTimer(ExpireSubscribersAsync, new GrainTimerCreationOptions(SubscriptionExpiry / 3, SubscriptionExpiry / 3) { Interleave = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Announce the last votes before leaving memory, so no tally is left unsent.
        if (_dirtyTallies.Count > 0 && !_commit.IsBroken && !_erasing)
        {
            await FlushTalliesAsync(cancellationToken);
        }

        // What was stored is announced before the activation goes, unless a server is too slow.
        try
        {
            await _publisher.DeliveredAsync().WaitAsync(LastDeliveryWait, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }
    }

    public Task Initialize(WorkshopDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _commit.ThrowIfBroken();
        if (S.Initialized)
        {
            if (string.Equals(S.EventId, definition.EventId, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            throw WorkshopException.Conflict("this workshop id is taken by another event");
        }

        S.Initialized = true;
        S.EventId = definition.EventId;
        S.Title = definition.Title;
        S.Areas = [.. definition.OutputAreas];
        S.Settings = definition.Settings;
        S.Language = definition.Language;
        S.Phase = WorkshopPhase.Setup;
        for (var i = 0; i < S.Areas.Count; i++)
        {
            var boardId = BoardIdOf(i);
            _publishedOutputs[boardId] = OutputKey(ComputeOutput(boardId, forStaff: true));
        }

        return _commit.CommitAsync();
    }

    internal static string BoardIdOf(int index) => "b" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task WriteAsync(bool full)
    {
        // Taken before the write starts: exactly the changes this write stores.
        WorkshopNotice[]? notices = null;
        if (_outbox.Count > 0)
        {
            notices = [.. _outbox];
            _outbox.Clear();
        }

        if (full)
        {
            await _store.WriteStateAsync();
        }
        else if (_versionStore.State.Version < S.Version
            || _versionStore.State.StaffTallySeq < S.StaffTallySeq
            || _versionStore.State.ParticipantTallySeq < S.ParticipantTallySeq)
        {
            _versionStore.State.Version = S.Version;
            _versionStore.State.StaffTallySeq = S.StaffTallySeq;
            _versionStore.State.ParticipantTallySeq = S.ParticipantTallySeq;
            await _versionStore.WriteStateAsync();
        }

        if (notices is not null)
        {
            _publisher.Publish(notices);
        }
    }

    private void OnWriteFailed(Exception error)
    {
        Log.WriteFailed(_logger, error, Id);
        _outbox.Clear();
        DeactivateOnIdle();
    }

    private void OnServerDropped()
    {
        // A push to a server failed: its people no longer count until it renews. Nobody waits
        // for this write; a failure of it is handled by OnWriteFailed.
        if (!_commit.IsBroken)
        {
            _ = RecountPresenceAsync();
        }
    }

    /// <summary>Stamps the next version on a change and queues what each audience is told.</summary>
    private void Emit(Func<long, IReadOnlyList<Delivery>> deliveries)
    {
        var version = ++S.Version;
        _outbox.Add(new WorkshopNotice(Id, NoticeNumber, deliveries(version)));
    }

    /// <summary>
    /// The place of the latest notice in the workshop's order: every change takes a version,
    /// every tally announcement a staff seq (staff get them all), so this grows by one per notice.
    /// </summary>
    private long NoticeNumber => S.Version + S.StaffTallySeq;

    /// <summary>Records a staff action; the caller checked <see cref="RequireRoom"/> for it before changing anything.</summary>
    private void Audit(Caller caller, string action, string? ideaId = null, string? detail = null)
    {
        var entry = new AuditRecord { At = _clock.GetUtcNow(), Role = caller.Role, Action = action, IdeaId = ideaId, Detail = detail };
        S.Audit.Add(entry);
        _storedUnits += StoredSize.Of(entry);
    }
}
