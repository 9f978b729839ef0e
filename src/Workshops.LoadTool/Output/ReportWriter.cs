using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workshops.LoadTool.Storm;

namespace Workshops.LoadTool.Output;

/// <summary>The report as Markdown tables (what docs/benchmarks.md quotes) or as JSON.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Issue 10, target B: votes/s against the floor's, and its first bar; ack p99 against the floor's.</summary>
    public const double VotesRatioTarget = 0.8;

    public const double VotesRatioFirstBar = 0.6;

    public const double AckP99RatioTarget = 1.5;

    public static string Json(LoadReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static string Text(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var m = report.Machine;
        Line(text, $"workshops-load, {m.At:yyyy-MM-dd HH:mm} UTC: {m.Cores} cores, {m.Memory}, {m.Runtime}, {m.Os}, server GC {m.ServerGc}");
        Line(text, $"target: {report.Target}; scenario: {report.Scenario}");
        text.AppendLine();
        text.AppendLine("| run | target | votes acked | votes/s | ack p50 ms | p95 ms | p99 ms | max ms | screens: last ack → final tallies, max ms (p50) | screens ok | errors | exact | CPU µs/vote (this process) | CPU µs/vote (server process) | cores (process / server process / machine) | load avg | events to participants in the storm, per vote |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < report.Runs.Count; i++)
        {
            var run = report.Runs[i];
            if (run.Floor is { } floor)
            {
                Row(text, i + 1, floor);
            }

            Row(text, i + 1, run.Result);
            if (run.Floor is not null)
            {
                RatioRow(text, (i + 1).ToString(CultureInfo.InvariantCulture), run.VotesPerSecondRatio, run.AckP50Ratio, run.AckP95Ratio, run.AckP99Ratio, run.ScreenMaxRatio, run.CpuPerVoteRatio, run.ServerCpuPerVoteRatio);
            }
        }

        if (report.Runs.Count > 1)
        {
            // The machine is shared: single runs swing with the CPU share each storm got; medians say more.
            var label = Invariant($"median of {report.Runs.Count}");
            if (report.Runs.All(r => r.Floor is not null))
            {
                MedianRow(text, label, [.. report.Runs.Select(r => r.Floor!)]);
            }

            MedianRow(text, label, [.. report.Runs.Select(r => r.Result)]);
            if (report.Runs.All(r => r.Floor is not null))
            {
                RatioRow(
                    text,
                    label,
                    Median(report.Runs.Select(r => r.VotesPerSecondRatio)),
                    Median(report.Runs.Select(r => r.AckP50Ratio)),
                    Median(report.Runs.Select(r => r.AckP95Ratio)),
                    Median(report.Runs.Select(r => r.AckP99Ratio)),
                    Median(report.Runs.Select(r => r.ScreenMaxRatio)),
                    Median(report.Runs.Select(r => r.CpuPerVoteRatio)),
                    Median(report.Runs.Select(r => r.ServerCpuPerVoteRatio)));
            }
        }

        text.AppendLine();
        foreach (var target in report.Targets)
        {
            Line(text, $"- {(target.Met ? "met" : "MISSED")}: {target.Target} — {target.Measured}");
        }

        foreach (var run in report.Runs)
        {
            foreach (var result in new[] { run.Result, run.Floor })
            {
                if (result is null)
                {
                    continue;
                }

                Line(text, $"- {result.Target}: setup {result.SetupSeconds:F1} s (joins {result.JoinSeconds:F1} s, connects {result.ConnectSeconds:F1} s), reconnects {result.Reconnects}, re-sends {result.Resends}, screen resyncs {result.ScreenResyncs}, unresolved votes {result.Check.UnresolvedVotes}");
                foreach (var problem in result.Check.Problems.Take(10))
                {
                    Line(text, $"  - {problem}");
                }
            }
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, int run, VoteStormResult r)
    {
        var errors = r.ErrorsByCode.Count == 0 ? "none" : string.Join(", ", r.ErrorsByCode.Select(e => Invariant($"{e.Key} {e.Value}")));
        var exact = r.Check.Exact
            ? Invariant($"yes ({r.Check.ExportedVotes:N0} = {r.Check.AcknowledgedVotes:N0})")
            : Invariant($"NO (export {r.Check.ExportedVotes:N0}, acked {r.Check.AcknowledgedVotes:N0})");
        Line(text, $"| {run} | {r.Target} | {r.VotesAcknowledged:N0} / {r.VotesPlanned:N0} | {r.VotesPerSecond:N0} | {r.AckLatency.P50Ms:F1} | {r.AckLatency.P95Ms:F1} | {r.AckLatency.P99Ms:F1} | {r.AckLatency.MaxMs:F1} | {r.ScreenLatency.MaxMs:F0} ({r.ScreenLatency.P50Ms:F0}) | {r.ScreensConverged}/{r.Screens} | {errors} | {exact} | {r.CpuMicrosecondsPerVote:F0} | {Number(r.ServerCpuMicrosecondsPerVote, "F0")} | {r.ProcessCores:F2} / {Number(r.ServerProcessCores, "F2")} / {r.MachineCores:F2} | {r.LoadAverage:F1} | {r.ParticipantEventsPerVote:F2} |");
    }

    private static void RatioRow(StringBuilder text, string run, double? votesPerSecond, double? p50, double? p95, double? p99, double? screens, double? cpu, double? serverCpu) =>
        Line(text, $"| {run} | ratio to floor | | {Ratio(votesPerSecond)} | {Ratio(p50)} | {Ratio(p95)} | {Ratio(p99)} | | {Ratio(screens)} | | | | {Ratio(cpu)} | {Ratio(serverCpu)} | | | |");

    /// <summary>Per column, the median over the runs of one target.</summary>
    private static void MedianRow(StringBuilder text, string label, IReadOnlyList<VoteStormResult> results)
    {
        string Of(Func<VoteStormResult, double?> value, string format) => Number(Median(results.Select(value)), format);
        Line(text, $"| {label} | {results[0].Target} | | {Of(r => r.VotesPerSecond, "N0")} | {Of(r => r.AckLatency.P50Ms, "F1")} | {Of(r => r.AckLatency.P95Ms, "F1")} | {Of(r => r.AckLatency.P99Ms, "F1")} | {Of(r => r.AckLatency.MaxMs, "F1")} | {Of(r => r.ScreenLatency.MaxMs, "F0")} | | | | {Of(r => r.CpuMicrosecondsPerVote, "F0")} | {Of(r => r.ServerCpuMicrosecondsPerVote, "F0")} | | |");
    }

    private static string Number(double? value, string format) =>
        value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    /// <summary>The issue's targets, per measured run; a run without a floor is judged on the absolute ones only.</summary>
    public static IReadOnlyList<TargetCheck> Targets(IReadOnlyList<LoadRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var checks = new List<TargetCheck>();
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var r = run.Result;
            var label = runs.Count > 1 ? Invariant($"run {i + 1}: ") : "";
            if (run.Floor is { } floor)
            {
                checks.Add(new TargetCheck(
                    label + Invariant($"votes/s at least {VotesRatioTarget:F1}× the floor's (first bar {VotesRatioFirstBar:F1}×)"),
                    Invariant($"{r.VotesPerSecond:N0} vs floor {floor.VotesPerSecond:N0} = {run.VotesPerSecondRatio:F2}×"),
                    run.VotesPerSecondRatio >= VotesRatioTarget));
                checks.Add(new TargetCheck(
                    label + Invariant($"ack p99 at most {AckP99RatioTarget:F1}× the floor's"),
                    Invariant($"{r.AckLatency.P99Ms:F1} ms vs floor {floor.AckLatency.P99Ms:F1} ms = {run.AckP99Ratio:F2}×"),
                    run.AckP99Ratio <= AckP99RatioTarget));
            }

            checks.Add(new TargetCheck(
                label + "every facilitator screen shows the exact final tallies within 250 ms of the last acknowledgement",
                Invariant($"{r.ScreensConverged}/{r.Screens} screens, slowest {r.ScreenLatency.MaxMs:F0} ms"),
                r.ScreensConverged == r.Screens && r.ScreenLatency.MaxMs <= 250));
            checks.Add(new TargetCheck(
                label + "final tallies equal the acknowledged votes, none counted twice, no budget exceeded",
                Invariant($"export {r.Check.ExportedVotes:N0}, acknowledged {r.Check.AcknowledgedVotes:N0}, counted twice: {(r.Check.NoVoteCountedTwice ? "none" : "YES")}, budget exceeded: {(r.Check.NoBudgetExceeded ? "never" : "YES")}"),
                r.Check.Exact));
        }

        if (runs.Count > 1 && runs.All(r => r.Floor is not null))
        {
            // Issue 10's targets are judged on the median of the pairs.
            var votes = Median(runs.Select(r => r.VotesPerSecondRatio));
            var p99 = Median(runs.Select(r => r.AckP99Ratio));
            var label = Invariant($"median of {runs.Count} pairs: ");
            checks.Add(new TargetCheck(label + Invariant($"votes/s at least {VotesRatioFirstBar:F1}× the floor's (first bar)"), Invariant($"{votes:F2}×"), votes >= VotesRatioFirstBar));
            checks.Add(new TargetCheck(label + Invariant($"votes/s at least {VotesRatioTarget:F1}× the floor's"), Invariant($"{votes:F2}×"), votes >= VotesRatioTarget));
            checks.Add(new TargetCheck(label + Invariant($"ack p99 at most {AckP99RatioTarget:F1}× the floor's"), Invariant($"{p99:F2}×"), p99 <= AckP99RatioTarget));
        }

        return checks;
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
        return known.Length == 0 ? null
            : known.Length % 2 == 1 ? known[known.Length / 2]
            : (known[(known.Length / 2) - 1] + known[known.Length / 2]) / 2;
    }

    private static string Ratio(double? ratio) => ratio is { } r ? Invariant($"{r:F2}×") : "";

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
