namespace Workshops.Server.Hosting;

/// <summary>The <c>Workshops</c> configuration section.</summary>
public sealed class WorkshopsOptions
{
    public const string Section = "Workshops";

    /// <summary>The admin key; generated at start-up (and printed) when empty.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Base64 HMAC key for tokens; generated and kept in <see cref="DataPath"/> when empty.
    /// Every server of a cluster must share it.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the embedded profile keeps its files (SQLite database, signing key).</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Origins (scheme://host[:port]) allowed to open the hub besides the server's own.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Create the demo event (the consultation meeting) at start-up when none exists.</summary>
    public bool Demo { get; set; }

    /// <summary>How long a token is valid: one event day and a margin.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(36);

    /// <summary>Hub calls one person may make per second (burst twice that).</summary>
    public int HubCallsPerSecond { get; set; } = 20;

    /// <summary>
    /// Hub calls of one connection served at once (SignalR's MaximumParallelInvocationsPerClient,
    /// whose default of 1 makes a connection's second vote wait for its first to be stored).
    /// </summary>
    public int HubCallsInParallel { get; set; } = 4;

    /// <summary>Join attempts per minute from one address, and wrong codes per minute.</summary>
    public int JoinsPerMinute { get; set; } = 600;

    public int WrongCodesPerMinute { get; set; } = 10;
}
