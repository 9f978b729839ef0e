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
        // Erasing the fixture's shared foreign participant would refuse it in every later case.
        var token = endpoint == "DELETE /api/me" && who == Who.ForeignParticipant
            ? (await fixture.Api.JoinAsync(fixture.ForeignJoinCode, "Yabancı Geçici")).Token
            : await scene.TokenAsync(who);
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
            "GET /api/events" => (HttpMethod.Get, "api/events"),
            "PUT /api/events/{eventId}" => (HttpMethod.Put, "api/events/" + scene.EventId),
            "DELETE /api/events/{eventId}" => (HttpMethod.Delete, "api/events/" + scene.EventId),
            "POST /api/events/{eventId}/keys facilitator" or "POST /api/events/{eventId}/keys moderator" => (HttpMethod.Post, $"api/events/{scene.EventId}/keys"),
            "POST /api/events/{eventId}/join-code" => (HttpMethod.Post, $"api/events/{scene.EventId}/join-code"),
            "POST /api/events/{eventId}/badges" or "GET /api/events/{eventId}/badges" =>
                (endpoint.StartsWith("POST", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, $"api/events/{scene.EventId}/badges"),
            "DELETE /api/events/{eventId}/badges/{badgeId}" => (HttpMethod.Delete, $"api/events/{scene.EventId}/badges/{scene.BadgeId}"),
            "POST /api/auth/join badge" => (HttpMethod.Post, "api/auth/join"),
            "POST /api/events/by-badge" => (HttpMethod.Post, "api/events/by-badge"),
            "GET /api/me" or "DELETE /api/me" => (endpoint.StartsWith("GET", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Delete, "api/me"),
            "GET /api/events/{eventId}/personal-data" => (HttpMethod.Get, $"api/events/{scene.EventId}/personal-data"),
            "DELETE /api/events/{eventId}/personal-data" => (HttpMethod.Delete, $"api/events/{scene.EventId}/personal-data"),
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
            "POST /api/auth/join badge" => JsonContent.Create(new { badge = scene.BadgeCode, displayName = "Kartlı" }),
            "POST /api/events/by-badge" => JsonContent.Create(new { badge = scene.BadgeCode }),
            "POST /api/events/{eventId}/badges" => JsonContent.Create(new { people = new[] { new { name = "Ayşe", group = "Kamu kurumu" } } }),
            "PUT /api/events/{eventId}" => JsonContent.Create(new
            {
                title = "Düzenlenmiş",
                workshops = scene.Created.Workshops.Select(w => new { workshopId = w.WorkshopId, title = w.Title + " (yeni)" }).ToArray(),
            }),
            "POST /api/events/{eventId}/keys facilitator" => JsonContent.Create(new { role = "facilitator", workshopId = scene.WorkshopId }),
            "POST /api/events/{eventId}/keys moderator" => JsonContent.Create(new { role = "moderator" }),
            _ => null,
        };

        var writes = endpoint.StartsWith("PUT ", StringComparison.Ordinal) || endpoint.StartsWith("DELETE ", StringComparison.Ordinal)
            || endpoint.StartsWith("POST /api/events/{eventId}/", StringComparison.Ordinal);
        var before = writes ? await scene.EventFingerprintAsync() : null;

        using var response = await fixture.Api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (expected == AccessRules.Ok)
        {
            Assert.True(response.IsSuccessStatusCode, $"{endpoint} as {who}: {(int)response.StatusCode} {body}");
            if (endpoint == "DELETE /api/events/{eventId}/badges/{badgeId}")
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                Assert.NotEqual(before, await scene.EventFingerprintAsync());
                return;
            }

            if (endpoint == "DELETE /api/events/{eventId}")
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                Assert.Equal(ErrorCodes.NotFound, (await fixture.Api.TryAsync(HttpMethod.Get, "api/events/" + scene.EventId, fixture.AdminToken)).Code);
                return;
            }

            if (endpoint == "DELETE /api/me")
            {
                // Erased: the token stops working.
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                Assert.Equal(ErrorCodes.Unauthorized, (await fixture.Api.TryAsync(HttpMethod.Get, "api/me", token)).Code);
                return;
            }

            if (endpoint == "DELETE /api/events/{eventId}/personal-data")
            {
                // Purged: the name the scene's participant gave is gone from the event's export.
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                var me = await fixture.Api.GetAsync<JsonElement>("api/me", scene.ParticipantToken);
                Assert.False(me.TryGetProperty("displayName", out _), me.GetRawText());
                return;
            }

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
                case "POST /api/events/by-badge":
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
                case "POST /api/auth/join badge":
                    Assert.Equal("participant", root.GetProperty("role").GetString());
                    Assert.Equal(scene.EventId, root.GetProperty("eventId").GetString());
                    break;
                case "POST /api/events/{eventId}/badges":
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    Assert.Equal("Ayşe", Assert.Single(root.GetProperty("badges").EnumerateArray()).GetProperty("name").GetString());
                    Assert.NotEqual(before, await scene.EventFingerprintAsync());
                    break;
                case "GET /api/events/{eventId}/badges":
                    Assert.Equal(scene.BadgeId, Assert.Single(root.GetProperty("badges").EnumerateArray()).GetProperty("badgeId").GetString());
                    break;
                case "GET /healthz":
                    Assert.Equal("ok", root.GetProperty("status").GetString());
                    break;
                case "GET /api/events":
                    Assert.Contains(root.GetProperty("events").EnumerateArray(), e => e.GetProperty("eventId").GetString() == scene.EventId);
                    break;
                case "PUT /api/events/{eventId}":
                    Assert.Equal(scene.EventId, root.GetProperty("eventId").GetString());
                    Assert.NotEqual(before, await scene.EventFingerprintAsync());
                    break;
                case "POST /api/events/{eventId}/keys facilitator":
                    Assert.StartsWith("fac_", root.GetProperty("key").GetString(), StringComparison.Ordinal);
                    break;
                case "POST /api/events/{eventId}/keys moderator":
                    Assert.StartsWith("mod_", root.GetProperty("key").GetString(), StringComparison.Ordinal);
                    break;
                case "POST /api/events/{eventId}/join-code":
                    Assert.NotEqual(scene.Created.JoinCode, root.GetProperty("joinCode").GetString());
                    break;
                case "GET /api/me":
                    Assert.StartsWith("p", root.GetProperty("participantId").GetString(), StringComparison.Ordinal);
                    Assert.Equal(JsonValueKind.Array, root.GetProperty("ideas").ValueKind);
                    Assert.Equal(JsonValueKind.Array, root.GetProperty("votes").ValueKind);
                    break;
                case "GET /api/events/{eventId}/personal-data":
                    Assert.Equal(30, root.GetProperty("retentionDays").GetInt32());
                    Assert.Equal(0, root.GetProperty("purges").GetArrayLength());
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

            if (who is Who.RevokedToken or Who.DeletedEventToken)
            {
                Assert.Contains("revoked", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            if (before is not null)
            {
                Assert.Equal(before, await scene.EventFingerprintAsync());
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
        var admin = TestTokens.Sign(ServerOptions.TestSigningKey, [new("role", "admin"), new("akid", TestTokens.AdminKeyId(ServerOptions.TestAdminKey))], now.AddMinutes(-1), now.AddMinutes(5));
        Assert.Equal(scene.EventId, (await fixture.Api.GetAsync<JsonElement>("api/events/" + scene.EventId, admin)).GetProperty("eventId").GetString());
        var moderator = TestTokens.Sign(ServerOptions.TestSigningKey, [new("role", "moderator"), new("eid", scene.EventId)], now.AddMinutes(-1), now.AddMinutes(5));
        Assert.Equal(scene.EventId, (await fixture.Api.GetAsync<JsonElement>("api/events/" + scene.EventId, moderator)).GetProperty("eventId").GetString());
    }

    /// <summary>
    /// Changing Workshops:AdminKey ends the old admin tokens: a correctly signed admin token
    /// from another admin key, or with none, is refused.
    /// </summary>
    [Fact]
    public async Task An_admin_token_of_another_admin_key_is_refused()
    {
        var now = DateTime.UtcNow;
        var other = TestTokens.Sign(ServerOptions.TestSigningKey, [new("role", "admin"), new("akid", TestTokens.AdminKeyId("adm_an-earlier-admin-key"))], now.AddMinutes(-1), now.AddMinutes(5));
        var none = TestTokens.Sign(ServerOptions.TestSigningKey, [new("role", "admin")], now.AddMinutes(-1), now.AddMinutes(5));
        foreach (var token in new[] { other, none })
        {
            var (status, code, body) = await fixture.Api.TryAsync(HttpMethod.Get, "api/events", token);
            Assert.True(status == HttpStatusCode.Unauthorized && code == ErrorCodes.Unauthorized, body);
        }

        Assert.Equal(JsonValueKind.Array, (await fixture.Api.GetAsync<JsonElement>("api/events", fixture.AdminToken)).GetProperty("events").ValueKind);
    }
}
