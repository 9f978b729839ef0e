using System.Net;
using System.Text.Json;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests.Console;

/// <summary>The program's privacy notice (PROTOCOL.md section 11) and <c>settings.joinWith</c> (section 8).</summary>
[Collection(ServerCollection.Name)]
public sealed class PrivacyAndJoinWithTests(ServerFixture fixture)
{
    private WorkshopsApi Api => fixture.Api;

    private static object Program(object? privacy, string joinWith = "code", IEnumerable<object>? workshops = null) => new
    {
        title = "Gizlilik Toplantısı",
        workshops = workshops ?? [new { title = "Hassas Gruplar" }],
        settings = new { votesPerBoard = 3, maxVotesPerIdea = 1, anonymousIdeas = true, liveResults = false, maxIdeaLength = 280, joinWith },
        privacy,
    };

    private static object Kept(EventCreated created, object? privacy, string joinWith) =>
        Program(privacy, joinWith, created.Workshops.Select(w => new { workshopId = w.WorkshopId, title = w.Title }));

    private async Task<EventCreated> CreateAsync(object program) =>
        await Api.SendAsync<EventCreated>(HttpMethod.Post, "api/events", fixture.AdminToken, program);

    [Fact]
    public async Task Privacy_and_joinWith_are_stored_shown_to_everyone_of_the_event_and_kept_through_edit()
    {
        var created = await CreateAsync(Program(new { controller = "  İl Özel İdaresi ", contact = "kvkk@ornek.gov.tr", purpose = "Toplantı raporu" }));
        var moderator = (await Api.SignInAsync(created.ModeratorKey)).Token;
        var participant = (await Api.JoinAsync(created.JoinCode, "Ayşe")).Token;

        foreach (var token in new[] { fixture.AdminToken, moderator, participant })
        {
            var summary = await Api.GetAsync<JsonElement>("api/events/" + created.EventId, token);
            var privacy = summary.GetProperty("privacy");
            Assert.Equal("İl Özel İdaresi", privacy.GetProperty("controller").GetString());
            Assert.Equal("kvkk@ornek.gov.tr", privacy.GetProperty("contact").GetString());
            Assert.Equal("Toplantı raporu", privacy.GetProperty("purpose").GetString());
            Assert.Equal(30, privacy.GetProperty("retentionDays").GetInt32());
            Assert.Equal("code", summary.GetProperty("settings").GetProperty("joinWith").GetString());
        }

        var before = await Api.TryAsync(HttpMethod.Get, "api/events/by-code/" + created.JoinCode, null);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        var publicInfo = JsonDocument.Parse(before.Body).RootElement;
        Assert.Equal("İl Özel İdaresi", publicInfo.GetProperty("privacy").GetProperty("controller").GetString());
        Assert.Equal("code", publicInfo.GetProperty("joinWith").GetString());

        await Api.UpdateAsync(moderator, created.EventId, Kept(created, new { controller = "Belediye", contact = "0312 000 00 00", retentionDays = 0 }, "badge"));

        var edited = await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken);
        var notice = edited.GetProperty("privacy");
        Assert.Equal("Belediye", notice.GetProperty("controller").GetString());
        Assert.Equal("0312 000 00 00", notice.GetProperty("contact").GetString());
        Assert.False(notice.TryGetProperty("purpose", out _));
        Assert.Equal(0, notice.GetProperty("retentionDays").GetInt32());
        Assert.Equal("badge", edited.GetProperty("settings").GetProperty("joinWith").GetString());

        await Api.UpdateAsync(fixture.AdminToken, created.EventId, Kept(created, null, "code"));
        Assert.False((await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).TryGetProperty("privacy", out _));
    }

    [Fact]
    public async Task Bad_privacy_or_joinWith_is_refused_naming_the_field_and_changes_nothing()
    {
        var created = await CreateAsync(Program(new { controller = "Belediye", contact = "kvkk@ornek.gov.tr" }));
        var before = (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).GetRawText();
        var listed = (await Api.GetAsync<JsonElement>("api/events", fixture.AdminToken)).GetProperty("events").GetArrayLength();
        (object? Privacy, string JoinWith, string Field)[] bad =
        [
            (new { contact = "kvkk@ornek.gov.tr" }, "code", "privacy.controller"),
            (new { controller = "   ", contact = "kvkk@ornek.gov.tr" }, "code", "privacy.controller"),
            (new { controller = "Belediye", contact = "" }, "code", "privacy.contact"),
            (new { controller = new string('ı', 201), contact = "kvkk@ornek.gov.tr" }, "code", "privacy.controller"),
            (new { controller = "Belediye", contact = "kvkk@ornek.gov.tr", purpose = "a\u0007b" }, "code", "privacy.purpose"),
            (new { controller = "Belediye", contact = "kvkk@ornek.gov.tr", purpose = new string('ş', 1001) }, "code", "privacy.purpose"),
            (new { controller = "Belediye", contact = "kvkk@ornek.gov.tr", retentionDays = -1 }, "code", "privacy.retentionDays"),
            (new { controller = "Belediye", contact = "kvkk@ornek.gov.tr", retentionDays = 3651 }, "code", "privacy.retentionDays"),
            (new { controller = "Belediye", contact = "kvkk@ornek.gov.tr", retentionDays = 2.5 }, "code", "retentionDays"),
            (null, "Badge", "joinWith"),
            (null, "pin", "joinWith"),
            (null, "", "joinWith"),
        ];
        foreach (var (privacy, joinWith, field) in bad)
        {
            var onCreate = await Api.TryJsonAsync(HttpMethod.Post, "api/events", fixture.AdminToken, Program(privacy, joinWith));
            Assert.True(onCreate.Status == HttpStatusCode.BadRequest && onCreate.Code == ErrorCodes.InvalidInput, onCreate.Body);
            Assert.Contains(field, Detail(onCreate.Body), StringComparison.Ordinal);
            var onEdit = await Api.TryJsonAsync(HttpMethod.Put, "api/events/" + created.EventId, fixture.AdminToken, Kept(created, privacy, joinWith));
            Assert.True(onEdit.Status == HttpStatusCode.BadRequest && onEdit.Code == ErrorCodes.InvalidInput, onEdit.Body);
            Assert.Contains(field, Detail(onEdit.Body), StringComparison.Ordinal);
        }

        Assert.Equal(before, (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).GetRawText());
        Assert.Equal(listed, (await Api.GetAsync<JsonElement>("api/events", fixture.AdminToken)).GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task Privacy_at_the_limits_is_accepted()
    {
        var created = await CreateAsync(Program(new
        {
            controller = new string('ı', 200), contact = new string('İ', 200), purpose = new string('ş', 1000), retentionDays = 3650,
        }));

        var privacy = (await Api.GetAsync<JsonElement>("api/events/" + created.EventId, fixture.AdminToken)).GetProperty("privacy");
        Assert.Equal(new string('ı', 200), privacy.GetProperty("controller").GetString());
        Assert.Equal(new string('İ', 200), privacy.GetProperty("contact").GetString());
        Assert.Equal(1000, privacy.GetProperty("purpose").GetString()!.Length);
        Assert.Equal(3650, privacy.GetProperty("retentionDays").GetInt32());
    }

    [Fact]
    public async Task Badge_event_refuses_the_join_code_with_forbidden_until_switched_back_to_code()
    {
        var created = await CreateAsync(Program(null, "badge"));

        var refused = await Api.TryJsonAsync(HttpMethod.Post, "api/auth/join", null, new { code = created.JoinCode, displayName = "Ayşe" });

        Assert.True(refused.Status == HttpStatusCode.Forbidden && refused.Code == ErrorCodes.Forbidden, refused.Body);
        Assert.Contains("personal badge", Detail(refused.Body), StringComparison.Ordinal);
        var line = (await Api.GetAsync<JsonElement>("api/events", fixture.AdminToken)).GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("eventId").GetString() == created.EventId);
        Assert.Equal(0, line.GetProperty("participants").GetInt32());

        await Api.UpdateAsync(fixture.AdminToken, created.EventId, Kept(created, null, "code"));

        var joined = await Api.JoinAsync(created.JoinCode, "Ayşe");
        Assert.Equal(created.EventId, joined.EventId);
        Assert.Equal(Role.Participant, joined.Role);
    }

    private static string Detail(string problemBody) =>
        JsonDocument.Parse(problemBody).RootElement.GetProperty("detail").GetString() ?? "";
}
