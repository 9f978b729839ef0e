using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Server.Tests;

/// <summary>
/// Existing data still opens (issue 10, item 7): a data folder written by the server before the
/// core rebuild (Fixtures/LegacyDataV1, see its README) is opened by today's server, which must show
/// the same event as the old one did: the same export, the same snapshots, before and after a
/// restart on the same folder.
/// </summary>
public sealed class LegacyDataFolderTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "LegacyDataV1");

    [Fact]
    public async Task LegacyDataFolder_written_by_v1_opens_with_every_idea_vote_and_output()
    {
        var fixture = Read("fixture.json");
        var expectedExport = Read("expected-export.json");
        var expectedSnapshots = Read("expected-snapshots.json");
        using var data = new TempDirectory("legacy-data");
        foreach (var file in Directory.GetFiles(FixtureFolder, "workshops.db*"))
        {
            File.Copy(file, data.Combine(Path.GetFileName(file)));
        }

        var workshops = new[] { WorkshopId(fixture, 0), WorkshopId(fixture, 1) };
        var legacyRows = workshops.SelectMany(w => new[] { "version workshop/" + w, "workshop workshop/" + w }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(legacyRows, WorkshopRows(data.Path, "SELECT state_name || ' ' || grain_id FROM grain_state"));

        await using (var first = await StartAsync(data.Path))
        {
            await ExpectTheOldEventAsync(first, fixture, expectedExport, expectedSnapshots, "first start");
        }

        // Converted into each workshop's event log; the legacy records are gone from grain_state.
        Assert.Empty(WorkshopRows(data.Path, "SELECT state_name || ' ' || grain_id FROM grain_state"));
        Assert.Equal(workshops.Select(w => "workshop/" + w).Order(StringComparer.Ordinal), WorkshopRows(data.Path, "SELECT stream FROM event_snapshot"));

        // Whatever the first activation wrote (a conversion, say) must open again the same way.
        await using var second = await StartAsync(data.Path);
        await ExpectTheOldEventAsync(second, fixture, expectedExport, expectedSnapshots, "after a restart");

        // The old join code still lets a new person in, with a full budget in the Results workshop.
        using var api = second.Api();
        var newcomer = await api.JoinAsync(fixture["joinCode"]!.GetValue<string>(), "Yeni Katılımcı");
        await using var hub = await HubClient.ConnectAsync(second.BaseUrl, newcomer.Token);
        var seen = await hub.Connection.InvokeAsync<JsonElement>("JoinWorkshop", WorkshopId(fixture, 0));
        Assert.Equal("""{"b1":3,"b2":3,"b3":3}""", seen.GetProperty("me").GetProperty("remaining").GetRawText());
    }

    /// <summary>The rows of the query that name a workshop grain or stream, read around the server.</summary>
    private static List<string> WorkshopRows(string dataPath, string query)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "workshops.db"),
            Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows.Where(r => r.Contains("workshop/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    private static async Task ExpectTheOldEventAsync(ServerHost server, JsonNode fixture, JsonNode expectedExport, JsonNode expectedSnapshots, string when)
    {
        using var api = server.Api();
        var eventId = fixture["eventId"]!.GetValue<string>();

        // The moderator's key (kept only as a hash in the folder) still signs in; the export is the old one.
        var moderator = await api.SignInAsync(fixture["moderatorKey"]!.GetValue<string>());
        Assert.Equal(eventId, moderator.EventId);
        var export = JsonNode.Parse(await GetStringAsync(api, $"api/events/{eventId}/export?format=json", moderator.Token))!;
        ExpectSame(WithoutExportTime(expectedExport), WithoutExportTime(export), "event export, " + when);

        // Each facilitator's key signs in and sees its workshop as before.
        for (var index = 0; index < 2; index++)
        {
            var workshopId = WorkshopId(fixture, index);
            var facilitator = await api.SignInAsync(fixture["workshops"]![index]!["facilitatorKey"]!.GetValue<string>());
            Assert.Equal(workshopId, facilitator.WorkshopId);
            await ExpectSnapshotAsync(server, facilitator.Token, workshopId, expectedSnapshots[$"staff/{workshopId}"]!, when);
        }

        // A participant of the old event: tokens are signed with the test suite's key (as the folder
        // was made with it), so a fresh one for the stored participantId is that person again.
        var ayse = fixture["participants"]!.AsArray().Single(p => p!["label"]!.GetValue<string>() == "ayse")!;
        var token = TestTokens.Sign(
            ServerOptions.TestSigningKey,
            [
                new Claim("role", "participant"),
                new Claim("eid", eventId),
                new Claim("pid", ayse["participantId"]!.GetValue<string>()),
                new Claim("grp", ayse["group"]!.GetValue<string>()),
            ],
            DateTime.UtcNow.AddMinutes(-1),
            DateTime.UtcNow.AddHours(1));
        var w1 = WorkshopId(fixture, 0);
        await ExpectSnapshotAsync(server, token, w1, expectedSnapshots[$"participant/ayse/{w1}"]!, when);
    }

    private static async Task ExpectSnapshotAsync(ServerHost server, string token, string workshopId, JsonNode expected, string when)
    {
        await using var hub = await HubClient.ConnectAsync(server.BaseUrl, token);
        var seen = JsonNode.Parse((await hub.Connection.InvokeAsync<JsonElement>("JoinWorkshop", workshopId)).GetRawText())!;

        // As the fixture's snapshots were taken: one connection at a time, leaving before the next.
        await hub.Connection.InvokeAsync("LeaveWorkshop", workshopId);

        // Normalized, and only these: presence is memory only (`participants`, and the version a
        // presence change takes: a join through a fresh subscription counts the joiner at once,
        // through an attached one a moment later); and every activation announces every count once
        // under the next tally seq (so that clients of an abruptly ended one get exact again),
        // before or after this join. Both numbers only never go back.
        foreach (var counter in new[] { "version", "tallySeq" })
        {
            var before = expected[counter]!.GetValue<long>();
            var now = seen[counter]!.GetValue<long>();
            Assert.True(now >= before, $"{counter} of {workshopId} went back, {when}: {now} < {before}");
        }

        ExpectSame(Normalized(expected), Normalized(seen), $"snapshot of {workshopId}, {when}");
    }

    private static async Task<string> GetStringAsync(WorkshopsApi api, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>exportedAt is the moment of the export: the only field that must differ.</summary>
    private static JsonNode WithoutExportTime(JsonNode export)
    {
        var copy = export.DeepClone();
        Assert.NotNull(copy["exportedAt"]);
        copy.AsObject().Remove("exportedAt");
        return copy;
    }

    private static JsonObject Normalized(JsonNode snapshot)
    {
        var copy = snapshot.DeepClone().AsObject();
        copy.Remove("participants");
        copy.Remove("version");
        copy.Remove("tallySeq");
        return copy;
    }

    private static void ExpectSame(JsonNode expected, JsonNode actual, string what)
    {
        actual = WithoutHallVoteDefaults(actual.DeepClone());
        var differences = JsonDiff.Paths(expected, actual);
        Assert.True(differences.Count == 0, $"{what} differs from the one the old server wrote:\n" + string.Join("\n", differences));
        Assert.True(JsonNode.DeepEquals(expected, actual));
    }

    /// <summary>
    /// The members section 9 added, where they hold what old data must read as (no hands counted,
    /// every idea digital), are taken out: the fixture stays what the old server wrote, and any
    /// other value still shows up as a difference.
    /// </summary>
    private static JsonNode WithoutHallVoteDefaults(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["hallVotes"] is JsonValue hall && hall.GetValueKind() == JsonValueKind.Number && hall.GetValue<int>() == 0)
                {
                    obj.Remove("hallVotes");
                }

                if (obj.ContainsKey("ideaId") && obj["source"] is JsonValue source && source.GetValueKind() == JsonValueKind.String
                    && source.GetValue<string>() == "digital")
                {
                    obj.Remove("source");
                }

                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        WithoutHallVoteDefaults(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        WithoutHallVoteDefaults(child);
                    }
                }

                break;
        }

        return node;
    }

    private static string WorkshopId(JsonNode fixture, int index) => fixture["workshops"]![index]!["workshopId"]!.GetValue<string>();

    private static JsonNode Read(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, name)))!;

    private static Task<ServerHost> StartAsync(string dataPath) =>
        ServerHost.StartAsync(new ServerOptions
        {
            DataPath = dataPath,

            // As the folder was written: the default service id of a real installation.
            Extra = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Workshops:Cluster:ServiceId"] = "workshops" },
        });
}
