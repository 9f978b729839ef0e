using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;
using Xunit.Abstractions;

namespace Workshops.Cluster.Tests;

/// <summary>PROTOCOL.md section 11: a participant who erased their data through one server is refused on every server within seconds.</summary>
public sealed class ClusterErasureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Participant_erased_through_server_A_is_refused_on_server_B_over_http_and_hub_within_5_seconds()
    {
        await using var cluster = new ProcessCluster();
        var (a, b) = await cluster.StartLocalPairAsync();
        using var apiA = new WorkshopsApi(a.BaseUrl);
        using var apiB = new WorkshopsApi(b.BaseUrl);
        var admin = (await apiA.SignInAsync(ServerOptions.TestAdminKey)).Token;
        var created = await apiA.CreateEventAsync(admin, new EventProgram { Title = "İki sunucuda silme", Workshops = [new() { Title = "Işık" }] });
        var workshopId = created.Workshops[0].WorkshopId;
        var me = await apiB.JoinAsync(created.JoinCode, "Şükrü Ilgaz", organization: "Doğuş Derneği");
        var other = await apiB.JoinAsync(created.JoinCode, "Başka Biri");

        // B knows the event's access (its cache is warm) and holds the participant's connection.
        Assert.Equal("Şükrü Ilgaz", (await apiB.GetAsync<JsonElement>("api/me", me.Token)).GetProperty("displayName").GetString());
        await using var onB = await HubClient.ConnectAsync(b.BaseUrl, me.Token);
        await onB.JoinAsync(workshopId);

        var erasedAt = Stopwatch.StartNew();
        var (status, _, body) = await apiA.TryAsync(HttpMethod.Delete, "api/me", me.Token);
        Assert.True(status == HttpStatusCode.NoContent, body);

        var left = Within - erasedAt.Elapsed;
        await onB.Closed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var closedAfter = erasedAt.Elapsed;
        Assert.Equal("tokenRevoked", Assert.Single(onB.SessionEvents).Name);

        (HttpStatusCode Status, string? Code, string Body) refused;
        while (true)
        {
            refused = await apiB.TryAsync(HttpMethod.Get, "api/workshops/" + workshopId, me.Token);
            if (refused.Status != HttpStatusCode.OK || erasedAt.Elapsed > Within)
            {
                break;
            }

            await Task.Delay(100);
        }

        var refusedAfter = erasedAt.Elapsed;
        output.WriteLine($"connection on B closed after {closedAfter.TotalMilliseconds:F0} ms, token refused on B after {refusedAfter.TotalMilliseconds:F0} ms");
        Assert.True(refused.Status == HttpStatusCode.Unauthorized && refused.Code == ErrorCodes.Unauthorized, refused.Body);
        Assert.True(refusedAfter <= Within, $"the erased participant's token was still honoured on B {refusedAfter.TotalMilliseconds:F0} ms after the erasure");

        // Another participant of the event is not touched.
        Assert.Equal("Başka Biri", (await apiB.GetAsync<JsonElement>("api/me", other.Token)).GetProperty("displayName").GetString());
    }
}
