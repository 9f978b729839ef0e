using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>POST /api/auth/join and /api/auth/key (PROTOCOL.md section 1).</summary>
[Collection(ServerCollection.Name)]
public sealed class JoinTests(ServerFixture fixture)
{
    [Fact]
    public async Task Rejoining_with_the_previous_token_keeps_the_participant_and_its_spent_votes()
    {
        var created = await fixture.CreateEventAsync(new WorkshopSettings { VotesPerBoard = 2, MaxVotesPerIdea = 1 });
        var workshopId = created.Workshops[0].WorkshopId;
        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        var ideas = new List<string>();
        await using (var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken))
        {
            foreach (var text in new[] { "Birinci", "İkinci", "Üçüncü" })
            {
                ideas.Add((await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = text + " fikir", ClientOpId = text })).IdeaId);
            }

            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        }

        var first = await fixture.Api.JoinAsync(created.JoinCode, "Ayşe", "Kamu kurumu");
        await using (var before = await HubClient.ConnectAsync(fixture.Server.BaseUrl, first.Token))
        {
            await before.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideas[0], "v1");
            var spent = await before.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideas[1], "v2");
            Assert.Equal(0, spent.Remaining);
        }

        // The page reloads and joins again, sending the token it had.
        var again = await fixture.Api.JoinAsync(created.JoinCode, "Ayşe Yılmaz", "Kamu kurumu", previousToken: first.Token);
        Assert.Equal(first.ParticipantId, again.ParticipantId);
        Assert.Equal(created.EventId, again.EventId);
        await using var after = await HubClient.ConnectAsync(fixture.Server.BaseUrl, again.Token);
        var snapshot = await after.JoinAsync(workshopId);
        Assert.Equal(first.ParticipantId, snapshot.Me.ParticipantId);
        Assert.Equal(1, snapshot.Me.Votes[ideas[0]]);
        Assert.Equal(1, snapshot.Me.Votes[ideas[1]]);
        Assert.Equal(0, snapshot.Me.Remaining["b1"]);
        var refused = await Assert.ThrowsAsync<HubException>(() => after.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideas[2], "v3"));
        Assert.StartsWith("vote_limit: ", refused.Message, StringComparison.Ordinal);

        // Without the token the same person is someone new, with a whole budget.
        var stranger = await fixture.Api.JoinAsync(created.JoinCode, "Ayşe", "Kamu kurumu");
        Assert.NotEqual(first.ParticipantId, stranger.ParticipantId);
        await using var fresh = await HubClient.ConnectAsync(fixture.Server.BaseUrl, stranger.Token);
        Assert.Equal(2, (await fresh.JoinAsync(workshopId)).Me.Remaining["b1"]);

        var tallies = await fixture.Api.GetAsync<WorkshopSnapshot>("api/workshops/" + workshopId, staffToken);
        Assert.Equal([1, 1, 0], tallies.Boards[0].Ideas.OrderBy(i => i.CreatedAt).Select(i => i.Votes ?? -1));
    }

    [Fact]
    public async Task A_participant_token_of_another_event_does_not_carry_its_participant_over()
    {
        var home = await fixture.CreateEventAsync();
        var elsewhere = await fixture.CreateEventAsync();
        var there = await fixture.Api.JoinAsync(elsewhere.JoinCode, "Gezgin");
        var here = await fixture.Api.JoinAsync(home.JoinCode, "Gezgin", previousToken: there.Token);
        Assert.Equal(home.EventId, here.EventId);
        Assert.NotEqual(there.ParticipantId, here.ParticipantId);

        // A staff token is no participant either.
        var moderator = (await fixture.Api.SignInAsync(home.ModeratorKey)).Token;
        var joined = await fixture.Api.JoinAsync(home.JoinCode, "Moderatör", previousToken: moderator);
        Assert.Equal(Role.Participant, joined.Role);
        Assert.False(string.IsNullOrEmpty(joined.ParticipantId));
    }

    [Theory]
    [InlineData("Gazeteci")]
    [InlineData("KAMU KURUMU")]
    [InlineData("kamu kurumu")]
    [InlineData("Kamu Kurumu")]
    public async Task Joining_with_a_group_that_is_not_one_of_the_stakeholder_groups_is_refused(string group)
    {
        var created = await fixture.CreateEventAsync();
        using var response = await fixture.Api.Http.PostAsJsonAsync("api/auth/join", new { code = created.JoinCode, displayName = "Biri", group });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.InvalidInput, problem.RootElement.GetProperty("code").GetString());

        // The exact name is accepted, with Turkish letters as written.
        var joined = await fixture.Api.JoinAsync(created.JoinCode, "Biri", "Sivil toplum kuruluşu");
        Assert.Equal(Role.Participant, joined.Role);
    }

    [Fact]
    public async Task Key_sign_in_returns_the_role_and_scope_of_each_key()
    {
        var created = await fixture.CreateEventAsync();

        var moderator = await SignInRawAsync(created.ModeratorKey);
        Assert.Equal("moderator", moderator.GetProperty("role").GetString());
        Assert.Equal(created.EventId, moderator.GetProperty("eventId").GetString());
        Assert.False(moderator.TryGetProperty("workshopId", out _));

        var facilitator = await SignInRawAsync(created.Workshops[1].FacilitatorKey);
        Assert.Equal("facilitator", facilitator.GetProperty("role").GetString());
        Assert.Equal(created.EventId, facilitator.GetProperty("eventId").GetString());
        Assert.Equal(created.Workshops[1].WorkshopId, facilitator.GetProperty("workshopId").GetString());

        var admin = await SignInRawAsync(fixture.Server.AdminKey);
        Assert.Equal("admin", admin.GetProperty("role").GetString());
        Assert.False(admin.TryGetProperty("eventId", out _));

        // The tokens reach what they name: the facilitator's workshop, not its neighbour.
        var facilitatorToken = facilitator.GetProperty("token").GetString()!;
        Assert.Equal(created.Workshops[1].WorkshopId, (await fixture.Api.GetAsync<WorkshopSnapshot>("api/workshops/" + created.Workshops[1].WorkshopId, facilitatorToken)).WorkshopId);
        var neighbour = await fixture.Api.TryAsync(HttpMethod.Get, "api/workshops/" + created.Workshops[0].WorkshopId, facilitatorToken);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (neighbour.Status, neighbour.Code));

        var unknown = await fixture.Api.TryAsync(HttpMethod.Post, "api/auth/key", null, JsonContent.Create(new { key = created.ModeratorKey + "x" }));
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized), (unknown.Status, unknown.Code));
    }

    private async Task<JsonElement> SignInRawAsync(string key)
    {
        using var response = await fixture.Api.Http.PostAsJsonAsync("api/auth/key", new { key });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
