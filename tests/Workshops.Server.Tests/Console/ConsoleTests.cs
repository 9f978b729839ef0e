using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests.Console;

/// <summary>PROTOCOL.md section 7 against a real server on SQLite.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConsoleTests(ServerFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    private WorkshopsApi Api => fixture.Api;

    [Fact]
    public async Task Events_are_listed_newest_first_with_counts_and_closed_once_every_workshop_is_closed()
    {
        var older = await fixture.CreateEventAsync();
        var newer = await fixture.CreateEventAsync();
        await Api.JoinAsync(older.JoinCode, "Ayşe");
        await using var admin = await HubClient.ConnectAsync(fixture.Server.BaseUrl, fixture.AdminToken);
        await admin.Connection.InvokeAsync<Idea>("AddIdea", older.Workshops[0].WorkshopId, new IdeaInput { BoardId = "b1", Text = "Işıklı yollar", ClientOpId = "l1" });

        var list = (await Api.GetAsync<JsonElement>("api/events", fixture.AdminToken)).GetProperty("events").EnumerateArray().ToList();
        var ids = list.Select(e => e.GetProperty("eventId").GetString()).ToList();
        Assert.True(ids.IndexOf(newer.EventId) < ids.IndexOf(older.EventId), string.Join(",", ids));
        var line = list.Single(e => e.GetProperty("eventId").GetString() == older.EventId);
        Assert.Equal("Test Toplantısı", line.GetProperty("title").GetString());
        Assert.Equal("2026-11-26", line.GetProperty("date").GetString());
        Assert.Equal("İzmir", line.GetProperty("venue").GetString());
        Assert.Equal("tr", line.GetProperty("language").GetString());
        Assert.Equal(2, line.GetProperty("workshops").GetInt32());
        Assert.Equal(1, line.GetProperty("participants").GetInt32());
        Assert.Equal(1, line.GetProperty("ideas").GetInt32());
        Assert.Equal(0, line.GetProperty("votes").GetInt32());
        Assert.Equal("open", line.GetProperty("status").GetString());
        Assert.True(line.GetProperty("createdAt").GetDateTimeOffset() <= list.Single(e => e.GetProperty("eventId").GetString() == newer.EventId).GetProperty("createdAt").GetDateTimeOffset());

        await admin.Connection.InvokeAsync("SetPhase", older.Workshops[0].WorkshopId, "Closed");
        var stillOpen = (await Api.GetAsync<JsonElement>("api/events", fixture.AdminToken)).GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("eventId").GetString() == older.EventId);
        Assert.Equal("open", stillOpen.GetProperty("status").GetString());
        await admin.Connection.InvokeAsync("SetPhase", older.Workshops[1].WorkshopId, "Closed");
        var closed = (await Api.GetAsync<JsonElement>("api/events", fixture.AdminToken)).GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("eventId").GetString() == older.EventId);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Edit_renames_adds_a_workshop_with_a_working_key_and_tells_open_pages()
    {
        var created = await fixture.CreateEventAsync();
        var moderator = (await Api.SignInAsync(created.ModeratorKey)).Token;
        var participant = (await Api.JoinAsync(created.JoinCode, "Ayşe")).Token;
        await using var page = await HubClient.ConnectAsync(fixture.Server.BaseUrl, participant);
        await page.JoinAsync(created.Workshops[1].WorkshopId);

        var updated = await Api.UpdateAsync(moderator, created.EventId, new
        {
            title = "Yeni Başlık",
            date = "2026-12-01",
            venue = "Ankara",
            language = "en",
            stakeholderGroups = new[] { "Kamu kurumu", "Basın" },
            workshops = new object[]
            {
                new { workshopId = created.Workshops[1].WorkshopId, title = "Gençlik ve İstihdam" },
                new { title = "Kültür ve Sanat" },
                new { workshopId = created.Workshops[0].WorkshopId, title = created.Workshops[0].Title },
            },
        });

        Assert.Equal(created.EventId, updated.EventId);
        Assert.Equal([created.Workshops[1].WorkshopId, created.EventId + "-w3", created.Workshops[0].WorkshopId], updated.Workshops.Select(w => w.WorkshopId));
        Assert.Null(updated.Workshops[0].FacilitatorKey);
        Assert.Null(updated.Workshops[2].FacilitatorKey);
        var added = await Api.SignInAsync(updated.Workshops[1].FacilitatorKey!);
        Assert.Equal(Role.Facilitator, added.Role);
        Assert.Equal(created.EventId + "-w3", added.WorkshopId);

        var changed = await page.WaitForAsync(e => e.Name == EventNames.EventChanged && e.WorkshopId == created.Workshops[1].WorkshopId, Within);
        Assert.Equal(created.EventId, changed.Payload.GetProperty("eventId").GetString());
        var summary = await Api.GetAsync<JsonElement>("api/events/" + created.EventId, participant);
        Assert.Equal("Yeni Başlık", summary.GetProperty("title").GetString());
        Assert.Equal("2026-12-01", summary.GetProperty("date").GetString());
        Assert.Equal("Ankara", summary.GetProperty("venue").GetString());
        Assert.Equal("en", summary.GetProperty("language").GetString());
        Assert.Equal(["Kamu kurumu", "Basın"], summary.GetProperty("stakeholderGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["Gençlik ve İstihdam", "Kültür ve Sanat", "Hassas Gruplar"], summary.GetProperty("workshops").EnumerateArray().Select(w => w.GetProperty("title").GetString()));
        var snapshot = await page.JoinAsync(created.Workshops[1].WorkshopId);
        Assert.Equal("Gençlik ve İstihdam", snapshot.Title);
    }

    [Fact]
    public async Task Areas_change_and_removal_are_wrong_phase_once_a_workshop_has_an_idea_and_change_nothing()
    {
        var created = await fixture.CreateEventAsync();
        var before = await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken);
        Assert.All(before.GetProperty("workshops").EnumerateArray(), w => Assert.True(w.GetProperty("removable").GetBoolean()));
        await using var admin = await HubClient.ConnectAsync(fixture.Server.BaseUrl, fixture.AdminToken);
        await admin.Connection.InvokeAsync<Idea>("AddIdea", created.Workshops[0].WorkshopId, new IdeaInput { BoardId = "b1", Text = "Bir fikir", ClientOpId = "a1" });
        var afterIdea = (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).GetRawText();

        var areas = await Api.TryJsonAsync(HttpMethod.Put, "api/events/" + created.EventId, fixture.AdminToken, new
        {
            title = "Değişmemeli",
            outputAreas = new[] { "Etki", "Yenilik" },
            workshops = created.Workshops.Select(w => new { workshopId = w.WorkshopId, title = w.Title }).ToArray(),
        });
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.WrongPhase), (areas.Status, areas.Code));
        var removal = await Api.TryJsonAsync(HttpMethod.Put, "api/events/" + created.EventId, fixture.AdminToken, new
        {
            title = "Değişmemeli",
            workshops = new[] { new { workshopId = created.Workshops[1].WorkshopId, title = "Kalan" } },
        });
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.WrongPhase), (removal.Status, removal.Code));
        Assert.Equal(afterIdea, (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).GetRawText());

        // The untouched workshop may go: its facilitator's tokens end with it.
        var facilitator = (await Api.SignInAsync(created.Workshops[1].FacilitatorKey)).Token;
        await Api.UpdateAsync(fixture.AdminToken, created.EventId, new
        {
            title = "Tek Atölye",
            workshops = new[] { new { workshopId = created.Workshops[0].WorkshopId, title = created.Workshops[0].Title } },
        });
        Assert.Equal(HttpStatusCode.NotFound, (await Api.TryAsync(HttpMethod.Get, "api/workshops/" + created.Workshops[1].WorkshopId, fixture.AdminToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.TryAsync(HttpMethod.Get, "api/events/" + created.EventId, facilitator)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.TryJsonAsync(HttpMethod.Post, "api/auth/key", null, new { key = created.Workshops[1].FacilitatorKey })).Status);
    }

    [Fact]
    public async Task Output_areas_change_while_every_workshop_is_untouched()
    {
        var created = await fixture.CreateEventAsync();
        await Api.UpdateAsync(fixture.AdminToken, created.EventId, new
        {
            title = "Yeni Alanlar",
            outputAreas = new[] { "Etki", "Yenilik" },
            workshops = created.Workshops.Select(w => new { workshopId = w.WorkshopId, title = w.Title }).ToArray(),
            settings = new { votesPerBoard = 5, maxVotesPerIdea = 2, anonymousIdeas = true, liveResults = false, maxIdeaLength = 280 },
        });
        var snapshot = await Api.GetAsync<WorkshopSnapshot>("api/workshops/" + created.Workshops[0].WorkshopId, fixture.AdminToken);
        Assert.Equal(["Etki", "Yenilik"], snapshot.Boards.Select(b => b.Area));
        Assert.Equal(5, snapshot.Settings.VotesPerBoard);
    }

    [Fact]
    public async Task Invalid_edit_is_refused_with_invalid_input_and_changes_nothing()
    {
        var created = await fixture.CreateEventAsync();
        var before = (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).GetRawText();
        object[] bad =
        [
            new { title = "", workshops = new[] { new { workshopId = created.Workshops[0].WorkshopId, title = "A" } } },
            new { title = "X", workshops = Array.Empty<object>() },
            new { title = "X", workshops = new[] { new { workshopId = "enosuch-w1", title = "A" } } },
            new { title = "X", workshops = new[] { new { workshopId = created.Workshops[0].WorkshopId, title = "A" }, new { workshopId = created.Workshops[0].WorkshopId, title = "B" } } },
            new { title = "X", language = "de", workshops = new[] { new { workshopId = created.Workshops[0].WorkshopId, title = "A" } } },
        ];
        foreach (var program in bad)
        {
            var refused = await Api.TryJsonAsync(HttpMethod.Put, "api/events/" + created.EventId, fixture.AdminToken, program);
            Assert.True(refused.Code == ErrorCodes.InvalidInput, refused.Body);
        }

        Assert.Equal(before, (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).GetRawText());
    }

    [Fact]
    public async Task Rotated_facilitator_key_stops_signing_in_and_its_tokens_and_connections_end()
    {
        var created = await fixture.CreateEventAsync();
        var workshop = created.Workshops[0].WorkshopId;
        var moderator = (await Api.SignInAsync(created.ModeratorKey)).Token;
        var oldToken = (await Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        var neighbour = (await Api.SignInAsync(created.Workshops[1].FacilitatorKey)).Token;
        await using var oldPage = await HubClient.ConnectAsync(fixture.Server.BaseUrl, oldToken);
        await oldPage.JoinAsync(workshop);

        var key = await Api.RotateAsync(moderator, created.EventId, "facilitator", workshop);

        Assert.StartsWith("fac_", key, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.TryJsonAsync(HttpMethod.Post, "api/auth/key", null, new { key = created.Workshops[0].FacilitatorKey })).Status);
        var refused = await Api.TryAsync(HttpMethod.Get, "api/workshops/" + workshop, oldToken);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized), (refused.Status, refused.Code));
        var hubRefusal = await Assert.ThrowsAnyAsync<Exception>(() => oldPage.Connection.InvokeAsync<WorkshopSnapshot>("JoinWorkshop", workshop));
        if (hubRefusal is HubException)
        {
            Assert.StartsWith("unauthorized: ", hubRefusal.Message, StringComparison.Ordinal);
        }
        else
        {
            // The sweep closed the connection first: also a refusal.
            Assert.IsType<InvalidOperationException>(hubRefusal);
        }
        await oldPage.Closed.WaitAsync(Within);
        Assert.Equal("tokenRevoked", Assert.Single(oldPage.SessionEvents).Name);

        var fresh = await Api.SignInAsync(key);
        Assert.Equal(workshop, (await Api.GetAsync<WorkshopSnapshot>("api/workshops/" + workshop, fresh.Token)).WorkshopId);
        Assert.Equal(created.EventId, (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, neighbour)).GetProperty("eventId").GetString());
        Assert.Equal(created.EventId, (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, moderator)).GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Only_an_admin_rotates_the_moderator_key_and_the_old_moderator_tokens_end()
    {
        var created = await fixture.CreateEventAsync();
        var moderator = (await Api.SignInAsync(created.ModeratorKey)).Token;
        var self = await Api.TryJsonAsync(HttpMethod.Post, $"api/events/{created.EventId}/keys", moderator, new { role = "moderator" });
        Assert.Equal(ErrorCodes.Forbidden, self.Code);
        var badRole = await Api.TryJsonAsync(HttpMethod.Post, $"api/events/{created.EventId}/keys", fixture.AdminToken, new { role = "participant" });
        Assert.Equal(ErrorCodes.InvalidInput, badRole.Code);
        Assert.Equal(created.EventId, (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, moderator)).GetProperty("eventId").GetString());

        var key = await Api.RotateAsync(fixture.AdminToken, created.EventId, "moderator");

        Assert.StartsWith("mod_", key, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Unauthorized, (await Api.TryAsync(HttpMethod.Get, "api/events/" + created.EventId, moderator)).Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Api.TryJsonAsync(HttpMethod.Post, "api/auth/key", null, new { key = created.ModeratorKey })).Code);
        var fresh = (await Api.SignInAsync(key)).Token;
        Assert.Equal(created.EventId, (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fresh)).GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task New_join_code_replaces_the_old_one_and_joined_people_keep_their_tokens()
    {
        var created = await fixture.CreateEventAsync();
        var joined = await Api.JoinAsync(created.JoinCode, "Ayşe");

        var code = await Api.NewJoinCodeAsync(fixture.AdminToken, created.EventId);

        Assert.NotEqual(created.JoinCode, code);
        Assert.Equal(6, code.Length);
        Assert.Equal(ErrorCodes.NotFound, (await Api.TryJsonAsync(HttpMethod.Post, "api/auth/join", null, new { code = created.JoinCode })).Code);
        Assert.Equal(created.EventId, (await Api.JoinAsync(code, "Mehmet")).EventId);
        Assert.Equal(created.Workshops[0].WorkshopId, (await Api.GetAsync<WorkshopSnapshot>("api/workshops/" + created.Workshops[0].WorkshopId, joined.Token)).WorkshopId);
        Assert.Equal(code, (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).GetProperty("joinCode").GetString());
    }

    [Fact]
    public async Task Deleted_event_is_gone_from_every_route_sign_in_hub_and_the_sqlite_file()
    {
        var created = await fixture.CreateEventAsync();
        var moderator = (await Api.SignInAsync(created.ModeratorKey)).Token;
        var participant = (await Api.JoinAsync(created.JoinCode, "Silinecek Kişi")).Token;
        await using var page = await HubClient.ConnectAsync(fixture.Server.BaseUrl, participant);
        await page.JoinAsync(created.Workshops[0].WorkshopId);
        await using var admin = await HubClient.ConnectAsync(fixture.Server.BaseUrl, fixture.AdminToken);
        await admin.Connection.InvokeAsync<Idea>("AddIdea", created.Workshops[0].WorkshopId, new IdeaInput { BoardId = "b1", Text = "Silinecek fikir", ClientOpId = "d1" });
        var needles = ConsoleApi.StorageNeedles(created);
        // The event, its join code, three key records, and the event logs of the two workshops
        // (presence and ideas are entries of those logs).
        var before = ConsoleApi.SqliteRows(fixture.Server.DataPath, needles);
        Assert.Equal(7, before.Count);
        Assert.Equal(created.Workshops.Select(w => "log workshop/" + w.WorkshopId).Order(StringComparer.Ordinal),
            before.Where(row => row.StartsWith("log ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var forbidden = await Api.TryAsync(HttpMethod.Delete, "api/events/" + created.EventId, moderator);
        Assert.Equal(ErrorCodes.Forbidden, forbidden.Code);

        await Api.DeleteAsync(fixture.AdminToken, created.EventId);

        Assert.Equal(ErrorCodes.NotFound, (await Api.TryAsync(HttpMethod.Get, "api/events/" + created.EventId, fixture.AdminToken)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Api.TryAsync(HttpMethod.Get, "api/workshops/" + created.Workshops[0].WorkshopId, fixture.AdminToken)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Api.TryAsync(HttpMethod.Get, $"api/events/{created.EventId}/export?format=json", fixture.AdminToken)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Api.TryAsync(HttpMethod.Delete, "api/events/" + created.EventId, fixture.AdminToken)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Api.TryJsonAsync(HttpMethod.Put, "api/events/" + created.EventId, fixture.AdminToken, ConsoleApi.ProgramOf(created))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Api.TryJsonAsync(HttpMethod.Post, "api/auth/join", null, new { code = created.JoinCode })).Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Api.TryJsonAsync(HttpMethod.Post, "api/auth/key", null, new { key = created.ModeratorKey })).Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Api.TryJsonAsync(HttpMethod.Post, "api/auth/key", null, new { key = created.Workshops[1].FacilitatorKey })).Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Api.TryAsync(HttpMethod.Get, "api/events/" + created.EventId, moderator)).Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Api.TryAsync(HttpMethod.Get, "api/workshops/" + created.Workshops[0].WorkshopId, participant)).Code);
        await page.Closed.WaitAsync(Within);
        var (name, payload) = Assert.Single(page.SessionEvents);
        Assert.Equal("eventDeleted", name);
        Assert.Equal(created.EventId, payload.GetProperty("eventId").GetString());
        Assert.DoesNotContain((await Api.GetAsync<JsonElement>("api/events", fixture.AdminToken)).GetProperty("events").EnumerateArray(),
            e => e.GetProperty("eventId").GetString() == created.EventId);
        Assert.Empty(ConsoleApi.SqliteRows(fixture.Server.DataPath, needles));
    }
}
