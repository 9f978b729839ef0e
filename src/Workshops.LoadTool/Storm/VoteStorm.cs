using System.Diagnostics;
using System.Globalization;
using Workshops.Contracts;

namespace Workshops.LoadTool.Storm;

/// <summary>
/// The "vote storm" scenario: an event with W workshops, P participants joined over HTTP and
/// connected over WebSockets across the given servers, a brainstorm, voting opened, and every
/// participant spending its dots at once. Measures acknowledged votes/s, acknowledgement
/// latency, how soon every facilitator screen shows the final tallies, and checks exactly that
/// the stored tallies are the acknowledged votes.
/// </summary>
/// <remarks>
/// Built to be reused by fault tests: participants keep their unacknowledged votes and, when a
/// server dies, re-connect to the next URL and re-send them with the same clientOpIds (bounded
/// by <see cref="VoteStormOptions.MaxReconnects"/> and <see cref="VoteStormOptions.MaxResendRounds"/>);
/// <see cref="VoteStormOptions.OnStage"/> tells the test when to strike.
/// </remarks>
public sealed class VoteStorm(VoteStormOptions options)
{
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(10);
    private readonly StormErrors _errors = new();

    public VoteStormOptions Options => options;

    /// <summary>Runs the storm once, start to end; never longer than <see cref="VoteStormOptions.OverallTimeout"/>.</summary>
    /// <param name="target">A name for what the storm runs against, for the report.</param>
    /// <param name="cancellationToken">Stops the storm.</param>
    public async Task<VoteStormResult> RunAsync(string target, CancellationToken cancellationToken = default)
    {
        options.Validate();
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(options.OverallTimeout);
        var ct = overall.Token;
        var apis = options.Urls.Select(u => new StormApi(u, options.CallTimeout)).ToList();
        var participants = new List<StormParticipant>();
        var screens = new List<FacilitatorScreen>();
        try
        {
            return await RunCoreAsync(target, apis, participants, screens, ct);
        }
        finally
        {
            await CloseAllAsync(participants, screens);
            foreach (var api in apis)
            {
                api.Dispose();
            }
        }
    }

    private async Task<VoteStormResult> RunCoreAsync(
        string target, List<StormApi> apis, List<StormParticipant> participants, List<FacilitatorScreen> screens, CancellationToken ct)
    {
        var setupStarted = Stopwatch.GetTimestamp();

        // 1. The event, its staff, and a screen per facilitator.
        var admin = await AnyAsync(apis, api => api.SignInAsync(options.AdminKey, ct));
        var created = await AnyAsync(apis, api => api.CreateEventAsync(admin.Token, Program(), ct));
        Log($"event {created.EventId}: {created.Workshops.Count} workshops, join code {created.JoinCode}");
        var moderator = await AnyAsync(apis, api => api.SignInAsync(created.ModeratorKey, ct));
        for (var w = 0; w < created.Workshops.Count; w++)
        {
            var workshop = created.Workshops[w];
            var facilitator = await AnyAsync(apis, api => api.SignInAsync(workshop.FacilitatorKey, ct));
            for (var s = 0; s < options.ScreensPerWorkshop; s++)
            {
                screens.Add(new FacilitatorScreen(workshop.WorkshopId, facilitator.Token, (w + s) % options.Urls.Count, options, _errors));
            }
        }

        await Task.WhenAll(screens.Select(s => s.ConnectAsync(ct)));
        var steering = screens.GroupBy(s => s.WorkshopId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        await Task.WhenAll(steering.Select(s => s.SetPhaseAsync(WorkshopPhase.Brainstorm, ct)));
        await StageAsync(StormStage.EventCreated, ct);

        // 2. Participants join over HTTP, then connect; participant i goes to workshop i mod W.
        var workshopIds = created.Workshops.Select(w => w.WorkshopId).ToList();
        for (var i = 0; i < options.Participants; i++)
        {
            participants.Add(new StormParticipant(i, workshopIds[i % workshopIds.Count], options, _errors));
        }

        var joinStarted = Stopwatch.GetTimestamp();
        await ForEachAsync(participants, options.JoinConcurrency, p => p.JoinAsync(apis, created.JoinCode, ct));
        var joinSeconds = Stopwatch.GetElapsedTime(joinStarted).TotalSeconds;
        Log($"{participants.Count(p => p.Token is not null)} of {participants.Count} joined in {joinSeconds:F1} s");
        var connectStarted = Stopwatch.GetTimestamp();
        var joined = participants.Where(p => p.Token is not null).ToList();
        await ForEachAsync(joined, options.ConnectConcurrency, p => p.ConnectAsync(ct));
        var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;
        var voters = joined.Where(p => p.Connected).ToList();
        Log($"{voters.Count} connected in {connectSeconds:F1} s");
        await StageAsync(StormStage.ParticipantsConnected, ct);

        // 3. The brainstorm: the first participants of each workshop add one idea each.
        var ideas = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in voters.GroupBy(p => p.WorkshopId, StringComparer.Ordinal))
        {
            var added = await Task.WhenAll(group.Take(options.IdeasPerWorkshop).Select((p, k) =>
                p.AddIdeaAsync(string.Create(CultureInfo.InvariantCulture, $"Fikir {k + 1}: gençlik merkezlerinde ücretsiz atölye"), ct)));
            ideas[group.Key] = [.. added.Select(i => i.IdeaId)];
        }

        foreach (var p in voters)
        {
            // Distinct ideas per person, spread so every idea gets votes.
            var list = ideas[p.WorkshopId];
            p.Plan([.. Enumerable.Range(0, options.VotesPerParticipant).Select(k => list[(p.Index / workshopIds.Count + k) % list.Count])]);
        }

        await Task.Delay(options.SettleTime, ct);
        await Task.WhenAll(steering.Select(s => s.SetPhaseAsync(WorkshopPhase.Voting, ct)));
        var setupSeconds = Stopwatch.GetElapsedTime(setupStarted).TotalSeconds;
        await StageAsync(StormStage.VotingOpened, ct);

        // 4. The storm: everyone at once. The set-up's garbage (joins, connections, snapshots) is
        // collected first, so that this process's GC does not take its CPU inside the window and
        // the window measures the votes, for whichever server this is (with --self-host, the
        // server's heap is collected too).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var loadAverage = CpuSample.LoadAverage();
        var cpuBefore = CpuSample.Take();
        var serverCpuBefore = options.ServerCpuTime?.Invoke();
        var eventsBefore = voters.Sum(p => p.EventsReceived);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var voting = voters.Select(p => Task.Run(async () =>
        {
            await go.Task;
            await p.VoteAsync(ct);
        }, ct)).ToArray();
        var stormStarted = Stopwatch.GetTimestamp();
        go.SetResult();
        await StageAsync(StormStage.VotesSending, ct);
        await Task.WhenAll(voting);
        var cpuAfter = CpuSample.Take();
        var serverCpuAfter = options.ServerCpuTime?.Invoke();
        var eventsInStorm = voters.Sum(p => p.EventsReceived) - eventsBefore;
        await StageAsync(StormStage.VotesSettled, ct);

        var acks = voters.SelectMany(p => p.Acks).ToList();
        var lastAck = acks.Count > 0 ? acks.Max(a => a.AckedAt) : stormStarted;
        var firstSend = acks.Count > 0 ? Math.Min(stormStarted, acks.Min(a => a.SentAt)) : stormStarted;
        Log($"{acks.Count} votes acknowledged in {Stopwatch.GetElapsedTime(firstSend, lastAck).TotalSeconds:F2} s");

        // 5. Screens: from each workshop's last acknowledgement to the final tallies on screen.
        var expected = acks.GroupBy(a => a.WorkshopId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, int>)g.GroupBy(a => a.Receipt.IdeaId, StringComparer.Ordinal)
                .ToDictionary(i => i.Key, i => i.Count(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        var lastAckByWorkshop = acks.GroupBy(a => a.WorkshopId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(a => a.AckedAt), StringComparer.Ordinal);
        var shownAt = await Task.WhenAll(screens.Select(s => s.WaitForAsync(
            expected.GetValueOrDefault(s.WorkshopId) ?? new Dictionary<string, int>(), options.ScreenTimeout, ct)));
        var screenMs = screens.Zip(shownAt)
            .Where(x => x.Second is not null)
            .Select(x => Stopwatch.GetElapsedTime(lastAckByWorkshop.GetValueOrDefault(x.First.WorkshopId, lastAck), x.Second!.Value).TotalMilliseconds)
            .ToList();
        await StageAsync(StormStage.ScreensSettled, ct);

        // 6. The exact check against the moderator's export.
        var export = await AnyAsync(apis, api => api.ExportAsync(moderator.Token, created.EventId, ct));
        var check = Check(export, acks, voters);

        return new VoteStormResult
        {
            Target = target,
            EventId = created.EventId,
            Workshops = options.Workshops,
            Participants = options.Participants,
            VotesPerParticipant = options.VotesPerParticipant,
            VotesPlanned = voters.Sum(p => (long)p.Planned),
            VotesAcknowledged = acks.Count,
            StormSeconds = Stopwatch.GetElapsedTime(firstSend, lastAck).TotalSeconds,
            AckLatency = LatencySummary.Of(acks.Select(a => Stopwatch.GetElapsedTime(a.SentAt, a.AckedAt).TotalMilliseconds)),
            ScreenLatency = LatencySummary.Of(screenMs),
            Screens = screens.Count,
            ScreensConverged = screenMs.Count,
            ScreenResyncs = screens.Sum(s => s.Resyncs),
            ErrorsByCode = _errors.Snapshot(),
            Reconnects = participants.Sum(p => p.Reconnects),
            Resends = participants.Sum(p => p.Resends),
            Check = check,
            SetupSeconds = setupSeconds,
            JoinSeconds = joinSeconds,
            ConnectSeconds = connectSeconds,
            ProcessCores = CpuSample.ProcessCores(cpuBefore, cpuAfter),
            ProcessCpuSeconds = (cpuAfter.ProcessCpu - cpuBefore.ProcessCpu).TotalSeconds,
            MachineCores = CpuSample.MachineCores(cpuBefore, cpuAfter),
            ServerProcessCpuSeconds = serverCpuAfter - serverCpuBefore is { } serverCpu ? serverCpu.TotalSeconds : null,
            ServerProcessCores = serverCpuAfter - serverCpuBefore is { } spent ? spent.TotalSeconds / Stopwatch.GetElapsedTime(cpuBefore.WallTicks, cpuAfter.WallTicks).TotalSeconds : null,
            LoadAverage = loadAverage,
            ParticipantEventsInStorm = eventsInStorm,
        };
    }

    private TallyCheck Check(EventExport export, List<VoteAck> acks, List<StormParticipant> voters)
    {
        var problems = new List<string>();
        var exported = export.Workshops
            .SelectMany(w => w.Boards.SelectMany(b => b.Ideas).Select(i => (Key: w.WorkshopId + "/" + i.IdeaId, i.Votes)))
            .ToDictionary(x => x.Key, x => x.Votes, StringComparer.Ordinal);
        var acknowledged = acks.GroupBy(a => a.WorkshopId + "/" + a.Receipt.IdeaId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var equal = true;
        var neverMore = true;
        foreach (var key in exported.Keys.Union(acknowledged.Keys, StringComparer.Ordinal))
        {
            var got = exported.GetValueOrDefault(key);
            var want = acknowledged.GetValueOrDefault(key);
            if (got != want)
            {
                equal = false;
                problems.Add($"idea {key}: export {got}, acknowledged {want}");
            }

            if (got > want)
            {
                neverMore = false;
            }
        }

        // One receipt per op and per (person, idea): a re-send must not have produced a second vote.
        var distinctOps = acks.Select(a => a.ParticipantId + "/" + a.OpId).Distinct(StringComparer.Ordinal).Count();
        var distinctVotes = acks.Select(a => a.ParticipantId + "/" + a.Receipt.IdeaId).Distinct(StringComparer.Ordinal).Count();
        if (distinctOps != acks.Count || distinctVotes != acks.Count)
        {
            neverMore = false;
            problems.Add($"{acks.Count} receipts for {distinctOps} ops and {distinctVotes} (person, idea) pairs");
        }

        if (acks.Any(a => a.Receipt.MyVotes != 1))
        {
            neverMore = false;
            problems.Add("a receipt shows more than one vote of a person on one idea");
        }

        var budgetKept = true;
        foreach (var person in acks.GroupBy(a => a.ParticipantId, StringComparer.Ordinal))
        {
            if (person.Count() > options.VotesPerParticipant || person.Any(a => a.Receipt.Remaining < 0))
            {
                budgetKept = false;
                problems.Add($"participant {person.Key}: {person.Count()} votes acknowledged, budget {options.VotesPerParticipant}");
            }
        }

        var exportedTotal = export.Workshops.Sum(w => (long)w.Votes);
        if (exportedTotal != exported.Values.Sum())
        {
            equal = false;
            problems.Add($"the export's workshop totals ({exportedTotal}) differ from its idea tallies ({exported.Values.Sum()})");
        }

        return new TallyCheck
        {
            AcknowledgedVotes = acks.Count,
            ExportedVotes = exported.Values.Sum(),
            TalliesEqualAcknowledged = equal,
            NoVoteCountedTwice = neverMore,
            NoBudgetExceeded = budgetKept,
            UnresolvedVotes = voters.Sum(p => (long)p.Unresolved),
            Problems = [.. problems.Take(50)],
        };
    }

    private EventProgram Program() => new()
    {
        Title = "Oy fırtınası " + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        Language = "tr",
        OutputAreas = ["Etki"],
        Workshops = [.. Enumerable.Range(1, options.Workshops).Select(w => new WorkshopProgram { Title = "Atölye " + w.ToString(CultureInfo.InvariantCulture) })],
        Settings = new WorkshopSettings { VotesPerBoard = options.VotesPerParticipant, MaxVotesPerIdea = 1, LiveResults = false },
    };

    /// <summary>The first server that answers: during a fault test one of them may be down.</summary>
    private async Task<T> AnyAsync<T>(List<StormApi> apis, Func<StormApi, Task<T>> call)
    {
        Exception? last = null;
        for (var round = 0; round <= options.MaxReconnects; round++)
        {
            foreach (var api in apis)
            {
                try
                {
                    return await call(api);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or StormHttpException { Status: >= System.Net.HttpStatusCode.InternalServerError })
                {
                    last = ex;
                }
            }

            await Task.Delay(options.Backoff(round));
        }

        throw new StormHttpException("no server answered: " + last?.Message, last!);
    }

    private static async Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, Task> action)
    {
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                await action(item);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task CloseAllAsync(List<StormParticipant> participants, List<FacilitatorScreen> screens)
    {
        await ForEachAsync(participants, 128, p => p.DisposeAsync(DisposeTimeout));
        await Task.WhenAll(screens.Select(s => s.DisposeAsync(DisposeTimeout)));
    }

    private async Task StageAsync(StormStage stage, CancellationToken ct)
    {
        if (options.OnStage is { } onStage)
        {
            await onStage(stage, ct);
        }
    }

    private void Log(string line) => options.Log?.WriteLine("  " + line);
}
