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

        // Bounded: whatever hangs, the process ends by itself.
        var storms = options.Repeat * (options.CompareFloor ? 2 : 1) + 2;
        var limit = TimeSpan.FromSeconds(storms * (options.TimeoutSeconds + 60));
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"workshops-load still running after {limit}; stopping");
            Environment.Exit(3);
        }, null, limit, Timeout.InfiniteTimeSpan);

        await using var server = options.SelfHost ? await SelfHostedServer.StartAsync(options.Storage) : null;
        await using var floor = options.FloorOnly || options.CompareFloor ? await FloorServer.StartAsync() : null;
        var (name, urls, adminKey) = server is not null
            ? ("self-host " + server.Storage.ToLowerInvariant(), (IReadOnlyList<string>)[server.BaseUrl], server.AdminKey)
            : floor is not null && options.FloorOnly
                ? ("floor", [floor.BaseUrl], floor.AdminKey)
                : (string.Join(",", options.Urls), options.Urls, options.AdminKey!);
        var compare = options.CompareFloor && !options.FloorOnly ? floor : null;
        progress.WriteLine($"target {name} at {string.Join(", ", urls)}" + (compare is null ? "" : $"; floor at {compare.BaseUrl}"));

        if (options.WarmupParticipants > 0)
        {
            // JIT, connection pools and the server's first activations, on both sides, before anything is measured.
            if (compare is not null)
            {
                await WarmUpAsync(options, [compare.BaseUrl], compare.AdminKey, "floor", progress);
            }

            await WarmUpAsync(options, urls, adminKey, name, progress);
        }

        var runs = new List<LoadRun>();
        for (var i = 0; i < options.Repeat; i++)
        {
            // The floor first, then the target, back to back: both see the same machine.
            var floorResult = compare is null ? null : await StormAsync(options, [compare.BaseUrl], compare.AdminKey, "floor", options.Participants, options.Workshops, progress);
            var result = await StormAsync(options, urls, adminKey, name, options.Participants, options.Workshops, progress);
            runs.Add(new LoadRun(result, floorResult));
        }

        var report = new LoadReport(
            MachineInfo.Describe(),
            name,
            string.Create(CultureInfo.InvariantCulture, $"{options.Participants} participants in {options.Workshops} workshops, {options.Votes} votes each, {options.Ideas} ideas per workshop, {options.Screens} screen(s) per workshop"),
            runs,
            ReportWriter.Targets(runs));
        output.Write(options.Json ? ReportWriter.Json(report) + Environment.NewLine : ReportWriter.Text(report));
        return runs.All(r => r.Result.Check.Exact && (r.Floor?.Check.Exact ?? true)) ? 0 : 2;
    }

    private static Task<VoteStormResult> WarmUpAsync(LoadToolOptions options, IReadOnlyList<string> urls, string adminKey, string name, TextWriter progress)
    {
        var workshops = Math.Min(options.Workshops, Math.Max(1, options.WarmupParticipants / Math.Max(options.Ideas, 1)));
        return StormAsync(options, urls, adminKey, name + " (warm-up)", Math.Max(options.WarmupParticipants, workshops * options.Ideas), workshops, progress);
    }

    private static async Task<VoteStormResult> StormAsync(
        LoadToolOptions options, IReadOnlyList<string> urls, string adminKey, string name, int participants, int workshops, TextWriter progress)
    {
        progress.WriteLine($"storm: {name}, {participants} participants in {workshops} workshops");
        var storm = new VoteStorm(new VoteStormOptions
        {
            Urls = urls,
            AdminKey = adminKey,
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
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {result.VotesAcknowledged} acked, {result.VotesPerSecond:N0} votes/s, p99 {result.AckLatency.P99Ms:F1} ms, screens max {result.ScreenLatency.MaxMs:F0} ms, exact {result.Check.Exact}"));
        return result;
    }
}
