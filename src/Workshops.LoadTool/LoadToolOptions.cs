using System.Globalization;

namespace Workshops.LoadTool;

/// <summary>The command line of workshops-load.</summary>
public sealed record LoadToolOptions
{
    public const string Usage = """
        workshops-load: the "vote storm" scenario against Workshops servers, over HTTP and WebSockets.

        Targets (one of):
          --self-host               start one embedded server in this process (temp data folder)
          --spawn-server            start our server as its own OS process (the built Workshops.Server.dll of
                                    this tool's configuration: use -c Release; temp data folder); with
                                    --compare-floor the floor runs in its own process too, and the report
                                    gives each server process's CPU per vote (from /proc/<pid>/stat)
            --server-dll PATH       the Workshops.Server.dll to start (default: the one built next to this tool)
            --storage NAME          its storage: sqlite (default) or memory
            --server-env NAME=VALUE an environment variable for that server process only (repeatable), e.g.
                                    DOTNET_TieredCompilation=0 to try a runtime setting against the same floor
          --urls URL,URL,...        running servers (their admin key with --admin-key); participants
                                    are spread across them and move to the next one when theirs fails
          --floor                   only the floor: a bare SignalR hub answering from memory
          --serve-floor --port N    only serve the floor on 127.0.0.1:N (with --admin-key) until stdin closes
                                    or SIGTERM; what --spawn-server --compare-floor starts as the floor's process
        --compare-floor             also run the floor in the same run, and report ratios to it

        Scenario:
          --workshops N             workshops in the event (default 10)
          --participants N          participants joined over HTTP (default 2000)
          --votes N                 dots per participant (default 3)
          --ideas N                 ideas per workshop from the brainstorm (default 8)
          --screens N               facilitator screens per workshop (default 1)
          --vote-interval-ms N      pause between one person's votes (default 0: all at once)
          --warmup-participants N   a smaller storm before the measured ones, not reported (default 1000; 0: none)
          --warmup-storms N         how many such storms, on each server (default 1); both servers get faster
                                    as their JIT tiers up, storm after storm, so 4 (with
                                    --warmup-participants 2000) measure them nearer a server that has run a while
          --repeat N                measured storms per target (default 1)
          --timeout-seconds N       longest one storm may take (default 600)

        Output:
          --json                    the report as JSON on stdout (progress goes to stderr)

        External servers must allow the load: every simulated person comes from this machine, so set
        Workshops:HubCallsPerSecond (default 20) and Workshops:JoinsPerMinute (default 600 per address)
        well above it, e.g. Workshops__HubCallsPerSecond=100000 Workshops__JoinsPerMinute=1000000.
        Loopback servers only.
        """;

    public bool SelfHost { get; init; }

    public bool SpawnServer { get; init; }

    public string? ServerDll { get; init; }

    public bool ServeFloor { get; init; }

    public int Port { get; init; }

    public string Storage { get; init; } = "Sqlite";

    public IReadOnlyList<KeyValuePair<string, string>> ServerEnvironment { get; init; } = [];

    public IReadOnlyList<string> Urls { get; init; } = [];

    public string? AdminKey { get; init; }

    public bool FloorOnly { get; init; }

    public bool CompareFloor { get; init; }

    public int Workshops { get; init; } = 10;

    public int Participants { get; init; } = 2000;

    public int Votes { get; init; } = 3;

    public int Ideas { get; init; } = 8;

    public int Screens { get; init; } = 1;

    public int VoteIntervalMs { get; init; }

    public int WarmupParticipants { get; init; } = 1000;

    public int WarmupStorms { get; init; } = 1;

    public int Repeat { get; init; } = 1;

    public int TimeoutSeconds { get; init; } = 600;

    public bool Json { get; init; }

    public bool Help { get; init; }

    public static LoadToolOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadToolOptions();
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
                "--self-host" => options with { SelfHost = true },
                "--spawn-server" => options with { SpawnServer = true },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(Value()) },
                "--serve-floor" => options with { ServeFloor = true },
                "--port" => options with { Port = Number(1, 65_535) },
                "--storage" => options with { Storage = ParseStorage(Value()) },
                "--server-env" => options with { ServerEnvironment = [.. options.ServerEnvironment, ParseVariable(Value())] },
                "--urls" => options with { Urls = ParseUrls(Value()) },
                "--admin-key" => options with { AdminKey = Value() },
                "--floor" => options with { FloorOnly = true },
                "--compare-floor" => options with { CompareFloor = true },
                "--workshops" => options with { Workshops = Number(1, 100) },
                "--participants" => options with { Participants = Number(1, 20_000) },
                "--votes" => options with { Votes = Number(1, 100) },
                "--ideas" => options with { Ideas = Number(1, 200) },
                "--screens" => options with { Screens = Number(1, 20) },
                "--vote-interval-ms" => options with { VoteIntervalMs = Number(0, 60_000) },
                "--warmup-participants" => options with { WarmupParticipants = Number(0, 20_000) },
                "--warmup-storms" => options with { WarmupStorms = Number(1, 20) },
                "--repeat" => options with { Repeat = Number(1, 20) },
                "--timeout-seconds" => options with { TimeoutSeconds = Number(10, 3600) },
                "--json" => options with { Json = true },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        if (options.ServeFloor)
        {
            return options.Port > 0 && !string.IsNullOrWhiteSpace(options.AdminKey)
                ? options
                : throw new ArgumentException("--serve-floor needs --port and --admin-key");
        }

        var targets = (options.SelfHost ? 1 : 0) + (options.SpawnServer ? 1 : 0) + (options.Urls.Count > 0 ? 1 : 0) + (options.FloorOnly ? 1 : 0);
        if (!options.Help && targets != 1)
        {
            throw new ArgumentException("name one target: --self-host, --spawn-server, --urls or --floor");
        }

        if (options.Urls.Count > 0 && string.IsNullOrWhiteSpace(options.AdminKey))
        {
            throw new ArgumentException("--urls needs --admin-key");
        }

        return options;
    }

    private static string ParseStorage(string text) =>
        string.Equals(text, "sqlite", StringComparison.OrdinalIgnoreCase) ? "Sqlite"
        : string.Equals(text, "memory", StringComparison.OrdinalIgnoreCase) ? "Memory"
        : throw new ArgumentException($"--storage is sqlite or memory, not '{text}'");

    private static KeyValuePair<string, string> ParseVariable(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? new(text[..equals], text[(equals + 1)..])
            : throw new ArgumentException($"--server-env is NAME=VALUE, not '{text}'");
    }

    private static List<string> ParseUrls(string text)
    {
        var urls = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"'{part}' is not an http(s) URL");
            }

            // Load goes to this machine only.
            if (!uri.IsLoopback)
            {
                throw new ArgumentException($"'{part}' is not a loopback address; workshops-load sends load to this machine only");
            }

            urls.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return urls.Count > 0 ? urls : throw new ArgumentException("--urls names none");
    }
}
