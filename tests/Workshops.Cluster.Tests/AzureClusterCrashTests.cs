using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;
using Xunit.Abstractions;

namespace Workshops.Cluster.Tests;

/// <summary>Three Azure-profile servers (Azure Table membership, Azure Blob grain storage, on Azurite); one is killed -9 mid-storm.</summary>
public sealed class AzureClusterCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Killing_one_of_three_servers_during_a_vote_storm_loses_and_doubles_no_acknowledged_vote()
    {
        var scale = FaultScale.Cluster;
        var report = new FaultReport(output, "Kill -9 one of three Azure-profile servers during a vote storm");
        report.Add($"scale: {scale}");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(FaultScale.IsLong ? 15 : 4));
        var total = Stopwatch.StartNew();
        await using var cluster = new ProcessCluster();
        var options = new ServerOptions
        {
            StorageProvider = "AzureBlob",
            AzureConnectionString = azurite.ConnectionString,
            ClusterMode = "AzureTable",
            Extra = ClusterTuning.Settings(),
        };
        await cluster.StartAsync(options);
        await cluster.StartManyAsync([
            options with { SiloPort = FreePort.Get(), GatewayPort = FreePort.Get() },
            options with { SiloPort = FreePort.Get(), GatewayPort = FreePort.Get() }]);

        report.Add($"3 servers started in {total.Elapsed.TotalSeconds:0.0} s");
        var urls = cluster.Urls;
        var phases = Stopwatch.StartNew();
        var scene = await StormScene.CreateAsync(urls, scale);
        report.Add($"scene ready after {phases.Elapsed.TotalSeconds:0.0} s");
        await using var storm = await FaultStorm.ConnectAsync(scene, urls, scale, deadline.Token);
        report.Add($"participants connected after {phases.Elapsed.TotalSeconds:0.0} s");

        // Kill the server that holds the most workshop grains, so that the takeover is measured.
        var placement = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var locator = await GrainLocator.ConnectAsync(azurite.ConnectionString, options.ClusterId))
        {
            foreach (var workshop in scene.Workshops)
            {
                var port = await locator.SiloPortOfAsync(workshop.WorkshopId) ?? throw new InvalidOperationException("workshop grain not active");
                placement[workshop.WorkshopId] = cluster.Servers.ToList().FindIndex(s => s.Options.SiloPort == port);
            }
        }

        var victim = Enumerable.Range(0, 3).OrderByDescending(i => placement.Values.Count(v => v == i)).First();
        var orphaned = placement.Where(p => p.Value == victim).Select(p => p.Key).ToList();
        var survivors = urls.Where((_, i) => i != victim).ToList();
        report.Add($"workshop grains per server: {string.Join(", ", Enumerable.Range(0, 3).Select(i => placement.Values.Count(v => v == i)))}; killing server {victim} with {orphaned.Count}");

        // A facilitator screen per orphaned workshop, on the survivor that moved participants do not go to
        // first: nothing there re-joins those workshops, so only the server itself can re-subscribe.
        var quiet = (victim + 2) % 3;
        var screens = new List<(SceneWorkshop Workshop, HubClient Screen)>();
        foreach (var id in orphaned)
        {
            var workshop = scene.Workshops.Single(w => w.WorkshopId == id);
            var screen = await HubClient.ConnectAsync(urls[quiet], workshop.FacilitatorToken);
            await screen.JoinAsync(id);
            screens.Add((workshop, screen));
        }

        try
        {
            storm.Start(deadline.Token);
            await storm.WaitForAckedAsync((int)(scale.TotalVotes * scale.KillAtFraction), TimeSpan.FromMinutes(2));
            var stranded = storm.Participants.Where(p => p.Server == victim && p.AckedCount < p.Who.Plan.Count).ToList();
            var ackedAtKill = storm.Acked;
            var clock = Stopwatch.StartNew();
            cluster.Servers[victim].Kill();
            report.Add($"killed at {ackedAtKill} of {scale.TotalVotes} acknowledged votes; {stranded.Count} participants on it still voting");

            // How long until each orphaned workshop answers again (through a surviving server).
            var back = Task.WhenAll(orphaned.Select(id => TimeUntilAnswersAsync(survivors, scene.Workshops.Single(w => w.WorkshopId == id), clock, deadline.Token)));
            var screensBack = await Task.WhenAll(screens.Select(s => TimeUntilScreenHearsAsync(s.Screen, s.Workshop.WorkshopId, clock, deadline.Token)));
            var answersBack = await back;
            await storm.WaitAsync().WaitAsync(deadline.Token);
            var stormTime = clock.Elapsed;

            Assert.Empty(storm.Problems());
            Assert.Equal(scale.TotalVotes, storm.Acked);
            Assert.NotEmpty(stranded);
            Assert.All(stranded, p => Assert.True(p.Reconnects >= 1 && p.Server != victim, $"participant {p.Who.Number} did not move to another server"));
            await storm.AssertTalliesEqualAckedAsync(survivors[0]);
            await storm.AssertTalliesEqualAckedAsync(survivors[1]);

            report.Add($"orphaned workshops answer again after: {Seconds(answersBack)}");
            report.Add($"their screens on the other survivor hear of changes again after: {Seconds(screensBack)}");
            report.Add($"participants moved: {stranded.Count}, longest reconnect {stranded.Max(p => p.LongestReconnect).TotalSeconds:0.0} s, calls retried after 'unavailable': {storm.Participants.Sum(p => p.Retries)}");
            report.Add($"votes stored but not acknowledged at the kill, re-sent with the same clientOpId and counted once: {storm.Participants.Sum(p => p.StoredUnacknowledged)}");
            report.Add($"storm finished {stormTime.TotalSeconds:0.0} s after the kill; tallies equal the {storm.Acked} acknowledged votes on both survivors");
            report.Save();
            Assert.True(answersBack.Max() < TimeSpan.FromSeconds(60), $"a workshop took {answersBack.Max()} to come back");
            Assert.True(screensBack.Max() < TimeSpan.FromSeconds(20), $"a screen heard nothing for {screensBack.Max()}");
        }
        finally
        {
            foreach (var (_, screen) in screens)
            {
                await screen.DisposeAsync();
            }
        }
    }

    private static string Seconds(TimeSpan[] times) =>
        string.Join(", ", times.Select(t => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s")) + string.Create(CultureInfo.InvariantCulture, $" (max {times.Max().TotalSeconds:0.0} s)");

    /// <summary>The screen asks for a change (a timer) until it hears one: only a new activation, subscribed again, can tell it.</summary>
    private static async Task<TimeSpan> TimeUntilScreenHearsAsync(HubClient screen, string workshopId, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (screen.Events.Any(e => e.Name == EventNames.TimerChanged))
            {
                return clock.Elapsed;
            }

            try
            {
                await screen.Connection.InvokeAsync("StartTimer", workshopId, 600, cancellationToken);
            }
            catch (HubException ex) when (ex.Message.StartsWith(ErrorCodes.Unavailable + ":", StringComparison.Ordinal))
            {
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<TimeSpan> TimeUntilAnswersAsync(List<string> servers, SceneWorkshop workshop, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, servers[attempt % servers.Count] + "/api/workshops/" + workshop.WorkshopId);
            request.Headers.Authorization = new("Bearer", workshop.FacilitatorToken);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
