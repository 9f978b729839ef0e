using System.Globalization;
using Workshops.ClusterTls;

namespace Workshops.Cli.Configuration;

/// <summary>
/// How the CLI finds the cluster: the server's own <c>Workshops:Cluster</c> keys
/// (src/Workshops.Server/Hosting/ClusterOptions.cs), so one configuration serves both.
/// </summary>
public sealed record ClusterSettings
{
    public const string LocalhostMode = "Localhost";
    public const string AzureTableMode = "AzureTable";

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary><see cref="LocalhostMode"/> or <see cref="AzureTableMode"/>.</summary>
    public string Mode { get; init; } = LocalhostMode;

    public string ClusterId { get; init; } = "workshops";

    public string ServiceId { get; init; } = "workshops";

    /// <summary>Localhost mode: the Orleans gateway port of a server on this machine.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>AzureTable mode: the storage account holding the membership table. A secret: never printed.</summary>
    public string? AzureConnectionString { get; init; }

    /// <summary>The certificate the CLI shows the gateways and the authority it checks theirs against
    /// (the servers' <c>Workshops:Cluster:Tls</c> keys); not configured: plain TCP.</summary>
    public ClusterTlsOptions Tls { get; init; } = new();

    /// <summary>How long connecting may take before the CLI gives up (exit code 3).</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    public bool IsAzureTable => string.Equals(Mode, AzureTableMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the CLI looked, for error messages (without the connection string).</summary>
    public string Describe() => (IsAzureTable
        ? string.Create(CultureInfo.InvariantCulture, $"Azure Table membership (cluster '{ClusterId}', service '{ServiceId}'")
        : string.Create(CultureInfo.InvariantCulture, $"localhost gateway port {GatewayPort} (cluster '{ClusterId}', service '{ServiceId}'"))
        + (Tls.IsConfigured ? ", TLS)" : ")");
}
