using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;
using Xunit.Abstractions;

namespace Workshops.Cluster.Tests;

/// <summary>PROTOCOL.md section 7: a key rotated through one server ends its tokens on every server within 5 seconds.</summary>
public sealed class ClusterRevocationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Facilitator_key_rotated_through_server_A_closes_its_connection_on_server_B_and_B_refuses_the_old_token()
    {
        await using var cluster = new ProcessCluster();
        var (a, b) = await cluster.StartLocalPairAsync();
        using var apiA = new WorkshopsApi(a.BaseUrl);
        using var apiB = new WorkshopsApi(b.BaseUrl);
        var admin = (await apiA.SignInAsync(ServerOptions.TestAdminKey)).Token;
        var created = await apiA.CreateEventAsync(admin, new EventProgram
        {
            Title = "İki sunucuda anahtar değişimi",
            Workshops = [new() { Title = "Işık ve İletişim" }, new() { Title = "Komşu Çalıştay" }],
        });
        var workshopId = created.Workshops[0].WorkshopId;
        var oldToken = (await apiB.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        var neighbour = (await apiB.SignInAsync(created.Workshops[1].FacilitatorKey)).Token;

        // B knows the event's access (its cache is warm) and holds the facilitator's connection.
        Assert.Equal(workshopId, (await apiB.GetAsync<WorkshopSnapshot>("api/workshops/" + workshopId, oldToken)).WorkshopId);
        await using var onB = await HubClient.ConnectAsync(b.BaseUrl, oldToken);
        await onB.JoinAsync(workshopId);

        var rotatedAt = Stopwatch.StartNew();
        var key = (await apiA.SendAsync<JsonElement>(HttpMethod.Post, $"api/events/{created.EventId}/keys", admin, new { role = "facilitator", workshopId }))
            .GetProperty("key").GetString()!;

        // The old key stops signing in at once, on both servers.
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiB.TryAsync(HttpMethod.Post, "api/auth/key", null, JsonContent.Create(new { key = created.Workshops[0].FacilitatorKey }))).Status);

        var left = Within - rotatedAt.Elapsed;
        await onB.Closed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var closedAfter = rotatedAt.Elapsed;
        Assert.Equal("tokenRevoked", Assert.Single(onB.SessionEvents).Name);

        (HttpStatusCode Status, string? Code, string Body) refused;
        while (true)
        {
            refused = await apiB.TryAsync(HttpMethod.Get, "api/workshops/" + workshopId, oldToken);
            if (refused.Status != HttpStatusCode.OK || rotatedAt.Elapsed > Within)
            {
                break;
            }

            await Task.Delay(100);
        }

        var refusedAfter = rotatedAt.Elapsed;
        output.WriteLine($"connection on B closed after {closedAfter.TotalMilliseconds:F0} ms, old token refused on B after {refusedAfter.TotalMilliseconds:F0} ms");
        Assert.True(refused.Status == HttpStatusCode.Unauthorized && refused.Code == ErrorCodes.Unauthorized, refused.Body);
        Assert.True(refusedAfter <= Within, $"the old token was still honoured on B {refusedAfter.TotalMilliseconds:F0} ms after the rotation");

        // The new key works on B; the neighbouring facilitator was not touched.
        var fresh = await apiB.SignInAsync(key);
        Assert.Equal(workshopId, (await apiB.GetAsync<WorkshopSnapshot>("api/workshops/" + workshopId, fresh.Token)).WorkshopId);
        Assert.Equal(created.Workshops[1].WorkshopId, (await apiB.GetAsync<WorkshopSnapshot>("api/workshops/" + created.Workshops[1].WorkshopId, neighbour)).WorkshopId);
        await using var again = await HubClient.ConnectAsync(b.BaseUrl, fresh.Token);
        Assert.Equal(workshopId, (await again.JoinAsync(workshopId)).WorkshopId);
    }

    /// <summary>
    /// Section 8 across a cluster: badges made through A open the same participant on B (the
    /// lookup is a grain keyed by the code's hash, found from any server), and a revocation
    /// through A ends the holder's connection and token on B within 5 seconds.
    /// </summary>
    [Fact]
    public async Task Badge_made_through_server_A_joins_on_B_as_one_participant_and_its_revocation_ends_it_on_B()
    {
        await using var cluster = new ProcessCluster();
        var (a, b) = await cluster.StartLocalPairAsync();
        using var apiA = new WorkshopsApi(a.BaseUrl);
        using var apiB = new WorkshopsApi(b.BaseUrl);
        var admin = (await apiA.SignInAsync(ServerOptions.TestAdminKey)).Token;
        var created = await apiA.CreateEventAsync(admin, new EventProgram
        {
            Title = "İki sunucuda kişisel kart",
            Workshops = [new() { Title = "Işık ve İletişim" }],
            Settings = new WorkshopSettings { JoinWith = WorkshopSettings.JoinWithBadge },
        });
        var workshopId = created.Workshops[0].WorkshopId;
        var made = await apiA.SendAsync<JsonElement>(HttpMethod.Post, $"api/events/{created.EventId}/badges", admin, new { people = new[] { new { name = "Ayşe Işık", group = "Kamu kurumu" } } });
        var badge = made.GetProperty("badges")[0];
        var code = badge.GetProperty("code").GetString()!;

        var onA = await apiA.SendAsync<JsonElement>(HttpMethod.Post, "api/auth/join", null, new { badge = code });
        var onBJoin = await apiB.SendAsync<JsonElement>(HttpMethod.Post, "api/auth/join", null, new { badge = code, displayName = "Başka ad" });
        Assert.Equal(onA.GetProperty("participantId").GetString(), onBJoin.GetProperty("participantId").GetString());
        Assert.Equal("Ayşe Işık", onBJoin.GetProperty("displayName").GetString());
        var token = onBJoin.GetProperty("token").GetString()!;
        Assert.Equal(workshopId, (await apiB.GetAsync<WorkshopSnapshot>("api/workshops/" + workshopId, token)).WorkshopId);
        await using var onB = await HubClient.ConnectAsync(b.BaseUrl, token);
        await onB.JoinAsync(workshopId);

        var revokedAt = Stopwatch.StartNew();
        var (status, _, body) = await apiA.TryAsync(HttpMethod.Delete, $"api/events/{created.EventId}/badges/{badge.GetProperty("badgeId").GetString()}", admin);
        Assert.True(status == HttpStatusCode.NoContent, body);
        var left = Within - revokedAt.Elapsed;
        await onB.Closed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        Assert.Equal("tokenRevoked", Assert.Single(onB.SessionEvents).Name);

        (HttpStatusCode Status, string? Code, string Body) refused;
        while (true)
        {
            refused = await apiB.TryAsync(HttpMethod.Get, "api/workshops/" + workshopId, token);
            if (refused.Status != HttpStatusCode.OK || revokedAt.Elapsed > Within)
            {
                break;
            }

            await Task.Delay(100);
        }

        output.WriteLine($"badge revoked through A: refused on B after {revokedAt.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(refused.Status == HttpStatusCode.Unauthorized && refused.Code == ErrorCodes.Unauthorized, refused.Body);
        Assert.True(revokedAt.Elapsed <= Within, $"the revoked badge's token was still honoured on B {revokedAt.Elapsed.TotalMilliseconds:F0} ms after the revocation");
        var again = await apiB.TryAsync(HttpMethod.Post, "api/auth/join", null, JsonContent.Create(new { badge = code }));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (again.Status, again.Code));
    }
}
