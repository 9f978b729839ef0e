using System.Globalization;
using Workshops.Contracts;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>
/// An event created through the real event grain under a fresh id, with the callers a web host
/// would build from its tokens, and the checks every refusal test needs.
/// </summary>
public sealed class TestEvent
{
    private readonly ClusterFixture _fixture;
    private int _nextOp;

    private TestEvent(ClusterFixture fixture, EventProgram program, EventCreated created)
    {
        _fixture = fixture;
        Program = program;
        Created = created;
    }

    public EventProgram Program { get; }

    public EventCreated Created { get; }

    public string EventId => Created.EventId;

    public IEventGrain Event => _fixture.Client.GetGrain<IEventGrain>(EventId);

    public string WorkshopId => Created.Workshops[0].WorkshopId;

    public IWorkshopGrain Workshop => _fixture.Client.GetGrain<IWorkshopGrain>(WorkshopId);

    public Caller Facilitator => FacilitatorOf(0);

    public Caller Moderator => new(Role.Moderator, EventId, null, null, null, null);

    /// <summary>Successful writes of the first workshop's state.</summary>
    public int Writes => _fixture.Storage.WritesOf(Workshop.GetGrainId());

    public static string NewId(string prefix = "e") => prefix + Guid.NewGuid().ToString("N")[..16];

    public static EventProgram ProgramWith(WorkshopSettings? settings = null, int workshops = 1, List<string>? areas = null, List<string>? groups = null) => new()
    {
        Title = "2. Ulusal Danışma Toplantısı",
        Date = "2021-11-25",
        Venue = "Ankara",
        Language = "tr",
        OutputAreas = areas,
        StakeholderGroups = groups,
        Settings = settings,
        Workshops = [.. Enumerable.Range(1, workshops).Select(i => new WorkshopProgram { Title = "Atölye " + i.ToString(CultureInfo.InvariantCulture) })],
    };

    public static async Task<TestEvent> CreateAsync(ClusterFixture fixture, EventProgram program)
    {
        var created = await fixture.Client.GetGrain<IEventGrain>(NewId()).Create(program);
        return new TestEvent(fixture, program, created);
    }

    public static Task<TestEvent> CreateAsync(ClusterFixture fixture, WorkshopSettings? settings = null, int workshops = 1, List<string>? areas = null) =>
        CreateAsync(fixture, ProgramWith(settings, workshops, areas));

    public IWorkshopGrain WorkshopAt(int index) => _fixture.Client.GetGrain<IWorkshopGrain>(Created.Workshops[index].WorkshopId);

    public Caller FacilitatorOf(int index) => new(Role.Facilitator, EventId, Created.Workshops[index].WorkshopId, null, null, null);

    /// <summary>Joins through the event grain, as POST /api/auth/join does, and returns the caller its token carries.</summary>
    public async Task<Caller> JoinAsync(string? name = null, string? group = null)
    {
        var joined = await Event.Join(null, name, null, group);
        return new Caller(Role.Participant, EventId, null, joined.ParticipantId, joined.DisplayName, joined.Group);
    }

    public async Task<IReadOnlyList<Caller>> JoinManyAsync(int count, string? group = null) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => JoinAsync("Katılımcı " + i.ToString(CultureInfo.InvariantCulture), group)));

    public Task SetPhaseAsync(WorkshopPhase phase) => Workshop.SetPhase(Facilitator, phase.ToString());

    public Task<WorkshopSnapshot> StaffViewAsync() => Workshop.GetSnapshot(Moderator);

    public async Task<long> VersionAsync() => (await StaffViewAsync()).Version;

    /// <summary>The place of the latest notice in the workshop's order: its version plus the staff tally seq.</summary>
    public async Task<long> NoticeNumberAsync()
    {
        var view = await StaffViewAsync();
        return view.Version + view.TallySeq;
    }

    public Task<Idea> AddIdeaAsync(Caller who, string text, string boardId = "b1") =>
        Workshop.AddIdea(who, new IdeaInput { BoardId = boardId, Text = text });

    public Task<VoteReceipt> VoteAsync(Caller who, string ideaId) => Workshop.CastVote(who, ideaId, NextOp());

    public Task<VoteReceipt> RetractAsync(Caller who, string ideaId) => Workshop.RetractVote(who, ideaId, NextOp());

    public string NextOp() => "op-" + Interlocked.Increment(ref _nextOp).ToString(CultureInfo.InvariantCulture);

    /// <summary>Subscribes a recording observer as server <paramref name="serverId"/> holding <paramref name="people"/>.</summary>
    public async Task<RecordingObserver> AttachAsync(string serverId, params PresentPerson[] people)
    {
        var observer = new RecordingObserver();
        await Workshop.Attach(serverId, _fixture.Client.CreateObjectReference<IWorkshopObserver>(observer), people);
        return observer;
    }

    /// <summary>
    /// Moves the clock one tally interval on and waits until the coalesced tallies are published
    /// (an announcement of the tally stream: the next staff seq, no version).
    /// </summary>
    public async Task<WorkshopNotice> FlushTalliesAsync(RecordingObserver observer)
    {
        var before = await NoticeNumberAsync();
        _fixture.Clock.Advance(WorkshopGrain.TallyInterval);
        await observer.WaitForAsync(
            notices => notices.Any(n => n.Version > before && n.Deliveries.Any(d => d.Method == EventNames.TalliesChanged)),
            "a tally flush after notice " + before.ToString(CultureInfo.InvariantCulture));
        return observer.Notices.First(n => n.Version > before && n.Deliveries.Any(d => d.Method == EventNames.TalliesChanged));
    }

    /// <summary>The staff view, the export, the writes so far and each viewer's own view.</summary>
    public async Task<string> FingerprintAsync(params Caller[] viewers)
    {
        var parts = new List<object?>
        {
            await Workshop.GetSnapshot(Moderator),
            await Workshop.GetExport(Moderator),
            Writes,
        };
        foreach (var viewer in viewers)
        {
            parts.Add(await Workshop.GetSnapshot(viewer));
        }

        return Canonical.Json(parts);
    }

    /// <summary>Asserts the call is refused with <paramref name="code"/> and that nothing anyone can see or that is stored changed.</summary>
    public async Task<WorkshopException> AssertRefusedAsync(string code, Func<Task> call, params Caller[] viewers)
    {
        var before = await FingerprintAsync(viewers);
        var error = await Refusal.ExpectAsync(code, call);
        var after = await FingerprintAsync(viewers);
        Assert.Equal(before, after);
        return error;
    }
}
