using System.Globalization;
using Workshops.Testing;

namespace Workshops.Benchmarks;

/// <summary>Runs every provider in turn in this one process and prints the table.</summary>
internal static class BenchmarkRunner
{
    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        // Bounded: whatever hangs, the process ends by itself.
        var limit = TimeSpan.FromSeconds(options.Providers.Count * (options.WarmupSeconds + options.DurationSeconds + 300));
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"benchmark still running after {limit}; stopping");
            Environment.Exit(3);
        }, null, limit, Timeout.InfiniteTimeSpan);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Workshops grain vote benchmark: {options.Voters} voters, {options.WarmupSeconds}s warm-up + {options.DurationSeconds}s window, providers {string.Join(", ", options.Providers)}; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        var benchmark = new GrainVoteBenchmark(options, output);
        var results = new List<ProviderResult>();
        foreach (var provider in options.Providers)
        {
            results.Add(await RunProviderAsync(benchmark, provider, options));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {provider}: {results[^1].VotesPerSecond:N0} votes/s, p99 {results[^1].P99Ms:F1} ms, exact: {results[^1].Exact}"));
        }

        output.WriteLine();
        output.Write(ResultTable.Render(results));
        output.WriteLine();
        output.Write(ResultTable.Targets(results));
        return results.All(r => r.Exact) ? 0 : 2;
    }

    private static async Task<ProviderResult> RunProviderAsync(GrainVoteBenchmark benchmark, string provider, BenchmarkOptions options)
    {
        switch (provider)
        {
            case "memory":
                return await benchmark.RunAsync(provider, new Dictionary<string, string?> { ["Workshops:Storage:Provider"] = "Memory" });
            case "sqlite":
            {
                using var folder = new TempDirectory("bench-sqlite");
                return await benchmark.RunAsync(provider, new Dictionary<string, string?>
                {
                    ["Workshops:Storage:Provider"] = "Sqlite",
                    ["Workshops:Storage:SqlitePath"] = folder.Combine("workshops.db"),
                    ["Workshops:Storage:SqliteSynchronous"] = options.SqliteSynchronous,
                });
            }

            case "azurite":
            {
                await using var azurite = await Azurite.StartNewAsync();
                return await benchmark.RunAsync(provider, new Dictionary<string, string?>
                {
                    ["Workshops:Storage:Provider"] = "AzureBlob",
                    ["Workshops:Storage:AzureConnectionString"] = azurite.ConnectionString,
                    ["Workshops:Storage:AzureContainer"] = "bench",
                });
            }

            default:
                throw new ArgumentException($"unknown provider '{provider}'");
        }
    }
}
