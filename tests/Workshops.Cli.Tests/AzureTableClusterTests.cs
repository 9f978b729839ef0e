using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Cli.Tests;

/// <summary>The CLI finds a server through Azure Table membership (Azurite), with no port given.</summary>
public sealed class AzureTableClusterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Cli_finds_an_AzureTable_cluster_through_its_membership_table()
    {
        await using var server = await ServerHost.StartAsync(new ServerOptions
        {
            ClusterMode = "AzureTable",
            AzureConnectionString = azurite.ConnectionString,
        });
        var cluster = new Dictionary<string, string?>
        {
            ["Workshops__Cluster__ClusterId"] = server.Options.ClusterId,
            ["Workshops__Cluster__ServiceId"] = server.Options.ClusterId,
            // Deliberately wrong: AzureTable mode must not use it.
            ["Workshops__Cluster__GatewayPort"] = "1",
        };

        var status = await CliProcess.RunAsync(["status", "--json", "--azure-connection-string", azurite.ConnectionString, .. CliServerFixture.Patient], cluster);

        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        var listed = Assert.Single(json.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal(server.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString(), listed.GetProperty("serverId").GetString());

        // The same settings from the environment alone, creating an event.
        cluster["Workshops__Cluster__Mode"] = "AzureTable";
        cluster["Workshops__Cluster__AzureConnectionString"] = azurite.ConnectionString;
        var create = await CliProcess.RunAsync(["event", "create", CliServerFixture.SampleProgram, "--json", .. CliServerFixture.Patient], cluster);
        Assert.True(create.ExitCode == 0, create.ToString());
        var created = JsonSerializer.Deserialize<EventCreated>(create.Stdout, WorkshopsApi.Json)!;
        using var api = server.Api();
        Assert.Equal(Role.Moderator, (await api.SignInAsync(created.ModeratorKey)).Role);
    }

    [Fact]
    public async Task AzureTable_cluster_with_no_server_exits_3_within_the_timeout()
    {
        var result = await CliProcess.RunAsync(
            ["status", "--azure-connection-string", azurite.ConnectionString, "--cluster-id", "nobody-" + Guid.NewGuid().ToString("N")[..8], "--timeout", "5"]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.StartsWith("workshops: error: the cluster is not reachable at Azure Table membership", result.Stderr, StringComparison.Ordinal);
        // Bounded by --timeout 5 (plus process start-up on a busy machine).
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString());
    }
}
