namespace Workshops.TestHost;

/// <summary>How a test server is configured; every server of one cluster shares the keys.</summary>
public sealed record ServerOptions
{
    public const string TestAdminKey = "adm_test-admin-key-for-the-test-suite-only-0123456789";

    /// <summary>32 bytes, base64: tokens from one server verify on another.</summary>
    public const string TestSigningKey = "dGVzdC1zaWduaW5nLWtleS0zMi1ieXRlcy1sb25nISE=";

    /// <summary>Sqlite (default), Memory or AzureBlob.</summary>
    public string StorageProvider { get; init; } = "Sqlite";

    /// <summary>Data folder (SQLite file, signing key); a temp folder when null.</summary>
    public string? DataPath { get; init; }

    public string? AzureConnectionString { get; init; }

    /// <summary>Localhost or AzureTable.</summary>
    public string ClusterMode { get; init; } = "Localhost";

    public int SiloPort { get; init; } = Testing.FreePort.Get();

    public int GatewayPort { get; init; } = Testing.FreePort.Get();

    /// <summary>Localhost clustering: the primary's silo port (null: this one is primary).</summary>
    public int? PrimarySiloPort { get; init; }

    public string ClusterId { get; init; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public int HubCallsPerSecond { get; init; } = 1000;

    public int WrongCodesPerMinute { get; init; } = 1000;

    /// <summary>
    /// Every test client joins from 127.0.0.1, so the server's per-address budget (600 a minute)
    /// would refuse a fast machine's matrix run; a test of that budget sets it low.
    /// </summary>
    public int JoinsPerMinute { get; init; } = 1_000_000;

    public IReadOnlyDictionary<string, string?> Extra { get; init; } = new Dictionary<string, string?>();

    /// <summary>The clock of the retention decisions (section 11; a fake one moves days); the server's own when null.</summary>
    public TimeProvider? PrivacyClock { get; init; }

    public Dictionary<string, string?> ToConfiguration(string dataPath)
    {
        var config = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Workshops:AdminKey"] = TestAdminKey,
            ["Workshops:SigningKey"] = TestSigningKey,
            ["Workshops:DataPath"] = dataPath,
            ["Workshops:Demo"] = "false",
            ["Workshops:HubCallsPerSecond"] = HubCallsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workshops:WrongCodesPerMinute"] = WrongCodesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workshops:JoinsPerMinute"] = JoinsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workshops:Storage:Provider"] = StorageProvider,
            ["Workshops:Storage:SqlitePath"] = Path.Combine(dataPath, "workshops.db"),
            ["Workshops:Storage:AzureConnectionString"] = AzureConnectionString,
            ["Workshops:Cluster:Mode"] = ClusterMode,
            ["Workshops:Cluster:ClusterId"] = ClusterId,
            ["Workshops:Cluster:ServiceId"] = ClusterId,
            ["Workshops:Cluster:SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workshops:Cluster:GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workshops:Cluster:PrimarySiloPort"] = PrimarySiloPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            // WORKSHOPS_TEST_SIGNALR_LOG=Debug shows why SignalR closed a connection (how the fuzz drops were found).
            ["Logging:LogLevel:Microsoft.AspNetCore.SignalR"] = Environment.GetEnvironmentVariable("WORKSHOPS_TEST_SIGNALR_LOG") ?? "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Http.Connections"] = Environment.GetEnvironmentVariable("WORKSHOPS_TEST_SIGNALR_LOG") ?? "Warning",
            // As in appsettings.json: SignalR logs every refusal as an error; the hub filter logs real failures.
            ["Logging:LogLevel:Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher"] = Environment.GetEnvironmentVariable("WORKSHOPS_TEST_SIGNALR_LOG") ?? "Critical",
        };
        foreach (var (key, value) in Extra)
        {
            config[key] = value;
        }

        return config;
    }
}
