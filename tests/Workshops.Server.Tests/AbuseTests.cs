using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>What a careless or hostile client sends, and what the server answers.</summary>
[Collection(ServerCollection.Name)]
public sealed class AbuseTests(ServerFixture fixture)
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_hub_message_over_32_KB_is_refused_by_closing_the_connection_and_changes_nothing()
    {
        var (workshopId, staffToken, token, _) = await BrainstormAsync();
        await using var phone = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        await phone.JoinAsync(workshopId);
        var before = await FingerprintAsync(workshopId, staffToken);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.Connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };

        var huge = new string('ş', 40 * 1024);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            phone.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = huge, ClientOpId = "huge" }));
        var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(error);
        Assert.Equal(HubConnectionState.Disconnected, phone.Connection.State);
        Assert.Equal(before, await FingerprintAsync(workshopId, staffToken));

        // Long but under the frame limit: an ordinary refusal, the connection stays.
        await using var again = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        var tooLong = await Assert.ThrowsAsync<HubException>(() =>
            again.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = new string('ğ', 3000), ClientOpId = "long" }));
        Assert.StartsWith("invalid_input: ", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, again.Connection.State);
        Assert.Equal(before, await FingerprintAsync(workshopId, staffToken));
    }

    [Theory]
    [InlineData("DropTables", "cannot invoke 'DropTables': ")]
    [InlineData("StartTimer", "cannot invoke 'StartTimer': ")]
    [InlineData("CastVote", "cannot invoke 'CastVote': ")]
    [InlineData("AddIdea", "cannot invoke 'AddIdea': ")]
    public async Task A_hub_call_with_malformed_arguments_is_refused_with_invalid_input_and_keeps_the_connection(string method, string message)
    {
        var (workshopId, staffToken, token, _) = await BrainstormAsync();
        await using var phone = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        var before = await FingerprintAsync(workshopId, staffToken);
        object?[] args = method switch
        {
            "StartTimer" => [workshopId, "beş dakika"],
            "CastVote" => [workshopId],
            "AddIdea" => [workshopId, new { boardId = 1, text = new[] { "dizi" } }],
            _ => [workshopId],
        };

        var refused = await Assert.ThrowsAsync<HubException>(() => phone.Connection.InvokeCoreAsync(method, args));
        Assert.StartsWith("invalid_input: " + message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, phone.Connection.State);
        Assert.Equal(before, await FingerprintAsync(workshopId, staffToken));
        await phone.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Sonra doğru çağrı", ClientOpId = "ok" });
    }

    [Fact]
    public async Task Idea_text_with_markup_round_trips_as_the_exact_string_everywhere()
    {
        var (workshopId, staffToken, token, joinCode) = await BrainstormAsync();
        await using var author = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        await using var reader = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(joinCode, "Okuyan")).Token);
        await reader.JoinAsync(workshopId);

        var idea = await author.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = Markup, ClientOpId = "xss" });
        Assert.Equal(Markup, idea.Text);
        var pushed = await reader.WaitForAsync(e => e.Name == EventNames.IdeaAdded);
        Assert.Equal(Markup, pushed.Payload.GetProperty("idea").GetProperty("text").GetString());

        // Over HTTP: JSON (never HTML), and the string parses back to exactly what was typed.
        using var response = await Get("api/workshops/" + workshopId, token);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("&lt;", body, StringComparison.Ordinal);
        Assert.DoesNotContain("&gt;", body, StringComparison.Ordinal);
        var texts = JsonNode.Parse(body)!["boards"]![0]!["ideas"]!.AsArray().Select(i => i!["text"]!.GetValue<string>());
        Assert.Contains(Markup, texts);

        using var export = await Get($"api/workshops/{workshopId}/export?format=json", staffToken);
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!;
        Assert.Contains(Markup, exported["workshops"]![0]!["boards"]![0]!["ideas"]!.AsArray().Select(i => i!["text"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("api/events", "{\"title\": \"Yarım", true)]
    [InlineData("api/events", "[1, 2, 3]", true)]
    [InlineData("api/events", "{\"title\": 5, \"workshops\": [{\"title\": \"A\"}]}", true)]
    [InlineData("api/auth/join", "kod: ABCDEF", false)]
    [InlineData("api/auth/key", "{\"key\": ", false)]
    public async Task A_malformed_JSON_body_is_refused_with_400_invalid_input(string path, string body, bool asAdmin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (asAdmin)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminToken);
        }

        using var response = await fixture.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidInput, await ProblemCodeAsync(response));
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("JSON")]
    [InlineData("")]
    [InlineData("docx ")]
    public async Task An_unknown_export_format_is_refused_with_400_invalid_input(string format)
    {
        var created = await fixture.CreateEventAsync();
        var moderator = (await fixture.Api.SignInAsync(created.ModeratorKey)).Token;
        using var forEvent = await Get($"api/events/{created.EventId}/export?format={Uri.EscapeDataString(format)}", moderator);
        Assert.Equal(HttpStatusCode.BadRequest, forEvent.StatusCode);
        Assert.Equal(ErrorCodes.InvalidInput, await ProblemCodeAsync(forEvent));
        using var forWorkshop = await Get($"api/workshops/{created.Workshops[0].WorkshopId}/export?format={Uri.EscapeDataString(format)}", moderator);
        Assert.Equal(HttpStatusCode.BadRequest, forWorkshop.StatusCode);
        Assert.Equal(ErrorCodes.InvalidInput, await ProblemCodeAsync(forWorkshop));
    }

    [Fact]
    public async Task Healthz_answers_200_ok_without_a_token()
    {
        using var response = await fixture.Api.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    private async Task<(string WorkshopId, string StaffToken, string Token, string JoinCode)> BrainstormAsync()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using (var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken))
        {
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        }

        return (workshopId, staffToken, (await fixture.Api.JoinAsync(created.JoinCode, "Deneyen")).Token, created.JoinCode);
    }

    private async Task<string> FingerprintAsync(string workshopId, string token)
    {
        var snapshot = (await fixture.Api.GetAsync<JsonObject>("api/workshops/" + workshopId, token))!;
        snapshot.Remove("version");
        snapshot.Remove("participants");
        return snapshot.ToJsonString();
    }

    private Task<HttpResponseMessage> Get(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return fixture.Api.Http.SendAsync(request);
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString();
    }
}
