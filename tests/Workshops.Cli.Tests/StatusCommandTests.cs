using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Workshops.TestHost;

namespace Workshops.Cli.Tests;

[Collection(CliServerCollection.Name)]
public sealed class StatusCommandTests(CliServerFixture fixture)
{
    private string SiloAddress => fixture.Server.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    [Fact]
    public async Task Status_json_lists_the_one_server_of_the_cluster()
    {
        var result = await fixture.RunAsync("status", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(fixture.Server.Options.ClusterId, root.GetProperty("clusterId").GetString());
        var server = Assert.Single(root.GetProperty("servers").EnumerateArray());
        Assert.Equal(SiloAddress, server.GetProperty("serverId").GetString());
        Assert.Equal("Active", server.GetProperty("status").GetString());
        Assert.Equal(1, root.GetProperty("totals").GetProperty("servers").GetInt32());
    }

    [Fact]
    public async Task Status_prints_a_table_of_servers_and_totals()
    {
        var result = await fixture.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal($"Cluster \"{fixture.Server.Options.ClusterId}\" (service \"{fixture.Server.Options.ClusterId}\"): 1 server", lines[0]);
        Assert.Contains(lines, l => l.TrimStart().StartsWith(SiloAddress + "  Active", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Active workshops: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("People connected: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_counts_the_people_connected_and_their_workshop()
    {
        var created = await fixture.CreateSampleEventAsync();
        var workshop = created.Workshops[3];
        var participant = await fixture.Api.JoinAsync(created.JoinCode, "Mehmet");
        await using var hub = await HubClient.ConnectAsync(fixture.Server.BaseUrl, participant.Token);
        await hub.JoinAsync(workshop.WorkshopId);

        // Servers report every 5 s; ask until the report includes this person (bounded).
        var clock = Stopwatch.StartNew();
        JsonElement totals;
        List<string?> live;
        while (true)
        {
            var result = await fixture.RunAsync("status", "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            using var json = JsonDocument.Parse(result.Stdout);
            var server = json.RootElement.GetProperty("servers")[0];
            live = [.. server.GetProperty("liveWorkshops").EnumerateArray().Select(w => w.GetString())];
            totals = json.RootElement.GetProperty("totals").Clone();
            if (live.Contains(workshop.WorkshopId) || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                break;
            }

            await Task.Delay(1000);
        }

        Assert.Contains(workshop.WorkshopId, live);
        Assert.True(totals.GetProperty("people").GetInt32() >= 1, totals.ToString());
        Assert.True(totals.GetProperty("connections").GetInt32() >= 1, totals.ToString());
        Assert.True(totals.GetProperty("liveWorkshops").GetInt32() >= 1, totals.ToString());
        // Workshop grains activated by the event's creation and this visit are in memory.
        Assert.True(totals.GetProperty("workshopsInMemory").GetInt32() >= created.Workshops.Count, totals.ToString());
    }
}
