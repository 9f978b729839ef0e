using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;
using Xunit.Abstractions;

namespace Workshops.Cluster.Tests;

/// <summary>One Azure-profile server whose storage (Azurite: blobs and the membership table) goes away for 30 s.</summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private Testing.Azurite? _azurite;

    private Testing.Azurite Azurite => _azurite!;

    public async Task InitializeAsync() => _azurite = await Testing.Azurite.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task While_storage_is_down_calls_fail_as_unavailable_change_nothing_and_the_server_recovers_by_itself()
    {
        var report = new FaultReport(output, "Azurite stopped for 30 s under one Azure-profile server");
        await using var cluster = new ProcessCluster();
        var server = await cluster.StartAsync(new ServerOptions
        {
            StorageProvider = "AzureBlob",
            AzureConnectionString = Azurite.ConnectionString,
            ClusterMode = "AzureTable",
            Extra = ClusterTuning.Settings(),
        });
        var pid = server.ProcessId;
        using var api = new WorkshopsApi(server.BaseUrl);
        var admin = (await api.SignInAsync(ServerOptions.TestAdminKey)).Token;
        var created = await api.CreateEventAsync(admin, new EventProgram { Title = "Kesinti provası", Workshops = [new() { Title = "Dayanıklılık" }] });
        var workshopId = created.Workshops[0].WorkshopId;
        var facilitatorToken = (await api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using var facilitator = await HubClient.ConnectAsync(server.BaseUrl, facilitatorToken);
        await facilitator.JoinAsync(workshopId);
        var first = await facilitator.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Yedekli depolama", ClientOpId = "f-1" });
        var second = await facilitator.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Çevrim dışı çalışma", ClientOpId = "f-2" });
        await facilitator.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        var ayse = await HubClient.ConnectAsync(server.BaseUrl, (await api.JoinAsync(created.JoinCode, "Ayşe")).Token);
        var ismail = await HubClient.ConnectAsync(server.BaseUrl, (await api.JoinAsync(created.JoinCode, "İsmail")).Token);
        await using var ayseLease = ayse;
        await using var ismailLease = ismail;
        await ayse.JoinAsync(workshopId);
        await ismail.JoinAsync(workshopId);
        await ayse.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, first.IdeaId, "a-1");

        // Storage goes away.
        await Azurite.StopAsync();
        var outage = Stopwatch.StartNew();
        var unhealthyAfter = await WaitForStatusAsync(server.BaseUrl + "/healthz", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(server.BaseUrl + "/readyz"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server.BaseUrl + "/livez"));

        // Changes are refused with a clear error: first while the grain is in memory (its write fails),
        // then while it must be loaded again (its read fails). Azure's retries make each take a while,
        // so the calls run side by side where they can.
        var whileInMemory = await Task.WhenAll(
            RefusedAsync(() => ayse.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, second.IdeaId, "a-2")),
            RefusedAsync(() => facilitator.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b2", Text = "Kesinti sırasında", ClientOpId = "f-3" })));
        var http = api.TryAsync(HttpMethod.Get, "api/workshops/" + workshopId, facilitatorToken);
        var whileLoading = await RefusedAsync(() => ismail.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, first.IdeaId, "i-1"));
        var refusals = whileInMemory.Append(whileLoading).ToList();
        var refusedIn = outage.Elapsed;
        Assert.All(refusals, r => Assert.StartsWith(ErrorCodes.Unavailable + ": ", r, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http).Status);
        Assert.Equal(ErrorCodes.Unavailable, (await http).Code);

        var left = Outage - outage.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(server.BaseUrl + "/healthz"));
        await Azurite.StartAsync();
        var back = Stopwatch.StartNew();
        var healthyAfter = await WaitForStatusAsync(server.BaseUrl + "/healthz", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        // Same process: it recovered by itself. Nothing of the refused calls was kept.
        Assert.False(server.HasExited);
        Assert.Equal(pid, server.ProcessId);
        var tallies = await VotesAsync(api, workshopId, facilitatorToken);
        Assert.Equal(1, tallies[first.IdeaId]);
        Assert.Equal(0, tallies[second.IdeaId]);
        Assert.Equal(2, tallies.Count);

        // The same calls, re-sent with the same clientOpIds, now succeed once.
        var firstCallBack = await RetryWhileUnavailableAsync(() => ayse.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, second.IdeaId, "a-2"));
        var callsAfter = back.Elapsed;
        Assert.Equal(1, firstCallBack.MyVotes);

        // The workshop's grain was loaded again; the screens still hear of its changes.
        await facilitator.WaitForAsync(e => e.Name == EventNames.TalliesChanged
            && e.Payload.GetProperty("tallies").TryGetProperty(second.IdeaId, out var votes) && votes.GetInt32() == 1, TimeSpan.FromSeconds(20));
        var screensAfter = back.Elapsed;
        await ismail.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, first.IdeaId, "i-1");
        await ismail.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, first.IdeaId, "i-1");
        await facilitator.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b2", Text = "Kesinti sırasında", ClientOpId = "f-3" });
        tallies = await VotesAsync(api, workshopId, facilitatorToken);
        Assert.Equal(2, tallies[first.IdeaId]);
        Assert.Equal(1, tallies[second.IdeaId]);
        Assert.Equal(3, tallies.Count);

        report.Add($"/healthz answered 503 {unhealthyAfter.TotalSeconds:0.0} s after Azurite stopped (/livez stayed 200)");
        report.Add($"hub calls refused with 'unavailable: ...' (time each took): {string.Join(" | ", refusals)}; all within {refusedIn.TotalSeconds:0.0} s of the stop");
        report.Add($"Azurite was down {(refusedIn > Outage ? refusedIn : Outage).TotalSeconds:0} s");
        report.Add($"/healthz 200 again {healthyAfter.TotalSeconds:0.0} s after Azurite returned; hub calls succeed {callsAfter.TotalSeconds:0.0} s after, the facilitator's screen shows the new tally {screensAfter.TotalSeconds:0.0} s after; same process, no restart");
        report.Save();
    }

    private static async Task<string> RefusedAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<HubException>(call);
        return error.Message + " [" + clock.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s]";
    }

    private static async Task<T> RetryWhileUnavailableAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (HubException ex) when (ex.Message.StartsWith(ErrorCodes.Unavailable + ":", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<Dictionary<string, int>> VotesAsync(WorkshopsApi api, string workshopId, string token)
    {
        var snapshot = await api.GetAsync<WorkshopSnapshot>("api/workshops/" + workshopId, token);
        return snapshot.Boards.SelectMany(b => b.Ideas).ToDictionary(i => i.IdeaId, i => i.Votes ?? 0, StringComparer.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(url);
        return response.StatusCode;
    }

    private static async Task<TimeSpan> WaitForStatusAsync(string url, HttpStatusCode status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await StatusAsync(url) != status)
        {
            Assert.True(clock.Elapsed < timeout, $"{url} did not answer {status} within {timeout}");
            await Task.Delay(200);
        }

        return clock.Elapsed;
    }
}
