using System.Diagnostics;
using Workshops.TestHost;
using Xunit.Abstractions;

namespace Workshops.Cluster.Tests;

/// <summary>The embedded profile (one server, SQLite): killed -9 mid-storm and started again on the same data folder.</summary>
public sealed class EmbeddedServerCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_embedded_server_during_a_vote_storm_and_restarting_it_loses_no_acknowledged_vote()
    {
        var scale = FaultScale.Embedded;
        var report = new FaultReport(output, "Kill -9 the single embedded (SQLite) server during a vote storm, restart it");
        report.Add($"scale: {scale}");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(FaultScale.IsLong ? 15 : 4));
        await using var cluster = new ProcessCluster();
        var server = await cluster.StartAsync(new ServerOptions { StorageProvider = "Sqlite", ClusterMode = "Localhost", Extra = ClusterTuning.Settings() });
        var urls = cluster.Urls;
        var scene = await StormScene.CreateAsync(urls, scale);
        await using var storm = await FaultStorm.ConnectAsync(scene, urls, scale, deadline.Token);

        storm.Start(deadline.Token);
        await storm.WaitForAckedAsync((int)(scale.TotalVotes * scale.KillAtFraction), TimeSpan.FromMinutes(2));
        var stranded = storm.Participants.Where(p => p.AckedCount < p.Who.Plan.Count).ToList();
        var clock = Stopwatch.StartNew();
        server.Kill();
        var ackedAtKill = storm.Acked;
        var ackedBeforeRestart = scene.Workshops.ToDictionary(w => w.WorkshopId, w => storm.AckedByIdea(w.WorkshopId), StringComparer.Ordinal);
        report.Add($"killed at {ackedAtKill} of {scale.TotalVotes} acknowledged votes; {stranded.Count} participants still voting");

        // Everything acknowledged before the kill is in the database the restarted server opens.
        var restarted = await cluster.RestartAsync(0);
        var downtime = clock.Elapsed;
        foreach (var workshop in scene.Workshops)
        {
            var tallies = await FaultStorm.TalliesAsync(restarted.BaseUrl, workshop);
            foreach (var (ideaId, acked) in ackedBeforeRestart[workshop.WorkshopId])
            {
                // Votes acknowledged by the restarted server meanwhile can only add to the tally.
                Assert.True(tallies.GetValueOrDefault(ideaId) >= acked, $"idea {ideaId}: tally {tallies.GetValueOrDefault(ideaId)} after restart, {acked} acknowledged before the kill");
            }
        }

        await storm.WaitAsync().WaitAsync(deadline.Token);
        var stormTime = clock.Elapsed;

        Assert.Empty(storm.Problems());
        Assert.Equal(scale.TotalVotes, storm.Acked);
        Assert.NotEmpty(stranded);
        Assert.All(stranded, p => Assert.True(p.Reconnects >= 1, $"participant {p.Who.Number} never reconnected"));
        await storm.AssertTalliesEqualAckedAsync(restarted.BaseUrl);

        report.Add($"server healthy again {downtime.TotalSeconds:0.0} s after the kill (process start + SQLite open + silo start)");
        report.Add($"participants reconnected: {stranded.Count}, longest reconnect {stranded.Max(p => p.LongestReconnect).TotalSeconds:0.0} s, calls retried: {storm.Participants.Sum(p => p.Retries)}");
        report.Add($"votes stored but not acknowledged at the kill, re-sent with the same clientOpId and counted once: {storm.Participants.Sum(p => p.StoredUnacknowledged)}");
        report.Add($"storm finished {stormTime.TotalSeconds:0.0} s after the kill; tallies equal the {storm.Acked} acknowledged votes");
        report.Save();
    }
}
