using Workshops.ClusterTls;

namespace Workshops.Server.Hosting;

/// <summary>The <c>Workshops:Cluster</c> section: how this server finds the others.</summary>
public sealed class WorkshopsClusterOptions
{
    public const string Section = "Workshops:Cluster";

    /// <summary><c>Localhost</c> (default: one machine, optionally several servers with a primary)
    /// or <c>AzureTable</c> (membership in Azure Table storage: any number of servers).</summary>
    public string Mode { get; set; } = "Localhost";

    public string ClusterId { get; set; } = "workshops";

    public string ServiceId { get; set; } = "workshops";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Localhost mode: the silo port of the primary server; unset on the primary itself.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>AzureTable mode: the address other servers reach this one at (default: loopback).
    /// A loopback address keeps the silo and gateway ports on loopback; any other opens them on every address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>AzureTable mode; falls back to Workshops:Storage:AzureConnectionString.</summary>
    public string? AzureConnectionString { get; set; }

    /// <summary>Mutual TLS for the silo and gateway ports; required unless they listen on loopback only.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Lets a server whose Orleans ports are open beyond loopback start without <see cref="Tls"/>:
    /// anyone who reaches those ports can then call every grain as admin. For a network you trust.
    /// </summary>
    public bool AllowInsecure { get; set; }
}
