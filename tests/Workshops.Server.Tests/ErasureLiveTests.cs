using System.Net;
using System.Text.Json;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// An erasure (DELETE /api/me, the moderator's purge; contract section 11) reaches open pages at
/// once, over real SignalR, and the purge is in the exports' audit with its count and no name.
/// </summary>
public sealed class ErasureLiveTests
{
    [Fact]
    public async Task Delete_me_sends_open_connections_the_idea_without_its_author_on_the_same_connection()
    {
        await using var server = await ServerHost.StartAsync();
        var scene = await PersonalDataScene.CreateAsync(server);
        var me = scene.People[0];
        var other = scene.People[1];
        await using var facilitator = await HubClient.ConnectAsync(server.BaseUrl, scene.FacilitatorToken);
        var before = await facilitator.JoinAsync(scene.WorkshopId);
        Assert.Equal(me.Name, before.Boards.SelectMany(b => b.Ideas).Single(i => i.IdeaId == me.IdeaId).Author);
        await using var participant = await HubClient.ConnectAsync(server.BaseUrl, other.Token);
        await participant.JoinAsync(scene.WorkshopId);

        var (status, _, body) = await scene.Api.TryAsync(HttpMethod.Delete, "api/me", me.Token);
        Assert.True(status == HttpStatusCode.NoContent, body);

        foreach (var client in new[] { facilitator, participant })
        {
            var changed = await client.WaitForAsync(e => e.Name == EventNames.IdeaChanged && IdeaIdOf(e) == me.IdeaId);
            var idea = changed.Payload.GetProperty("idea");
            Assert.False(idea.TryGetProperty("author", out _), idea.GetRawText());
            Assert.False(idea.GetProperty("mine").GetBoolean());
            Assert.Equal(me.IdeaText, idea.GetProperty("text").GetString());
            Assert.DoesNotContain(me.Marker, string.Join("\n", client.Events.SkipWhile(e => e != changed).Select(e => e.Payload.GetRawText())), StringComparison.Ordinal);
        }

        // One version for the one changed idea, no gap (so no resync), on the connection that was open.
        Assert.False(facilitator.Closed.IsCompleted);
        var versions = facilitator.VersionedEvents.Select(e => e.Version!.Value).Where(v => v > before.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count).Select(i => before.Version + i), versions);
        var fresh = await scene.Api.GetAsync<WorkshopSnapshot>("api/workshops/" + scene.WorkshopId, scene.FacilitatorToken);
        Assert.Equal(versions[^1], fresh.Version);
        var other1 = fresh.Boards.SelectMany(b => b.Ideas).Single(i => i.IdeaId == other.IdeaId);
        Assert.Equal(other.Name, other1.Author);
    }

    [Fact]
    public async Task Moderators_purge_reaches_open_pages_and_every_export_audits_it_with_the_count_and_no_name()
    {
        await using var server = await ServerHost.StartAsync();
        var scene = await PersonalDataScene.CreateAsync(server);
        await using var facilitator = await HubClient.ConnectAsync(server.BaseUrl, scene.FacilitatorToken);
        var before = await facilitator.JoinAsync(scene.WorkshopId);
        var moderator = (await scene.Api.SignInAsync(scene.Created.ModeratorKey)).Token;

        var start = DateTimeOffset.UtcNow;
        var (status, _, body) = await scene.Api.TryAsync(HttpMethod.Delete, $"api/events/{scene.EventId}/personal-data", moderator);
        Assert.True(status == HttpStatusCode.NoContent, body);

        foreach (var person in scene.People)
        {
            var changed = await facilitator.WaitForAsync(e => e.Name == EventNames.IdeaChanged && IdeaIdOf(e) == person.IdeaId);
            Assert.False(changed.Payload.GetProperty("idea").TryGetProperty("author", out _));
            Assert.True(changed.Version > before.Version);
        }

        Assert.False(facilitator.Closed.IsCompleted);

        // The event's export: the purge with role, time and count; no name anywhere.
        var export = await scene.Api.GetAsync<JsonElement>($"api/events/{scene.EventId}/export?format=json", scene.AdminToken);
        var entry = Assert.Single(export.GetProperty("audit").EnumerateArray(), e => e.GetProperty("action").GetString() == AuditNames.PersonalDataPurge);
        Assert.Equal(("moderator", "2"), (entry.GetProperty("role").GetString(), entry.GetProperty("detail").GetString()));
        Assert.InRange(entry.GetProperty("at").GetDateTimeOffset(), start.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        // The workshop's own export carries it too, and the human reports say it in words.
        var workshopExport = await scene.Api.GetAsync<JsonElement>($"api/workshops/{scene.WorkshopId}/export?format=json", scene.FacilitatorToken);
        Assert.Equal(AuditNames.PersonalDataPurge, Assert.Single(workshopExport.GetProperty("audit").EnumerateArray()).GetProperty("action").GetString());
        var markdown = (await scene.Api.TryAsync(HttpMethod.Get, $"api/events/{scene.EventId}/export?format=md", scene.AdminToken)).Body;
        Assert.Contains(" · moderatör · kişisel verilerin silinmesi · 2 kişi\n", markdown, StringComparison.Ordinal);

        var texts = export.GetRawText() + workshopExport.GetRawText() + markdown + await scene.StaffViewsAsync();
        Assert.All(scene.People, p => Assert.DoesNotContain(p.Marker, texts, StringComparison.Ordinal));
    }

    private static string? IdeaIdOf(ReceivedEvent e) => e.Payload.GetProperty("idea").GetProperty("ideaId").GetString();
}
