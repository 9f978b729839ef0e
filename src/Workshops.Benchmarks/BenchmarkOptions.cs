using System.Globalization;

namespace Workshops.Benchmarks;

/// <summary>The command line of the grain vote benchmark.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Acknowledged durable votes per second into one workshop grain, per storage provider.

        dotnet run -c Release --project src/Workshops.Benchmarks -- [options]

          --duration SECONDS        measured window per provider (default 10)
          --warmup SECONDS          voting before the window, not counted in votes/s (default 3)
          --edge SECONDS            also report votes/s of the window's first and last SECONDS (default 10;
                                    e.g. --duration 60: first 10 s vs last 10 s)
          --voters N                concurrent voters, each a distinct participant (default 500)
          --providers LIST          comma-separated: memory,sqlite,azurite (default all three, in that order)
          --areas N                 boards of the workshop, 1-5 (default 5)
          --ideas-per-board N       ideas on each board (default 6)
          --votes-per-board N       each voter's budget per board, 1-100 (default 100)
          --max-votes-per-idea N    per voter and idea (default 20)
          --sqlite-synchronous MODE Full (default, every commit fsynced) or Normal
          --no-restart-check        skip re-reading the tallies from storage in a fresh silo
          --help
        """;

    public int DurationSeconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 3;

    public int EdgeSeconds { get; init; } = 10;

    public int Voters { get; init; } = 500;

    public IReadOnlyList<string> Providers { get; init; } = ["memory", "sqlite", "azurite"];

    public int Areas { get; init; } = 5;

    public int IdeasPerBoard { get; init; } = 6;

    public int VotesPerBoard { get; init; } = 100;

    public int MaxVotesPerIdea { get; init; } = 20;

    public string SqliteSynchronous { get; init; } = "Full";

    public bool RestartCheck { get; init; } = true;

    public bool Help { get; init; }

    /// <summary>Every vote a voter may cast in total; past it the voter takes votes back (see README).</summary>
    public int BudgetPerVoter => Areas * Math.Min(VotesPerBoard, IdeasPerBoard * MaxVotesPerIdea);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Number(int min, int max)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n
                    : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'");
            }

            options = name switch
            {
                "--duration" => options with { DurationSeconds = Number(1, 600) },
                "--warmup" => options with { WarmupSeconds = Number(0, 120) },
                "--edge" => options with { EdgeSeconds = Number(1, 600) },
                "--voters" => options with { Voters = Number(1, 20_000) },
                "--providers" => options with { Providers = ParseProviders(Value()) },
                "--areas" => options with { Areas = Number(1, 5) },
                "--ideas-per-board" => options with { IdeasPerBoard = Number(1, 200) },
                "--votes-per-board" => options with { VotesPerBoard = Number(1, 100) },
                "--max-votes-per-idea" => options with { MaxVotesPerIdea = Number(1, 100) },
                "--sqlite-synchronous" => options with { SqliteSynchronous = ParseSynchronous(Value()) },
                "--no-restart-check" => options with { RestartCheck = false },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        if (options.MaxVotesPerIdea > options.VotesPerBoard)
        {
            throw new ArgumentException("--max-votes-per-idea cannot exceed --votes-per-board");
        }

        return options;
    }

    private static List<string> ParseProviders(string text)
    {
        var providers = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant())
            .ToList();
        foreach (var provider in providers)
        {
            if (provider is not ("memory" or "sqlite" or "azurite"))
            {
                throw new ArgumentException($"unknown provider '{provider}'; use memory, sqlite or azurite");
            }
        }

        return providers.Count > 0 ? providers : throw new ArgumentException("--providers names none");
    }

    private static string ParseSynchronous(string text) =>
        string.Equals(text, "full", StringComparison.OrdinalIgnoreCase) ? "Full"
        : string.Equals(text, "normal", StringComparison.OrdinalIgnoreCase) ? "Normal"
        : throw new ArgumentException($"--sqlite-synchronous is Full or Normal, not '{text}'");
}
