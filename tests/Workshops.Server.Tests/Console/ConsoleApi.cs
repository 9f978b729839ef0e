using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests.Console;

/// <summary>The console routes as a script calls them, and what tests read back.</summary>
public static class ConsoleApi
{
    public sealed record Updated(string EventId, List<UpdatedWorkshop> Workshops);

    public sealed record UpdatedWorkshop(string WorkshopId, string Title, string? FacilitatorKey);

    public static Task<Updated> UpdateAsync(this WorkshopsApi api, string token, string eventId, object program) =>
        api.SendAsync<Updated>(HttpMethod.Put, "api/events/" + eventId, token, program);

    public static async Task<string> RotateAsync(this WorkshopsApi api, string token, string eventId, string role, string? workshopId = null) =>
        (await api.SendAsync<JsonElement>(HttpMethod.Post, $"api/events/{eventId}/keys", token, new { role, workshopId })).GetProperty("key").GetString()!;

    public static async Task<string> NewJoinCodeAsync(this WorkshopsApi api, string token, string eventId) =>
        (await api.SendAsync<JsonElement>(HttpMethod.Post, $"api/events/{eventId}/join-code", token, new { })).GetProperty("joinCode").GetString()!;

    public static async Task<HttpStatusCode> DeleteAsync(this WorkshopsApi api, string token, string eventId)
    {
        var (status, _, body) = await api.TryAsync(HttpMethod.Delete, "api/events/" + eventId, token);
        Assert.True(status == HttpStatusCode.NoContent, body);
        return status;
    }

    public static Task<(HttpStatusCode Status, string? Code, string Body)> TryJsonAsync(this WorkshopsApi api, HttpMethod method, string path, string? token, object body) =>
        api.TryAsync(method, path, token, JsonContent.Create(body, options: WorkshopsApi.Json));

    /// <summary>The program of an event as the edit form would send it back: every workshop kept by id.</summary>
    public static object ProgramOf(EventCreated created, string title = "Test Toplantısı") => new
    {
        title,
        date = "2026-11-26",
        venue = "İzmir",
        workshops = created.Workshops.Select(w => new { workshopId = w.WorkshopId, title = w.Title }).ToArray(),
    };

    /// <summary>The grain ids of every SQLite row whose id mentions one of <paramref name="needles"/>.</summary>
    public static List<string> SqliteRows(string dataPath, params string[] needles)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "workshops.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // Grain records, and the streams of the workshops' event logs (entries or snapshot).
        command.CommandText = "SELECT state_name || ' ' || grain_id FROM grain_state"
            + " UNION ALL SELECT 'log ' || stream FROM (SELECT stream FROM event_log UNION SELECT stream FROM event_snapshot)";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var row = reader.GetString(0);
            if (needles.Any(n => row.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>What the event's keys are stored under (their SHA-256, as Secrets.HashKey).</summary>
    public static string HashOf(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    public static string[] StorageNeedles(EventCreated created) =>
    [
        created.EventId, created.JoinCode, HashOf(created.ModeratorKey), .. created.Workshops.Select(w => HashOf(w.FacilitatorKey)),
    ];
}
