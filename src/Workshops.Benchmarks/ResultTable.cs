using System.Globalization;
using System.Text;

namespace Workshops.Benchmarks;

/// <summary>The results as a Markdown table, and the targets of the issue as met/missed lines.</summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<ProviderResult> results)
    {
        var text = new StringBuilder();
        var edge = results.Count > 0 ? results[0].EdgeSeconds : 0;
        text.AppendLine(Invariant($"| provider | votes/s | first {edge:F0} s votes/s | last {edge:F0} s votes/s | last/first | p50 ms | p95 ms | p99 ms | max ms | log appends | log bytes/vote | casts | take-backs | CPU µs/vote | process cores | machine cores | load avg | exact |"));
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(Invariant($"| {r.Provider} | {r.VotesPerSecond:N0} | {r.FirstEdgeVotesPerSecond:N0} | {r.LastEdgeVotesPerSecond:N0} | {r.LastOverFirst:F2} | {r.P50Ms:F1} | {r.P95Ms:F1} | {r.P99Ms:F1} | {r.MaxMs:F1} | {r.Log.Appends:N0} | {r.LogBytesPerVote:F0} | {r.TotalCasts:N0} | {r.TotalRetracts:N0} | {r.CpuMicrosecondsPerVote:F0} | {r.ProcessCores:F2} | {r.MachineCores:F2} | {r.LoadAverage:F1} | {Exactness(r)} |"));
        }

        return text.ToString();
    }

    public static string Targets(IReadOnlyList<ProviderResult> results)
    {
        var text = new StringBuilder();
        var ceiling = results.FirstOrDefault(r => r.Provider == "memory");
        // Issue 10: SQLite 15,000 durable votes/s, Azurite 5,000; the last stretch within 10% of the first.
        foreach (var (provider, floor) in new[] { ("sqlite", 15000.0), ("azurite", 5000.0) })
        {
            var r = results.FirstOrDefault(x => x.Provider == provider);
            if (r is null)
            {
                continue;
            }

            text.AppendLine(Invariant($"- {provider}: {r.VotesPerSecond:N0} votes/s vs target {floor:N0}: {(r.VotesPerSecond >= floor ? "met" : "MISSED")}"));
            text.AppendLine(Invariant($"- {provider}: last {r.EdgeSeconds:F0} s at {r.LastOverFirst:P0} of the first {r.EdgeSeconds:F0} s ({r.LastEdgeVotesPerSecond:N0} vs {r.FirstEdgeVotesPerSecond:N0} votes/s) vs target 90%: {(r.LastOverFirst >= 0.9 ? "met" : "MISSED")}"));
            text.AppendLine(Invariant($"- {provider}: {(double.IsNaN(r.LogBytesPerVote) ? "the workshop grain wrote nothing to the event log" : Invariant($"{r.LogBytesPerVote:F0} event log bytes per vote ({r.Log.Entries:N0} entries in {r.Log.Appends:N0} appends, {r.Log.Snapshots:N0} snapshots)"))}"));
            if (ceiling is not null)
            {
                var ratio = r.VotesPerSecond / ceiling.VotesPerSecond;
                text.AppendLine(Invariant($"- {provider}: {ratio:P0} of the in-memory ceiling ({ceiling.VotesPerSecond:N0}/s) vs target 33%: {(ratio >= 1.0 / 3 ? "met" : "MISSED")}"));
            }
        }

        foreach (var r in results)
        {
            foreach (var (code, count) in r.Errors)
            {
                text.AppendLine(Invariant($"- {r.Provider}: {count} × {code}"));
            }

            foreach (var problem in r.Problems.Take(20))
            {
                text.AppendLine(Invariant($"- {r.Provider}: {problem}"));
            }
        }

        return text.ToString();
    }

    private static string Exactness(ProviderResult r) =>
        !r.Exact ? "NO"
        : r.DurableExact is true ? Invariant($"yes ({r.ExportedVotes:N0} = receipts, re-read)")
        : Invariant($"yes ({r.ExportedVotes:N0} = receipts)");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
