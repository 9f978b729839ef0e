using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>GET/DELETE /api/me and the moderator's purge (contract section 11), over the real API.</summary>
public sealed class PersonalDataTests
{
    [Fact]
    public async Task Me_returns_the_callers_name_organization_group_join_time_ideas_and_votes_in_every_workshop()
    {
        await using var server = await ServerHost.StartAsync();
        var scene = await PersonalDataScene.CreateAsync(server);
        var me = scene.People[0];
        var other = scene.People[1];

        var data = await scene.Api.GetAsync<JsonElement>("api/me", me.Token);

        Assert.Equal(me.ParticipantId, data.GetProperty("participantId").GetString());
        Assert.Equal(me.Name, data.GetProperty("displayName").GetString());
        Assert.Equal(me.Organization, data.GetProperty("organization").GetString());
        Assert.Equal("Kamu kurumu", data.GetProperty("group").GetString());
        var joinedAt = data.GetProperty("joinedAt").GetDateTimeOffset();
        Assert.InRange(DateTimeOffset.UtcNow - joinedAt, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        var idea = Assert.Single(data.GetProperty("ideas").EnumerateArray());
        Assert.Equal((scene.WorkshopId, me.IdeaId, me.IdeaText), (idea.GetProperty("workshopId").GetString(), idea.GetProperty("ideaId").GetString(), idea.GetProperty("text").GetString()));
        var votes = data.GetProperty("votes").EnumerateArray()
            .Select(v => (v.GetProperty("workshopId").GetString(), v.GetProperty("ideaId").GetString(), v.GetProperty("votes").GetInt32()))
            .OrderBy(v => v.Item2, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            new[] { (scene.WorkshopId, me.IdeaId, 1), (scene.WorkshopId, other.IdeaId, 1) }.OrderBy(v => v.Item2, StringComparer.Ordinal).Select(v => ((string?)v.Item1, (string?)v.Item2, v.Item3)),
            votes);
    }

    [Fact]
    public async Task Delete_me_erases_the_name_and_organization_keeps_the_idea_without_author_and_the_votes_counted_and_refuses_the_token()
    {
        await using var server = await ServerHost.StartAsync();
        var scene = await PersonalDataScene.CreateAsync(server);
        var me = scene.People[0];
        var other = scene.People[1];
        Assert.Contains(me.Marker, await scene.StaffViewsAsync(), StringComparison.Ordinal);
        await using var openHub = await HubClient.ConnectAsync(server.BaseUrl, me.Token);
        await openHub.JoinAsync(scene.WorkshopId);

        var (status, _, body) = await scene.Api.TryAsync(HttpMethod.Delete, "api/me", me.Token);
        Assert.True(status == HttpStatusCode.NoContent, body);

        // Gone from every view and export, the other person's name is still there.
        var views = await scene.StaffViewsAsync();
        Assert.DoesNotContain(me.Marker, views, StringComparison.Ordinal);
        Assert.Contains(other.Marker, views, StringComparison.Ordinal);

        // The idea stays, without author; both votes on it still count.
        var snapshot = await scene.Api.GetAsync<WorkshopSnapshot>("api/workshops/" + scene.WorkshopId, scene.FacilitatorToken);
        var ideas = snapshot.Boards.SelectMany(b => b.Ideas).ToDictionary(i => i.IdeaId, StringComparer.Ordinal);
        Assert.Equal((me.IdeaText, (string?)null, (int?)2), (ideas[me.IdeaId].Text, ideas[me.IdeaId].Author, ideas[me.IdeaId].Votes));
        Assert.Equal((other.Name, (int?)2), (ideas[other.IdeaId].Author, ideas[other.IdeaId].Votes));
        var summary = await scene.Api.GetAsync<EventSummary>("api/events/" + scene.EventId, scene.AdminToken);
        Assert.Equal(4, summary.Workshops[0].Votes);

        // The token is refused on HTTP at once, and by the hub: new connections and the open one.
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized), Pick(await scene.Api.TryAsync(HttpMethod.Get, "api/me", me.Token)));
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized), Pick(await scene.Api.TryAsync(HttpMethod.Get, "api/workshops/" + scene.WorkshopId, me.Token)));
        try
        {
            await openHub.Connection.InvokeAsync<WorkshopSnapshot>("JoinWorkshop", scene.WorkshopId);
            Assert.Fail("an erased participant's hub call was served");
        }
        catch (HubException refused)
        {
            Assert.StartsWith(ErrorCodes.Unauthorized + ": ", refused.Message, StringComparison.Ordinal);
        }
        catch (Exception closed) when (closed is InvalidOperationException or TaskCanceledException or IOException)
        {
            // Already closed by the sweep: also a refusal.
        }

        await openHub.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("tokenRevoked", Assert.Single(openHub.SessionEvents).Name);
        var fresh = new HubClient(server.BaseUrl, me.Token);
        await using (fresh)
        {
            var start = await Assert.ThrowsAsync<HttpRequestException>(() => fresh.Connection.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        }

        // Joining again with the dead token makes a new participant, not the erased one.
        var rejoined = await scene.Api.JoinAsync(scene.Created.JoinCode, "Yeni Kişi", previousToken: me.Token);
        Assert.NotEqual(me.ParticipantId, rejoined.ParticipantId);
    }

    [Fact]
    public async Task Moderators_purge_erases_every_name_from_views_and_exports_and_audits_role_time_and_count_without_names()
    {
        await using var server = await ServerHost.StartAsync();
        var scene = await PersonalDataScene.CreateAsync(server);
        var before = await scene.StaffViewsAsync();
        Assert.All(scene.People, p => Assert.Contains(p.Marker, before, StringComparison.Ordinal));
        var moderator = (await scene.Api.SignInAsync(scene.Created.ModeratorKey)).Token;

        var start = DateTimeOffset.UtcNow;
        var (status, _, body) = await scene.Api.TryAsync(HttpMethod.Delete, $"api/events/{scene.EventId}/personal-data", moderator);
        Assert.True(status == HttpStatusCode.NoContent, body);

        var after = await scene.StaffViewsAsync();
        Assert.All(scene.People, p => Assert.DoesNotContain(p.Marker, after, StringComparison.Ordinal));
        foreach (var person in scene.People)
        {
            // Participants keep their tokens and votes; names went, and with them the ideas' author link.
            var mine = await scene.Api.GetAsync<JsonElement>("api/me", person.Token);
            Assert.False(mine.TryGetProperty("displayName", out _));
            Assert.False(mine.TryGetProperty("organization", out _));
            Assert.Equal(0, mine.GetProperty("ideas").GetArrayLength());
            Assert.Equal(2, mine.GetProperty("votes").GetArrayLength());
        }

        var statusJson = await scene.Api.GetAsync<JsonElement>($"api/events/{scene.EventId}/personal-data", moderator);
        var purge = Assert.Single(statusJson.GetProperty("purges").EnumerateArray());
        Assert.Equal("moderator", purge.GetProperty("role").GetString());
        Assert.Equal(2, purge.GetProperty("people").GetInt32());
        Assert.False(purge.GetProperty("automatic").GetBoolean());
        Assert.InRange(purge.GetProperty("at").GetDateTimeOffset(), start.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.All(scene.People, p => Assert.DoesNotContain(p.Marker, statusJson.GetRawText(), StringComparison.Ordinal));
    }

    private static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, string Body) reply) => (reply.Status, reply.Code);
}
