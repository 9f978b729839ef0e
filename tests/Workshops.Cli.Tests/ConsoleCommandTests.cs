using System.Text.Json;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Cli.Tests;

/// <summary>The organizer's console from the command line: list, edit, delete, keys rotate, join-code new.</summary>
[Collection(CliServerCollection.Name)]
public sealed class ConsoleCommandTests(CliServerFixture fixture)
{
    [Fact]
    public async Task Event_list_json_shows_the_new_event_first_with_its_counts()
    {
        var created = await fixture.CreateSampleEventAsync();

        var result = await fixture.RunAsync("event", "list", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var first = json.RootElement.GetProperty("events").EnumerateArray().First();
        Assert.Equal(created.EventId, first.GetProperty("eventId").GetString());
        Assert.Equal(SampleProgram.Title, first.GetProperty("title").GetString());
        Assert.Equal(5, first.GetProperty("workshops").GetInt32());
        Assert.Equal("open", first.GetProperty("status").GetString());

        var table = await fixture.RunAsync("event", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        var row = Assert.Single(table.Stdout.Split('\n'), l => l.TrimStart().StartsWith(created.EventId + " ", StringComparison.Ordinal));
        Assert.Equal([created.EventId, "2021-11-25", "open", "5", "0", "0", "0"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(7));
    }

    [Fact]
    public async Task Event_edit_renames_adds_a_workshop_and_prints_its_key()
    {
        var created = await fixture.CreateSampleEventAsync();
        using var folder = new Workshops.Testing.TempDirectory("cli-edit");
        var file = folder.Combine("edited.json");
        var program = new
        {
            title = "3. Ulusal Danışma Toplantısı",
            date = "2021-11-26",
            venue = "İstanbul",
            workshops = created.Workshops.Select(w => (object)new { workshopId = w.WorkshopId, title = w.Title })
                .Append(new { title = "Göç ve Uyum" }).ToArray(),
        };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(program));

        var result = await fixture.RunAsync("event", "edit", created.EventId, file, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var updated = JsonSerializer.Deserialize<EventUpdated>(result.Stdout, WorkshopsApi.Json)!;
        Assert.Equal(6, updated.Workshops.Count);
        var added = updated.Workshops[5];
        Assert.Equal("Göç ve Uyum", added.Title);
        Assert.Equal(Role.Facilitator, (await fixture.Api.SignInAsync(added.FacilitatorKey!)).Role);
        Assert.All(updated.Workshops.Take(5), w => Assert.Null(w.FacilitatorKey));
        var show = await fixture.RunAsync("event", "show", created.EventId, "--json");
        using var json = JsonDocument.Parse(show.Stdout);
        Assert.Equal("3. Ulusal Danışma Toplantısı", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("İstanbul", json.RootElement.GetProperty("venue").GetString());
    }

    [Fact]
    public async Task Keys_rotate_prints_a_key_that_signs_in_and_the_old_one_no_longer_does()
    {
        var created = await fixture.CreateSampleEventAsync();
        var workshop = created.Workshops[1];

        var facilitator = await fixture.RunAsync("keys", "rotate", created.EventId, "--role", "facilitator", "--workshop", workshop.WorkshopId);
        var moderator = await fixture.RunAsync("keys", "rotate", created.JoinCode, "--role", "moderator");

        Assert.True(facilitator.ExitCode == 0, facilitator.ToString());
        Assert.True(moderator.ExitCode == 0, moderator.ToString());
        var facilitatorKey = facilitator.Stdout.Trim();
        var moderatorKey = moderator.Stdout.Trim();
        Assert.StartsWith("fac_", facilitatorKey, StringComparison.Ordinal);
        Assert.StartsWith("mod_", moderatorKey, StringComparison.Ordinal);
        Assert.Contains("no longer signs in", facilitator.Stderr, StringComparison.Ordinal);
        Assert.Equal(workshop.WorkshopId, (await fixture.Api.SignInAsync(facilitatorKey)).WorkshopId);
        Assert.Equal(Role.Moderator, (await fixture.Api.SignInAsync(moderatorKey)).Role);
        var old = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Api.SignInAsync(workshop.FacilitatorKey));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, old.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Api.SignInAsync(created.ModeratorKey));

        var missing = await fixture.RunAsync("keys", "rotate", created.EventId, "--role", "facilitator");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        var unknown = await fixture.RunAsync("keys", "rotate", created.EventId, "--role", "facilitator", "--workshop", "enosuch-w1");
        Assert.True(unknown.ExitCode == 4, unknown.ToString());
    }

    [Fact]
    public async Task Join_code_new_prints_a_code_that_joins_and_the_old_one_no_longer_does()
    {
        var created = await fixture.CreateSampleEventAsync();

        var result = await fixture.RunAsync("join-code", "new", created.EventId);

        Assert.True(result.ExitCode == 0, result.ToString());
        var code = result.Stdout.Trim();
        Assert.Equal(6, code.Length);
        Assert.NotEqual(created.JoinCode, code);
        Assert.Equal(created.EventId, (await fixture.Api.JoinAsync(code, "Ayşe")).EventId);
        var old = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Api.JoinAsync(created.JoinCode, "Mehmet"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Event_delete_removes_the_event_and_a_second_delete_exits_4()
    {
        var created = await fixture.CreateSampleEventAsync();

        var result = await fixture.RunAsync("event", "delete", created.EventId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Deleted the event {created.EventId} (\"{SampleProgram.Title}\") and everything in it.", result.Stdout.Trim());
        var show = await fixture.RunAsync("event", "show", created.EventId);
        Assert.True(show.ExitCode == 4, show.ToString());
        var again = await fixture.RunAsync("event", "delete", created.EventId);
        Assert.True(again.ExitCode == 4, again.ToString());
        await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Api.SignInAsync(created.ModeratorKey));
        var list = await fixture.RunAsync("event", "list", "--json");
        Assert.DoesNotContain(created.EventId, list.Stdout, StringComparison.Ordinal);
    }
}
