using System.CommandLine;
using Workshops.Cli.Configuration;

namespace Workshops.Cli.Commands;

/// <summary>The options every command takes: where the cluster is, and how chatty to be.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "A JSON file with a Workshops:Cluster section (the server's appsettings.json will do)",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> Mode { get; } = new("--mode")
    {
        Description = "How to find the cluster: Localhost (default) or AzureTable",
        HelpName = "Localhost|AzureTable",
        Recursive = true,
    };

    public Option<int?> GatewayPort { get; } = new("--gateway-port")
    {
        Description = "Localhost mode: the Orleans gateway port of a server on this machine (default 30000)",
        HelpName = "PORT",
        Recursive = true,
    };

    public Option<string?> ClusterId { get; } = new("--cluster-id")
    {
        Description = "The cluster id the servers use (default \"workshops\")",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string?> ServiceId { get; } = new("--service-id")
    {
        Description = "The service id the servers use (default \"workshops\")",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string?> AzureConnectionString { get; } = new("--azure-connection-string")
    {
        Description = "AzureTable mode: the storage account of the membership table (implies --mode AzureTable)",
        HelpName = "CONNECTION",
        Recursive = true,
    };

    public Option<int?> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for the cluster before giving up with exit code 3 (default 10)",
        HelpName = "SECONDS",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the Orleans client's log and full error details on stderr",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Config);
        root.Options.Add(Mode);
        root.Options.Add(GatewayPort);
        root.Options.Add(ClusterId);
        root.Options.Add(ServiceId);
        root.Options.Add(AzureConnectionString);
        root.Options.Add(Timeout);
        root.Options.Add(Verbose);
    }

    public ClusterOverrides Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ClusterOverrides
        {
            ConfigFile = parse.GetValue(Config),
            Mode = parse.GetValue(Mode),
            GatewayPort = parse.GetValue(GatewayPort),
            ClusterId = parse.GetValue(ClusterId),
            ServiceId = parse.GetValue(ServiceId),
            AzureConnectionString = parse.GetValue(AzureConnectionString),
            TimeoutSeconds = parse.GetValue(Timeout),
        };
    }
}
