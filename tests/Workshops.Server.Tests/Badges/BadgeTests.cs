using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests.Badges;

/// <summary>Personal badges: one person, one participant, one vote budget (PROTOCOL.md section 8).</summary>
[Collection(ServerCollection.Name)]
public sealed class BadgeTests(ServerFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    private WorkshopsApi Api => fixture.Api;

    private Task<EventCreated> CreateAsync(string joinWith = "code", int votesPerBoard = 3) =>
        Api.CreateEventAsync(fixture.AdminToken, new EventProgram
        {
            Title = "Kartlı Toplantı",
            Workshops = [new() { Title = "Hassas Gruplar" }],
            Settings = new WorkshopSettings { VotesPerBoard = votesPerBoard, MaxVotesPerIdea = 1, JoinWith = joinWith },
        });

    [Fact]
    public async Task Badges_are_created_blank_or_per_person_with_codes_in_the_reply_only()
    {
        var created = await CreateAsync();
        var moderator = (await Api.SignInAsync(created.ModeratorKey)).Token;

        var blank = await Api.CreateBadgesAsync(moderator, created.EventId, new { count = 3 });
        var named = await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new
        {
            people = new object[]
            {
                new { name = " Ayşe Yılmaz ", organization = "Çankaya Belediyesi", group = "Yerel yönetim" },
                new { name = "İsmail Işık" },
            },
        });

        Assert.Equal(3, blank.Count);
        Assert.All(blank, b => Assert.Null(b.Name));
        Assert.Equal(("Ayşe Yılmaz", "Çankaya Belediyesi", "Yerel yönetim"), (named[0].Name, named[0].Organization, named[0].Group));
        Assert.Equal(("İsmail Işık", (string?)null, (string?)null), (named[1].Name, named[1].Organization, named[1].Group));
        var all = blank.Concat(named).ToList();
        Assert.Equal(5, all.Select(b => b.BadgeId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(5, all.Select(b => b.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, b =>
        {
            Assert.True(b.Code.Length >= 10, b.Code);
            Assert.All(b.Code, c => Assert.Contains(c, "ABCDEFGHJKMNPQRSTUVWXYZ23456789"));
        });

        var (status, _, body) = await Api.TryAsync(HttpMethod.Get, $"api/events/{created.EventId}/badges", moderator);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(all, b => Assert.DoesNotContain(b.Code, body, StringComparison.Ordinal));
        var listed = JsonDocument.Parse(body).RootElement.GetProperty("badges").EnumerateArray().ToList();
        Assert.Equal(all.Select(b => b.BadgeId), listed.Select(b => b.GetProperty("badgeId").GetString()));
        Assert.All(listed, b =>
        {
            Assert.False(b.TryGetProperty("code", out _));
            Assert.False(b.GetProperty("claimed").GetBoolean());
            Assert.False(b.GetProperty("revoked").GetBoolean());
        });
        Assert.Equal("Ayşe Yılmaz", listed[3].GetProperty("name").GetString());
        Assert.Equal("Yerel yönetim", listed[3].GetProperty("group").GetString());
    }

    [Fact]
    public async Task Badge_codes_are_stored_only_as_hashes()
    {
        var created = await CreateAsync();
        var badges = await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new { count = 4 });

        // Each lookup is a grain keyed by the code's hash...
        var rows = Console.ConsoleApi.SqliteRows(fixture.Server.DataPath, [.. badges.Select(b => BadgeApi.HashOf(b.Code))]);
        Assert.Equal(4, rows.Count(r => r.StartsWith("badge ", StringComparison.Ordinal)));

        // ...and no file of the data folder holds a code itself (the SQLite file, WAL, journal).
        var needles = badges.Select(b => Encoding.UTF8.GetBytes(b.Code)).ToList();
        foreach (var file in Directory.GetFiles(fixture.Server.DataPath, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy);
                bytes = copy.ToArray();
            }

            Assert.All(needles, n => Assert.True(bytes.AsSpan().IndexOf(n) < 0, $"{Path.GetFileName(file)} holds a badge code"));
        }

        // The code still opens the badge.
        var joined = await Api.JoinWithBadgeAsync(badges[0].Code);
        Assert.Equal(created.EventId, joined.GetProperty("eventId").GetString());
    }

    [Theory]
    [InlineData("{\"people\":[{\"name\":\"Ayşe\",\"group\":\"Kamu kurumu\"},{\"name\":\"Veli\",\"group\":\"Gazeteciler\"}]}")]
    [InlineData("{\"people\":[{\"name\":\"Ayşe\",\"group\":\"kamu kurumu\"}]}")]
    [InlineData("{\"count\":0}")]
    [InlineData("{\"count\":5001}")]
    [InlineData("{\"people\":[]}")]
    [InlineData("{\"count\":2,\"people\":[{\"name\":\"Ayşe\"}]}")]
    [InlineData("{}")]
    [InlineData("{\"people\":[{\"name\":\"a\u202Eb\"}]}")]
    public async Task Bad_badge_requests_are_refused_with_invalid_input_and_create_nothing(string body)
    {
        var created = await CreateAsync();
        await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new { count = 1 });

        var (status, code, text) = await Api.TryAsync(HttpMethod.Post, $"api/events/{created.EventId}/badges", fixture.AdminToken,
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(status == HttpStatusCode.BadRequest && code == ErrorCodes.InvalidInput, text);
        Assert.Equal(1, (await Api.ListBadgesAsync(fixture.AdminToken, created.EventId)).GetArrayLength());
    }

    [Fact]
    public async Task A_badge_is_the_same_participant_on_two_clients_at_once_with_one_vote_budget()
    {
        var created = await CreateAsync(votesPerBoard: 1);
        var workshopId = created.Workshops[0].WorkshopId;
        var badge = (await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new { count = 1 }))[0];
        var facilitator = (await Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        string[] ideas;
        await using (var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, facilitator))
        {
            ideas = [
                (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Birinci fikir", ClientOpId = "i1" })).IdeaId,
                (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "İkinci fikir", ClientOpId = "i2" })).IdeaId,
            ];
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        }

        // Two phones join with the same badge at the same moment; one of them sends another person's token.
        var stranger = await Api.JoinAsync(created.JoinCode, "Başka Biri");
        var joins = await Task.WhenAll(
            Api.JoinWithBadgeAsync(badge.Code, "Telefon"),
            Api.JoinWithBadgeAsync(badge.Code.ToLowerInvariant().Insert(4, "-"), "Dizüstü", token: stranger.Token));
        var participantId = joins[0].GetProperty("participantId").GetString();
        Assert.False(string.IsNullOrEmpty(participantId));
        Assert.Equal(participantId, joins[1].GetProperty("participantId").GetString());
        Assert.NotEqual(stranger.ParticipantId, participantId);

        await using var phone = await HubClient.ConnectAsync(fixture.Server.BaseUrl, joins[0].GetProperty("token").GetString()!);
        await using var laptop = await HubClient.ConnectAsync(fixture.Server.BaseUrl, joins[1].GetProperty("token").GetString()!);
        await Task.WhenAll(phone.JoinAsync(workshopId), laptop.JoinAsync(workshopId));
        var votes = await Task.WhenAll(
            Attempt(() => phone.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideas[0], "phone")),
            Attempt(() => laptop.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideas[1], "laptop")));

        Assert.Single(votes, v => v is null);
        Assert.Single(votes, v => v is not null && v.StartsWith("vote_limit: ", StringComparison.Ordinal));
        var snapshot = await Api.GetAsync<WorkshopSnapshot>("api/workshops/" + workshopId, facilitator);
        Assert.Equal(1, snapshot.Boards[0].Ideas.Sum(i => i.Votes ?? 0));
        Assert.Single((await Api.ListBadgesAsync(fixture.AdminToken, created.EventId)).EnumerateArray(), b => b.GetProperty("claimed").GetBoolean());
    }

    /// <summary>Null when the call succeeded, else the hub's "code: message".</summary>
    private static async Task<string?> Attempt(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (HubException refused)
        {
            return refused.Message;
        }
    }

    [Fact]
    public async Task The_organizers_name_and_group_win_over_the_joins_own_and_reports_say_so()
    {
        var created = await CreateAsync();
        var badges = await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new
        {
            people = new object[] { new { name = "Ayşe Yılmaz", organization = "Valilik", group = "Kamu kurumu" }, new { } },
        });

        var named = await Api.JoinWithBadgeAsync(badges[0].Code, "Takma Ad", "Basın");
        Assert.Equal("Ayşe Yılmaz", named.GetProperty("displayName").GetString());
        Assert.Equal("Kamu kurumu", named.GetProperty("group").GetString());
        Assert.Equal("Kamu kurumu", TokenClaim(named.GetProperty("token").GetString()!, "grp"));

        // A blank badge takes what its holder says; a later join without a group keeps it.
        var blank = await Api.JoinWithBadgeAsync(badges[1].Code, "Veli", "Basın");
        Assert.Equal(("Veli", "Basın"), (blank.GetProperty("displayName").GetString(), blank.GetProperty("group").GetString()));
        var again = await Api.JoinWithBadgeAsync(badges[1].Code);
        Assert.Equal(("Veli", "Basın"), (again.GetProperty("displayName").GetString(), again.GetProperty("group").GetString()));
        Assert.Equal(blank.GetProperty("participantId").GetString(), again.GetProperty("participantId").GetString());

        // The holder of the organizer's badge cannot change the group through the join code either.
        var viaCode = await Api.JoinAsync(created.JoinCode, "Ayşe", "Basın", previousToken: named.GetProperty("token").GetString());
        Assert.NotEqual(named.GetProperty("participantId").GetString(), viaCode.ParticipantId);
        var still = await Api.JoinWithBadgeAsync(badges[0].Code);
        Assert.Equal("Kamu kurumu", still.GetProperty("group").GetString());

        // A group the event does not have is refused on a blank badge, and changes nothing.
        var (status, code, _) = await Api.TryJoinWithBadgeAsync(new { badge = badges[1].Code, group = "Gazeteciler" });
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.InvalidInput), (status, code));

        // The report says where its groups come from.
        var workshopId = created.Workshops[0].WorkshopId;
        await using (var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, fixture.AdminToken))
        {
            var idea = await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Ortak fikir", ClientOpId = "o1" });
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
            foreach (var token in new[] { still.GetProperty("token").GetString()!, again.GetProperty("token").GetString()! })
            {
                await using var voter = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
                await voter.JoinAsync(workshopId);
                await voter.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, idea.IdeaId, "v");
            }
        }

        var export = await Api.GetAsync<JsonElement>($"api/events/{created.EventId}/export?format=json", fixture.AdminToken);
        var source = export.GetProperty("groupSource");
        Assert.Equal(("mixed", 1, 1), (source.GetProperty("source").GetString(), source.GetProperty("fromBadges").GetInt32(), source.GetProperty("declared").GetInt32()));
        var votesByGroup = export.GetProperty("workshops")[0].GetProperty("boards")[0].GetProperty("ideas")[0].GetProperty("votesByGroup");
        Assert.Equal((1, 1), (votesByGroup.GetProperty("Kamu kurumu").GetInt32(), votesByGroup.GetProperty("Basın").GetInt32()));
        var markdown = await Api.TryAsync(HttpMethod.Get, $"api/events/{created.EventId}/export?format=md", fixture.AdminToken);
        Assert.Contains("Paydaş gruplarının kaynağı: düzenleyicinin kişisel kartlarda belirlediği 1 kişi · grubunu kendisi bildiren 1 kişi", markdown.Body, StringComparison.Ordinal);
        var workshopExport = await Api.GetAsync<JsonElement>($"api/workshops/{workshopId}/export?format=json", fixture.AdminToken);
        Assert.Equal("mixed", workshopExport.GetProperty("groupSource").GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_badge_lookup_shows_the_notice_groups_and_the_organizers_fields_and_claims_nothing()
    {
        var created = await Api.CreateEventAsync(fixture.AdminToken, new EventProgram
        {
            Title = "Kartlı Aydınlatma",
            Workshops = [new() { Title = "Hassas Gruplar" }],
            Privacy = new EventPrivacy { Controller = "İl Özel İdaresi", Contact = "kvkk@ornek.gov.tr" },
            Settings = new WorkshopSettings { JoinWith = WorkshopSettings.JoinWithBadge },
        });
        var named = (await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new
        {
            people = new object[] { new { name = "Ayşe Yılmaz", group = "Kamu kurumu" } },
        }))[0];
        var blank = (await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new { count = 1 }))[0];

        var (status, _, text) = await Api.TryLookUpBadgeAsync(named.Code.ToLowerInvariant().Insert(4, "-"));
        Assert.True(status == HttpStatusCode.OK, text);
        var info = JsonDocument.Parse(text).RootElement;
        Assert.Equal((created.EventId, "badge", "İl Özel İdaresi", 30), (
            info.GetProperty("eventId").GetString(), info.GetProperty("joinWith").GetString(),
            info.GetProperty("privacy").GetProperty("controller").GetString(), info.GetProperty("privacy").GetProperty("retentionDays").GetInt32()));
        Assert.Equal(7, info.GetProperty("stakeholderGroups").GetArrayLength());
        Assert.Equal(("Ayşe Yılmaz", "Kamu kurumu"), (info.GetProperty("badge").GetProperty("name").GetString(), info.GetProperty("badge").GetProperty("group").GetString()));
        Assert.DoesNotContain(named.Code, text, StringComparison.Ordinal);

        var (blankStatus, _, blankText) = await Api.TryLookUpBadgeAsync(blank.Code);
        Assert.True(blankStatus == HttpStatusCode.OK, blankText);
        Assert.Equal("{}", JsonDocument.Parse(blankText).RootElement.GetProperty("badge").GetRawText());

        // Looking up claims nothing: the person has not joined before confirming.
        Assert.All((await Api.ListBadgesAsync(fixture.AdminToken, created.EventId)).EnumerateArray(), b => Assert.False(b.GetProperty("claimed").GetBoolean()));

        // The blank badge's holder chooses a group at join; the named badge's holder cannot.
        var holder = await Api.JoinWithBadgeAsync(blank.Code, "Veli", "Basın");
        Assert.Equal("Basın", holder.GetProperty("group").GetString());
        var organizers = await Api.JoinWithBadgeAsync(named.Code, "Takma Ad", "Basın");
        Assert.Equal(("Ayşe Yılmaz", "Kamu kurumu"), (organizers.GetProperty("displayName").GetString(), organizers.GetProperty("group").GetString()));

        // A revoked badge, an unknown code and a malformed one are refused as at join.
        await Api.RevokeBadgeAsync(fixture.AdminToken, created.EventId, blank.BadgeId);
        Assert.Equal(ErrorCodes.Forbidden, (await Api.TryLookUpBadgeAsync(blank.Code)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Api.TryLookUpBadgeAsync("ABCDEFGHJKMN")).Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await Api.TryLookUpBadgeAsync("ABC")).Code);
    }

    private static string? TokenClaim(string token, string claim)
    {
        var payload = token.Split('.')[1];
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight((payload.Length + 3) / 4 * 4, '=')));
        return JsonDocument.Parse(json).RootElement.TryGetProperty(claim, out var value) ? value.GetString() : null;
    }

    [Fact]
    public async Task A_revoked_badge_ends_its_tokens_within_five_seconds_keeps_its_votes_and_no_longer_joins()
    {
        var created = await CreateAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var badges = await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new { count = 2 });
        var moderator = (await Api.SignInAsync(created.ModeratorKey)).Token;
        var holder = await Api.JoinWithBadgeAsync(badges[0].Code, "Ayşe");
        var neighbour = await Api.JoinWithBadgeAsync(badges[1].Code, "Veli");
        var token = holder.GetProperty("token").GetString()!;
        string ideaId;
        await using (var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, moderator))
        {
            ideaId = (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Kalacak oy", ClientOpId = "k1" })).IdeaId;
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        }

        await using var page = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        await page.JoinAsync(workshopId);
        await page.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideaId, "v1");

        var revokedAt = System.Diagnostics.Stopwatch.StartNew();
        await Api.RevokeBadgeAsync(moderator, created.EventId, badges[0].BadgeId);

        var refused = await Api.TryAsync(HttpMethod.Get, "api/workshops/" + workshopId, token);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized), (refused.Status, refused.Code));
        await page.Closed.WaitAsync(Within - revokedAt.Elapsed);
        Assert.True(revokedAt.Elapsed <= Within, $"closed after {revokedAt.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal("tokenRevoked", Assert.Single(page.SessionEvents).Name);

        var rejoin = await Api.TryJoinWithBadgeAsync(new { badge = badges[0].Code });
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (rejoin.Status, rejoin.Code));
        Assert.Contains("revoked", rejoin.Body, StringComparison.Ordinal);

        // Its vote stays; the other badge is untouched; the listing and the audit show the revocation.
        var snapshot = await Api.GetAsync<WorkshopSnapshot>("api/workshops/" + workshopId, moderator);
        Assert.Equal(1, snapshot.Boards[0].Ideas.Single(i => i.IdeaId == ideaId).Votes);
        Assert.Equal(workshopId, (await Api.GetAsync<WorkshopSnapshot>("api/workshops/" + workshopId, neighbour.GetProperty("token").GetString()!)).WorkshopId);
        var listed = (await Api.ListBadgesAsync(moderator, created.EventId)).EnumerateArray().ToList();
        Assert.Equal([true, false], listed.Select(b => b.GetProperty("revoked").GetBoolean()));
        await Api.RevokeBadgeAsync(moderator, created.EventId, badges[0].BadgeId);
        var export = await Api.GetAsync<JsonElement>($"api/events/{created.EventId}/export?format=json", moderator);
        var audit = Assert.Single(export.GetProperty("audit").EnumerateArray());
        Assert.Equal(("moderator", "badgeRevoked", badges[0].BadgeId), (audit.GetProperty("role").GetString(), audit.GetProperty("action").GetString(), audit.GetProperty("detail").GetString()));

        var unknown = await Api.TryAsync(HttpMethod.Delete, $"api/events/{created.EventId}/badges/b999", moderator);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task A_badge_event_refuses_the_join_code_with_forbidden_saying_a_badge_is_needed_and_takes_badges()
    {
        var created = await CreateAsync(joinWith: "badge");
        var badge = (await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new { count = 1 }))[0];

        var refused = await Api.TryJoinWithBadgeAsync(new { code = created.JoinCode, displayName = "Ayşe" });
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (refused.Status, refused.Code));
        Assert.Contains("personal badge", refused.Body, StringComparison.Ordinal);

        var joined = await Api.JoinWithBadgeAsync(badge.Code, "Ayşe");
        Assert.Equal(("participant", created.EventId), (joined.GetProperty("role").GetString(), joined.GetProperty("eventId").GetString()));
    }

    [Theory]
    [InlineData("ABCDEFGHJK", ErrorCodes.NotFound)]
    [InlineData("ABC", ErrorCodes.InvalidInput)]
    public async Task An_unknown_or_malformed_badge_is_refused(string badge, string expected)
    {
        var (status, code, body) = await Api.TryJoinWithBadgeAsync(new { badge });
        Assert.True(code == expected && (int)status == ErrorCodes.HttpStatus(expected), body);
    }

    [Fact]
    public async Task Deleting_the_event_removes_its_badge_lookups()
    {
        var created = await CreateAsync();
        var badges = await Api.CreateBadgesAsync(fixture.AdminToken, created.EventId, new { count = 2 });
        await Console.ConsoleApi.DeleteAsync(Api, fixture.AdminToken, created.EventId);

        Assert.Empty(Console.ConsoleApi.SqliteRows(fixture.Server.DataPath, [.. badges.Select(b => BadgeApi.HashOf(b.Code))]));
        var (status, code, _) = await Api.TryJoinWithBadgeAsync(new { badge = badges[0].Code });
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), (status, code));
    }
}
