using System.Globalization;
using Workshops.LoadTool.Floor;
using Workshops.LoadTool.Hosting;
using Workshops.LoadTool.Output;
using Workshops.LoadTool.Storm;

namespace Workshops.LoadTool;

/// <summary>Starts what the command line asks for, runs the storms, prints the report.</summary>
public static class LoadToolApp
{
    public static async Task<int> RunAsync(LoadToolOptions options, TextWriter output, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (options.ServeFloor)
        {
            return await ServeFloorAsync(options, progress);
        }

        // Bounded: whatever hangs, the process ends by itself, and takes its child servers with it.
        var storms = (options.Repeat + (options.WarmupParticipants > 0 ? options.WarmupStorms : 0)) * (options.CompareFloor ? 2 : 1);
        var limit = TimeSpan.FromSeconds(storms * (options.TimeoutSeconds + 60) + 240);
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"workshops-load still running after {limit}; stopping");
            ChildServer.KillAll();
            Environment.Exit(3);
        }, null, limit, Timeout.InfiniteTimeSpan);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildServer.KillAll();
        Console.CancelKeyPress += (_, _) => ChildServer.KillAll();

        // With --spawn-server both servers run apart from the client, each in its own process.
        var floorApart = options.SpawnServer && options.CompareFloor;
        await using var server = options.SelfHost ? await SelfHostedServer.StartAsync(options.Storage) : null;
        await using var spawned = options.SpawnServer ? await ChildServer.StartWorkshopsServerAsync(options.Storage, options.ServerDll, options.ServerEnvironment, progress) : null;
        await using var floor = (options.FloorOnly || options.CompareFloor) && !floorApart ? await FloorServer.StartAsync() : null;
        await using var floorProcess = floorApart ? await ChildServer.StartFloorAsync(progress) : null;
        var target = server is not null
            ? new StormTarget("self-host " + server.Storage.ToLowerInvariant(), [server.BaseUrl], server.AdminKey)
            : spawned is not null
                ? new StormTarget("server process " + options.Storage.ToLowerInvariant(), [spawned.BaseUrl], spawned.AdminKey, spawned.CpuTime)
                : floor is not null && options.FloorOnly
                    ? new StormTarget("floor", [floor.BaseUrl], floor.AdminKey)
                    : new StormTarget(string.Join(",", options.Urls), options.Urls, options.AdminKey!);
        var compare = !options.CompareFloor || options.FloorOnly ? null
            : floorProcess is not null
                ? new StormTarget("floor process", [floorProcess.BaseUrl], floorProcess.AdminKey, floorProcess.CpuTime)
                : new StormTarget("floor", [floor!.BaseUrl], floor.AdminKey);
        progress.WriteLine($"target {target.Name} at {string.Join(", ", target.Urls)}"
            + (spawned is null ? "" : $" (pid {spawned.ProcessId})")
            + (compare is null ? "" : $"; {compare.Name} at {compare.Urls[0]}")
            + (floorProcess is null ? "" : $" (pid {floorProcess.ProcessId})"));

        if (options.WarmupParticipants > 0)
        {
            // JIT, connection pools and the server's first activations, on both sides, before anything is measured.
            for (var i = 0; i < options.WarmupStorms; i++)
            {
                if (compare is not null)
                {
                    await WarmUpAsync(options, compare, progress);
                }

                await WarmUpAsync(options, target, progress);
            }
        }

        var runs = new List<LoadRun>();
        for (var i = 0; i < options.Repeat; i++)
        {
            // The floor first, then the target, back to back: both see the same machine.
            var floorResult = compare is null ? null : await StormAsync(options, compare, compare.Name, options.Participants, options.Workshops, progress);
            var result = await StormAsync(options, target, target.Name, options.Participants, options.Workshops, progress);
            runs.Add(new LoadRun(result, floorResult));
        }

        var where = spawned is null ? "server in this process"
            : floorApart ? "server and floor each in its own process, the client in this one"
            : "server in its own process, the client in this one";
        var report = new LoadReport(
            MachineInfo.Describe(),
            target.Name,
            string.Create(CultureInfo.InvariantCulture, $"{options.Participants} participants in {options.Workshops} workshops, {options.Votes} votes each, {options.Ideas} ideas per workshop, {options.Screens} screen(s) per workshop; {where}"),
            runs,
            ReportWriter.Targets(runs));
        output.Write(options.Json ? ReportWriter.Json(report) + Environment.NewLine : ReportWriter.Text(report));
        return runs.All(r => r.Result.Check.Exact && (r.Floor?.Check.Exact ?? true)) ? 0 : 2;
    }

    /// <summary>
    /// --serve-floor: the floor alone, on the given port, until SIGTERM or until stdin closes (the
    /// parent holds the other end of that pipe, so the floor never outlives the run that started it).
    /// </summary>
    private static async Task<int> ServeFloorAsync(LoadToolOptions options, TextWriter progress)
    {
        await using var floor = await FloorServer.StartAsync(options.Port, options.AdminKey);
        progress.WriteLine($"floor listening at {floor.BaseUrl}");
        _ = Task.Run(async () =>
        {
            try
            {
                await Console.In.ReadToEndAsync();
            }
            catch (IOException)
            {
                // A broken pipe is a closed one.
            }

            floor.Stop();
        });
        await floor.WaitForShutdownAsync();
        return 0;
    }

    private static Task<VoteStormResult> WarmUpAsync(LoadToolOptions options, StormTarget target, TextWriter progress)
    {
        var workshops = Math.Min(options.Workshops, Math.Max(1, options.WarmupParticipants / Math.Max(options.Ideas, 1)));
        return StormAsync(options, target, target.Name + " (warm-up)", Math.Max(options.WarmupParticipants, workshops * options.Ideas), workshops, progress);
    }

    private static async Task<VoteStormResult> StormAsync(
        LoadToolOptions options, StormTarget target, string name, int participants, int workshops, TextWriter progress)
    {
        progress.WriteLine($"storm: {name}, {participants} participants in {workshops} workshops");
        var storm = new VoteStorm(new VoteStormOptions
        {
            Urls = target.Urls,
            AdminKey = target.AdminKey,
            ServerCpuTime = target.ServerCpu,
            Workshops = workshops,
            Participants = participants,
            VotesPerParticipant = options.Votes,
            IdeasPerWorkshop = options.Ideas,
            ScreensPerWorkshop = options.Screens,
            VoteInterval = TimeSpan.FromMilliseconds(options.VoteIntervalMs),
            OverallTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            Log = progress,
        });
        var result = await storm.RunAsync(name);
        var serverCpu = result.ServerCpuMicrosecondsPerVote is { } cpu ? string.Create(CultureInfo.InvariantCulture, $", server process {cpu:F0} µs CPU/vote") : "";
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {result.VotesAcknowledged} acked, {result.VotesPerSecond:N0} votes/s, p99 {result.AckLatency.P99Ms:F1} ms, screens max {result.ScreenLatency.MaxMs:F0} ms, exact {result.Check.Exact}{serverCpu}"));
        return result;
    }
}
