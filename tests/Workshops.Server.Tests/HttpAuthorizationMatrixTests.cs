using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>Every HTTP endpoint against every caller, on a fresh event per case.</summary>
[Collection(MatrixCollection.Name)]
public sealed class HttpAuthorizationMatrixTests(MatrixFixture fixture)
{
    [Theory]
    [MemberData(nameof(AccessRules.HttpCases), MemberType = typeof(AccessRules))]
    public async Task Http_endpoint_is_allowed_or_refused_exactly_as_the_role_table_says(string endpoint, Who who, string expected)
    {
        var scene = await MatrixScene.CreateAsync(fixture);
        var token = await scene.TokenAsync(who);
        var (method, path) = endpoint switch
        {
            "POST /api/events" => (HttpMethod.Post, "api/events"),
            "GET /api/events/{eventId}" => (HttpMethod.Get, "api/events/" + scene.EventId),
            "GET /api/workshops/{workshopId}" => (HttpMethod.Get, "api/workshops/" + scene.WorkshopId),
            "GET /api/events/{eventId}/export" => (HttpMethod.Get, $"api/events/{scene.EventId}/export?format=json"),
            "GET /api/workshops/{workshopId}/export" => (HttpMethod.Get, $"api/workshops/{scene.WorkshopId}/export?format=json"),
            "GET /api/events/by-code/{code}" => (HttpMethod.Get, "api/events/by-code/" + scene.Created.JoinCode),
            "GET /healthz" => (HttpMethod.Get, "healthz"),
            "POST /api/auth/key" => (HttpMethod.Post, "api/auth/key"),
            "POST /api/auth/join" => (HttpMethod.Post, "api/auth/join"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };

        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Content = endpoint switch
        {
            "POST /api/events" => JsonContent.Create(new EventProgram { Title = "Yeni Etkinlik", Workshops = [new() { Title = "Tek" }] }, options: WorkshopsApi.Json),
            "POST /api/auth/key" => JsonContent.Create(new { key = scene.Created.ModeratorKey }),
            "POST /api/auth/join" => JsonContent.Create(new { code = scene.Created.JoinCode, displayName = "Yeniden gelen" }),
            _ => null,
        };

        using var response = await fixture.Api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (expected == AccessRules.Ok)
        {
            Assert.True(response.IsSuccessStatusCode, $"{endpoint} as {who}: {(int)response.StatusCode} {body}");
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            switch (endpoint)
            {
                case "POST /api/events":
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    Assert.StartsWith("e", root.GetProperty("eventId").GetString(), StringComparison.Ordinal);
                    break;
                case "GET /api/events/{eventId}":
                case "GET /api/events/by-code/{code}":
                    Assert.Equal(scene.EventId, root.GetProperty("eventId").GetString());
                    break;
                case "GET /api/workshops/{workshopId}":
                    Assert.Equal(scene.WorkshopId, root.GetProperty("workshopId").GetString());
                    break;
                case "GET /api/events/{eventId}/export":
                case "GET /api/workshops/{workshopId}/export":
                    Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
                    Assert.Equal(scene.EventId, root.GetProperty("eventId").GetString());
                    break;
                case "POST /api/auth/key":
                    Assert.Equal("moderator", root.GetProperty("role").GetString());
                    Assert.Equal(scene.EventId, root.GetProperty("eventId").GetString());
                    break;
                case "POST /api/auth/join":
                    Assert.Equal("participant", root.GetProperty("role").GetString());
                    Assert.Equal(scene.EventId, root.GetProperty("eventId").GetString());
                    break;
                case "GET /healthz":
                    Assert.Equal("ok", root.GetProperty("status").GetString());
                    break;
            }
        }
        else
        {
            Assert.Equal(ErrorCodes.HttpStatus(expected), (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(expected, problem.RootElement.GetProperty("code").GetString());
            if (who == Who.ExpiredToken)
            {
                Assert.Contains("expired", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// The control for the bad-token rows: the same claims, signed with the server's key and
    /// still valid, are accepted; so those rows fail on signature, audience or expiry alone.
    /// </summary>
    [Fact]
    public async Task A_token_minted_with_the_server_key_is_accepted_so_bad_tokens_fail_only_on_what_is_wrong_with_them()
    {
        var scene = await MatrixScene.CreateAsync(fixture);
        var now = DateTime.UtcNow;
        var admin = TestTokens.Sign(ServerOptions.TestSigningKey, [new("role", "admin")], now.AddMinutes(-1), now.AddMinutes(5));
        Assert.Equal(scene.EventId, (await fixture.Api.GetAsync<JsonElement>("api/events/" + scene.EventId, admin)).GetProperty("eventId").GetString());
        var moderator = TestTokens.Sign(ServerOptions.TestSigningKey, [new("role", "moderator"), new("eid", scene.EventId)], now.AddMinutes(-1), now.AddMinutes(5));
        Assert.Equal(scene.EventId, (await fixture.Api.GetAsync<JsonElement>("api/events/" + scene.EventId, moderator)).GetProperty("eventId").GetString());
    }
}
