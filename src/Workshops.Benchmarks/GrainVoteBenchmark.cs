using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Workshops.Contracts;
using Workshops.Grains;
using Workshops.Storage;
using Workshops.LoadTool.Storm;

namespace Workshops.Benchmarks;

/// <summary>
/// One provider's run: a real silo, one event with one workshop in Voting, N participants voting
/// concurrently through the grain for warm-up + window, then the exact checks.
/// </summary>
internal sealed class GrainVoteBenchmark(BenchmarkOptions options, TextWriter log)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);
    private static readonly string[] AreaNames = ["Etki", "Sürdürülebilirlik", "İş Birliği", "Katılım", "İzleme"];
    private static readonly string?[] Groups = ["Sivil toplum kuruluşu", "Kamu kurumu", null];

    public async Task<ProviderResult> RunAsync(string provider, IReadOnlyDictionary<string, string?> configuration)
    {
        var stats = new WriteStats();
        var problems = new List<string>();
        var eventId = "bench" + Guid.NewGuid().ToString("N")[..10];
        var moderator = new Caller(Role.Moderator, eventId, null, null, null, null);
        string workshopId;
        List<BenchIdea> ideas;
        Voter[] voters;
        ProviderResult result;

        await using (var silo = await BenchmarkSilo.StartAsync(configuration, stats))
        {
            var created = await silo.Grains.GetGrain<IEventGrain>(eventId).Create(Program());
            workshopId = created.Workshops[0].WorkshopId;
            var workshop = silo.Grains.GetGrain<IWorkshopGrain>(workshopId);
            ideas = await AddIdeasAsync(workshop, moderator);
            await workshop.SetPhase(moderator, nameof(WorkshopPhase.Voting));
            voters = await JoinVotersAsync(silo.Grains, eventId, workshop, ideas);
            log.WriteLine($"  {provider}: {voters.Length} voters, {ideas.Count} ideas on {options.Areas} boards; voting {options.WarmupSeconds}s warm-up + {options.DurationSeconds}s window");

            var window = new RunWindow(TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.DurationSeconds), TimeSpan.FromSeconds(options.EdgeSeconds));
            var logStatistics = silo.Services.GetRequiredService<EventLogStatistics>();
            var running = voters.Select(v => Task.Run(() => v.RunAsync(window))).ToArray();

            // Samples at the window's edges: writes and CPU inside it only.
            await Task.Delay(window.UntilWindowStart);
            var loadAverage = CpuSample.LoadAverage();
            var writesAtStart = stats.Read();
            var logAtStart = logStatistics.Read();
            var cpuAtStart = CpuSample.Take();
            await Task.Delay(window.UntilWindowEnd);
            var writesAtEnd = stats.Read();
            var logInWindow = logStatistics.Read().Since(logAtStart);
            var cpuAtEnd = CpuSample.Take();

            var all = Task.WhenAll(running);
            if (await Task.WhenAny(all, Task.Delay(DrainTimeout)) != all)
            {
                throw new TimeoutException($"voters did not stop within {DrainTimeout} after the window");
            }

            await all;
            var latencies = voters.SelectMany(v => v.WindowLatenciesMs).ToArray();
            Array.Sort(latencies);
            var writes = writesAtEnd.Writes - writesAtStart.Writes;
            var writeTicks = writesAtEnd.Ticks - writesAtStart.Ticks;

            // The exact checks, in the same silo.
            var expected = Expected(voters, ideas);
            var export = await workshop.GetExport(moderator);
            var exported = export.Boards.SelectMany(b => b.Ideas).ToDictionary(i => i.IdeaId, i => i.Votes, StringComparer.Ordinal);
            var talliesExact = SameTallies(expected, exported, "export", problems) && export.Votes == expected.Values.Sum();
            if (export.Votes != expected.Values.Sum())
            {
                problems.Add($"export says {export.Votes} votes, receipts say {expected.Values.Sum()}");
            }

            var votersExact = await CheckVotersAsync(workshop, voters, ideas, problems);
            var (stateBytes, serializeMs) = await StateSizeAsync(silo, workshop);

            result = new ProviderResult
            {
                Provider = provider,
                Voters = voters.Length,
                WindowSeconds = window.Duration.TotalSeconds,
                AcksInWindow = voters.Sum(v => v.AcksInWindow),
                EdgeSeconds = window.Edge.TotalSeconds,
                AcksInFirstEdge = voters.Sum(v => v.AcksInFirstEdge),
                AcksInLastEdge = voters.Sum(v => v.AcksInLastEdge),
                Log = logInWindow,
                P50Ms = Percentiles.Of(latencies, 50),
                P95Ms = Percentiles.Of(latencies, 95),
                P99Ms = Percentiles.Of(latencies, 99),
                MaxMs = latencies.Length > 0 ? latencies[^1] : double.NaN,
                WritesInWindow = writes,
                MeanWriteMs = writes > 0 ? Stopwatch.GetElapsedTime(0, writeTicks).TotalMilliseconds / writes : double.NaN,
                StateBytes = stateBytes,
                SerializeMs = serializeMs,
                TotalCasts = voters.Sum(v => v.Casts),
                TotalRetracts = voters.Sum(v => v.Retracts),
                Errors = voters.SelectMany(v => v.Errors).GroupBy(e => e.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal),
                UnknownOutcomes = voters.Sum(v => v.Unknown),
                TalliesExact = talliesExact,
                VotersExact = votersExact,
                ExportedVotes = export.Votes,
                ProcessCores = CpuSample.ProcessCores(cpuAtStart, cpuAtEnd),
                MachineCores = CpuSample.MachineCores(cpuAtStart, cpuAtEnd),
                LoadAverage = loadAverage,
                Problems = problems,
            };
        }

        if (options.RestartCheck && provider != "memory")
        {
            // A new silo on the same store: what it reads is what was durably acknowledged.
            await using var fresh = await BenchmarkSilo.StartAsync(configuration, new WriteStats());
            var export = await fresh.Grains.GetGrain<IWorkshopGrain>(workshopId).GetExport(moderator);
            var reread = export.Boards.SelectMany(b => b.Ideas).ToDictionary(i => i.IdeaId, i => i.Votes, StringComparer.Ordinal);
            var durable = SameTallies(Expected(voters, ideas), reread, "re-read after restart", problems);
            result = result with { DurableExact = durable, Problems = problems };
        }

        return result;
    }

    private EventProgram Program() => new()
    {
        Title = "Oy fırtınası",
        Language = "tr",
        OutputAreas = [.. AreaNames.Take(options.Areas)],
        Workshops = [new WorkshopProgram { Title = "Gençlik" }],
        StakeholderGroups = ["Sivil toplum kuruluşu", "Kamu kurumu"],
        Settings = new WorkshopSettings
        {
            VotesPerBoard = options.VotesPerBoard,
            MaxVotesPerIdea = options.MaxVotesPerIdea,
            LiveResults = false,
        },
    };

    private async Task<List<BenchIdea>> AddIdeasAsync(IWorkshopGrain workshop, Caller moderator)
    {
        var ideas = new List<BenchIdea>();
        for (var k = 0; k < options.IdeasPerBoard; k++)
        {
            for (var board = 0; board < options.Areas; board++)
            {
                var idea = await workshop.AddIdea(moderator, new IdeaInput
                {
                    BoardId = "b" + (board + 1).ToString(CultureInfo.InvariantCulture),
                    Text = string.Create(CultureInfo.InvariantCulture, $"Fikir {board + 1}.{k + 1}: gençlere ücretsiz ulaşım"),
                });
                ideas.Add(new BenchIdea(idea.IdeaId, board));
            }
        }

        return ideas;
    }

    private async Task<Voter[]> JoinVotersAsync(IGrainFactory grains, string eventId, IWorkshopGrain workshop, List<BenchIdea> ideas)
    {
        var eventGrain = grains.GetGrain<IEventGrain>(eventId);
        var joined = await Task.WhenAll(Enumerable.Range(0, options.Voters).Select(i =>
            eventGrain.Join(null, "Katılımcı " + i.ToString(CultureInfo.InvariantCulture), null, Groups[i % Groups.Length])));
        return [.. joined.Select((j, i) => new Voter(
            new Caller(Role.Participant, eventId, null, j.ParticipantId, j.DisplayName, j.Group),
            workshop, ideas, options.Areas, options.VotesPerBoard, options.MaxVotesPerIdea, start: i))];
    }

    /// <summary>Per idea: the net of every acknowledged cast and take-back, from the voters' receipts.</summary>
    private static Dictionary<string, int> Expected(Voter[] voters, List<BenchIdea> ideas)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var voter in voters)
        {
            for (var i = 0; i < voter.Mine.Count; i++)
            {
                var id = ideas[i].IdeaId;
                expected[id] = expected.GetValueOrDefault(id) + voter.Mine[i];
            }
        }

        return expected;
    }

    private static bool SameTallies(Dictionary<string, int> expected, Dictionary<string, int> actual, string where, List<string> problems)
    {
        var exact = true;
        foreach (var id in expected.Keys.Union(actual.Keys, StringComparer.Ordinal))
        {
            var want = expected.GetValueOrDefault(id);
            var got = actual.GetValueOrDefault(id);
            if (want != got)
            {
                exact = false;
                problems.Add($"{where}: idea {id} has {got} votes, receipts say {want}");
            }
        }

        return exact;
    }

    private async Task<bool> CheckVotersAsync(IWorkshopGrain workshop, Voter[] voters, List<BenchIdea> ideas, List<string> problems)
    {
        var exact = true;
        foreach (var chunk in voters.Chunk(50))
        {
            var snapshots = await Task.WhenAll(chunk.Select(v => workshop.GetSnapshot(v.Caller)));
            for (var n = 0; n < chunk.Length; n++)
            {
                var voter = chunk[n];
                var me = snapshots[n].Me;
                for (var i = 0; i < ideas.Count; i++)
                {
                    if (me.Votes.GetValueOrDefault(ideas[i].IdeaId) != voter.Mine[i])
                    {
                        exact = false;
                        problems.Add($"voter {voter.Caller.ParticipantId}: idea {ideas[i].IdeaId} holds {me.Votes.GetValueOrDefault(ideas[i].IdeaId)} of their votes, receipts say {voter.Mine[i]}");
                    }
                }

                foreach (var (boardId, remaining) in me.Remaining)
                {
                    if (remaining < 0 || remaining > options.VotesPerBoard)
                    {
                        exact = false;
                        problems.Add($"voter {voter.Caller.ParticipantId}: board {boardId} has {remaining} votes left");
                    }
                }
            }
        }

        return exact;
    }

    /// <summary>
    /// The stored workshop state, serialized as each write serializes it: its size, and the best of
    /// five serializations (CPU spent on every write before storage sees a byte).
    /// </summary>
    private static async Task<(long Bytes, double SerializeMs)> StateSizeAsync(BenchmarkSilo silo, IWorkshopGrain workshop)
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Workshops);
        var state = new GrainState<WorkshopState>();
        await storage.ReadStateAsync("workshop", workshop.GetGrainId(), state);
        var serializer = silo.Services.GetRequiredService<Serializer>();
        var bytes = 0L;
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            bytes = serializer.SerializeToArray(state.State).Length;
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (bytes, best);
    }
}
