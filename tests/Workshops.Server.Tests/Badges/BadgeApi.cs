using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workshops.TestHost;

namespace Workshops.Server.Tests.Badges;

/// <summary>The badge routes (PROTOCOL.md section 8) as a script calls them.</summary>
public static class BadgeApi
{
    public sealed record Issued(string BadgeId, string Code, string? Name, string? Organization, string? Group);

    public sealed record IssuedReply(List<Issued> Badges);

    public static async Task<List<Issued>> CreateBadgesAsync(this WorkshopsApi api, string token, string eventId, object body)
    {
        var (status, _, text) = await api.TryAsync(HttpMethod.Post, $"api/events/{eventId}/badges", token, JsonContent.Create(body, options: WorkshopsApi.Json));
        Assert.True(status == HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<IssuedReply>(text, WorkshopsApi.Json)!.Badges;
    }

    public static async Task<JsonElement> ListBadgesAsync(this WorkshopsApi api, string token, string eventId) =>
        (await api.GetAsync<JsonElement>($"api/events/{eventId}/badges", token)).GetProperty("badges");

    public static async Task RevokeBadgeAsync(this WorkshopsApi api, string token, string eventId, string badgeId)
    {
        var (status, _, text) = await api.TryAsync(HttpMethod.Delete, $"api/events/{eventId}/badges/{badgeId}", token);
        Assert.True(status == HttpStatusCode.NoContent, text);
    }

    public static Task<(HttpStatusCode Status, string? Code, string Body)> TryJoinWithBadgeAsync(this WorkshopsApi api, object body, string? token = null) =>
        api.TryAsync(HttpMethod.Post, "api/auth/join", token, JsonContent.Create(body, options: WorkshopsApi.Json));

    public static async Task<JsonElement> JoinWithBadgeAsync(this WorkshopsApi api, string badge, string? displayName = null, string? group = null, string? token = null)
    {
        var (status, _, text) = await api.TryJoinWithBadgeAsync(new { badge, displayName, group }, token);
        Assert.True(status == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>POST /api/events/by-badge: what the join page shows before the badge joins.</summary>
    public static Task<(HttpStatusCode Status, string? Code, string Body)> TryLookUpBadgeAsync(this WorkshopsApi api, string badge) =>
        api.TryAsync(HttpMethod.Post, "api/events/by-badge", null, JsonContent.Create(new { badge }, options: WorkshopsApi.Json));

    /// <summary>What a badge's lookup is stored under (as Secrets.HashBadgeCode).</summary>
    public static string HashOf(string code) => Console.ConsoleApi.HashOf("badge:" + code);
}
