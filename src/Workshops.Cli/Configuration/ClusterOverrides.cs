namespace Workshops.Cli.Configuration;

/// <summary>What the command line says about the cluster; null means "not given".</summary>
public sealed record ClusterOverrides
{
    public string? ConfigFile { get; init; }

    public string? Mode { get; init; }

    public int? GatewayPort { get; init; }

    public string? ClusterId { get; init; }

    public string? ServiceId { get; init; }

    public string? AzureConnectionString { get; init; }

    public int? TimeoutSeconds { get; init; }
}
