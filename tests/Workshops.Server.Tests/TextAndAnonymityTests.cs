using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>Oversized names, tokens without names, and anonymity that lasts, over HTTP and the hub.</summary>
[Collection(ServerCollection.Name)]
public sealed class TextAndAnonymityTests(ServerFixture fixture)
{
    private static JsonElement TokenPayload(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var bytes = Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='));
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    [Fact]
    public async Task A_display_name_of_one_letter_and_100000_combining_accents_is_refused_with_400()
    {
        var created = await fixture.CreateEventAsync();

        // 600 KB of JSON, as a script would send it: one text element to a count of characters.
        var body = "{\"code\":\"" + created.JoinCode + "\",\"displayName\":\"a" + string.Concat(Enumerable.Repeat("\\u0301", 100_000)) + "\"}";
        var (status, code, _) = await fixture.Api.TryAsync(HttpMethod.Post, "api/auth/join", null, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_input"), (status, code));
        var (bidiStatus, bidiCode, _) = await fixture.Api.TryAsync(HttpMethod.Post, "api/auth/join", null,
            new StringContent("{\"code\":\"" + created.JoinCode + "\",\"displayName\":\"Ay\\u202Eşe\"}", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_input"), (bidiStatus, bidiCode));
    }

    [Fact]
    public async Task A_participant_token_carries_no_name_yet_signed_ideas_show_the_name_given_at_join()
    {
        var created = await fixture.CreateEventAsync(WorkshopSettings.Default with { AnonymousIdeas = false });
        var workshopId = created.Workshops[0].WorkshopId;
        var joined = await fixture.Api.JoinAsync(created.JoinCode, "Ayşe Yılmaz", "Kamu kurumu", organization: "Valilik");

        var claims = TokenPayload(joined.Token);
        Assert.False(claims.TryGetProperty("name", out _));
        Assert.DoesNotContain("Ayşe", claims.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Valilik", claims.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(joined.ParticipantId, claims.GetProperty("pid").GetString());

        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using (var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken))
        {
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        }

        await using var participant = await HubClient.ConnectAsync(fixture.Server.BaseUrl, joined.Token);
        await participant.JoinAsync(workshopId);
        var idea = await participant.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "İmzalı fikir", ClientOpId = "a1" });
        Assert.Equal("Ayşe Yılmaz", idea.Author);
    }

    [Fact]
    public async Task An_idea_written_anonymously_shows_no_author_in_any_view_or_export_after_anonymity_is_turned_off()
    {
        var created = await fixture.CreateEventAsync(WorkshopSettings.Default with { AnonymousIdeas = true });
        var workshopId = created.Workshops[0].WorkshopId;
        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        var moderatorToken = (await fixture.Api.SignInAsync(created.ModeratorKey)).Token;
        var joined = await fixture.Api.JoinAsync(created.JoinCode, "Gizli Yazar");
        await using var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken);
        await staff.JoinAsync(workshopId);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        await using var participant = await HubClient.ConnectAsync(fixture.Server.BaseUrl, joined.Token);
        await participant.JoinAsync(workshopId);
        await participant.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Gizli fikir", ClientOpId = "a1" });

        await staff.Connection.InvokeAsync("UpdateSettings", workshopId, WorkshopSettings.Default with { AnonymousIdeas = false });
        var signed = await participant.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "İmzalı fikir", ClientOpId = "a2" });
        Assert.Equal("Gizli Yazar", signed.Author);

        var snapshot = await staff.JoinAsync(workshopId);
        Assert.Equal(new[] { ("Gizli fikir", (string?)null), ("İmzalı fikir", "Gizli Yazar") }, snapshot.Boards[0].Ideas.Select(i => (i.Text, i.Author)));
        foreach (var format in new[] { "json", "md", "csv" })
        {
            foreach (var path in new[] { $"api/workshops/{workshopId}/export?format={format}", $"api/events/{created.EventId}/export?format={format}" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", moderatorToken);
                using var response = await fixture.Api.Http.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = await response.Content.ReadAsStringAsync();

                // The name appears once: with the signed idea, never with the anonymous one.
                Assert.Equal(1, CountOf(text, "Gizli Yazar"));
                Assert.Contains("Gizli fikir", text, StringComparison.Ordinal);
            }
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
