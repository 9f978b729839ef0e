using System.Text.Json;
using System.Text.RegularExpressions;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Cli.Tests;

[Collection(CliServerCollection.Name)]
public sealed partial class EventCommandTests(CliServerFixture fixture)
{
    [Fact]
    public void Sample_program_is_the_consultation_meeting()
    {
        // Guards the expectations below: they are about this file.
        var program = SampleProgram.Read();
        Assert.Equal(SampleProgram.Title, program.Title);
        Assert.Equal(SampleProgram.WorkshopTitles, program.Workshops.Select(w => w.Title));
    }

    [Fact]
    public async Task Event_create_prints_join_code_and_keys_that_work_and_says_they_are_shown_once()
    {
        var result = await fixture.RunAsync("event", "create", CliServerFixture.SampleProgram);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        Assert.Contains("Created the event \"" + SampleProgram.Title + "\" (2021-11-25, Ankara).", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("shown only this once", result.Stdout, StringComparison.Ordinal);
        foreach (var title in SampleProgram.WorkshopTitles)
        {
            Assert.Contains(title, result.Stdout, StringComparison.Ordinal);
        }

        var joinCode = JoinCodeLine().Match(result.Stdout).Groups[1].Value;
        var moderatorKey = ModeratorKeyLine().Match(result.Stdout).Groups[1].Value;
        var facilitatorKeys = FacilitatorKeyLine().Matches(result.Stdout).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(6, joinCode.Length);
        Assert.Equal(5, facilitatorKeys.Count);

        // The printed secrets are the real ones: each signs in with its role.
        var moderator = await fixture.Api.SignInAsync(moderatorKey);
        Assert.Equal(Role.Moderator, moderator.Role);
        var facilitator = await fixture.Api.SignInAsync(facilitatorKeys[4]);
        Assert.Equal(Role.Facilitator, facilitator.Role);
        Assert.Equal(moderator.EventId, facilitator.EventId);
        var joined = await fixture.Api.JoinAsync(joinCode, "Ayşe");
        Assert.Equal(moderator.EventId, joined.EventId);
    }

    [Fact]
    public async Task Event_create_json_and_event_show_json_give_back_the_program()
    {
        var result = await fixture.RunAsync("event", "create", CliServerFixture.SampleProgram, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        // stdout is JSON alone, for scripts; the warning goes to stderr.
        Assert.Contains("shown only this once", result.Stderr, StringComparison.Ordinal);
        var created = JsonSerializer.Deserialize<EventCreated>(result.Stdout, WorkshopsApi.Json)!;
        Assert.Equal(SampleProgram.WorkshopTitles, created.Workshops.Select(w => w.Title));
        Assert.All(created.Workshops, w => Assert.StartsWith("fac_", w.FacilitatorKey, StringComparison.Ordinal));
        Assert.StartsWith("mod_", created.ModeratorKey, StringComparison.Ordinal);

        var show = await fixture.RunAsync("event", "show", created.EventId, "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        using var json = JsonDocument.Parse(show.Stdout);
        var root = json.RootElement;
        Assert.Equal(created.EventId, root.GetProperty("eventId").GetString());
        Assert.Equal(SampleProgram.Title, root.GetProperty("title").GetString());
        Assert.Equal("2021-11-25", root.GetProperty("date").GetString());
        Assert.Equal("Ankara", root.GetProperty("venue").GetString());
        Assert.Equal("tr", root.GetProperty("language").GetString());
        Assert.Equal(created.JoinCode, root.GetProperty("joinCode").GetString());
        Assert.Equal(["Etki", "Sürdürülebilirlik", "İş Birliği"], root.GetProperty("outputAreas").EnumerateArray().Select(a => a.GetString()));
        var workshops = root.GetProperty("workshops").EnumerateArray().ToList();
        Assert.Equal(created.Workshops.Select(w => w.WorkshopId), workshops.Select(w => w.GetProperty("workshopId").GetString()));
        Assert.Equal(SampleProgram.WorkshopTitles, workshops.Select(w => w.GetProperty("title").GetString()));
        Assert.All(workshops, w => Assert.Equal("Setup", w.GetProperty("phase").GetString()));
        Assert.All(workshops, w => Assert.Equal(0, w.GetProperty("ideas").GetInt32()));
    }

    [Fact]
    public async Task Event_show_finds_the_event_by_its_join_code_typed_loosely()
    {
        var created = await fixture.CreateSampleEventAsync();
        var typed = created.JoinCode[..3].ToLowerInvariant() + "-" + created.JoinCode[3..].ToLowerInvariant();

        var show = await fixture.RunAsync("event", "show", typed, "--json");

        Assert.True(show.ExitCode == 0, show.ToString());
        using var json = JsonDocument.Parse(show.Stdout);
        Assert.Equal(created.EventId, json.RootElement.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Event_create_reads_the_program_from_stdin()
    {
        var program = """{ "title": "Gençlik Çalıştayı", "language": "en", "workshops": [ { "title": "Işık ve İklim" } ] }""";

        var result = await CliProcess.RunAsync(["event", "create", "-", "--json", .. fixture.ClusterArgs], stdin: program);

        Assert.True(result.ExitCode == 0, result.ToString());
        var created = JsonSerializer.Deserialize<EventCreated>(result.Stdout, WorkshopsApi.Json)!;
        Assert.Equal("Işık ve İklim", Assert.Single(created.Workshops).Title);
        var show = await fixture.RunAsync("event", "show", created.EventId, "--json");
        using var json = JsonDocument.Parse(show.Stdout);
        Assert.Equal("Gençlik Çalıştayı", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("en", json.RootElement.GetProperty("language").GetString());
        Assert.Equal(EventProgram.DefaultOutputAreas, json.RootElement.GetProperty("outputAreas").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Event_show_prints_a_readable_summary_with_each_workshop()
    {
        var created = await fixture.CreateSampleEventAsync();
        await fixture.AddIdeaAsync(created.Workshops[2], "Yerel gıda kooperatifleri desteklenmeli");

        var show = await fixture.RunAsync("event", "show", created.EventId);

        Assert.True(show.ExitCode == 0, show.ToString());
        var lines = show.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(SampleProgram.Title, lines[0]);
        Assert.Contains(lines, l => l == "  Join code           " + created.JoinCode);
        Assert.Contains(lines, l => l == "  Output areas        Etki, Sürdürülebilirlik, İş Birliği");
        // One row per workshop: id, phase, people, ideas, votes, title.
        var third = Assert.Single(lines, l => l.TrimStart().StartsWith(created.Workshops[2].WorkshopId + " ", StringComparison.Ordinal));
        Assert.Equal([created.Workshops[2].WorkshopId, "Setup", "0", "1", "0"], third.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5));
        Assert.EndsWith("Çevre, İklim, Gıda ve Enerji", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_create_refused_by_the_cluster_exits_2_with_its_reason()
    {
        using var folder = new Workshops.Testing.TempDirectory("cli-program");
        var file = folder.Combine("empty.json");
        await File.WriteAllTextAsync(file, """{ "title": "Boş Toplantı", "workshops": [] }""");

        var result = await fixture.RunAsync("event", "create", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal("workshops: error: invalid input: an event has 1 to 100 workshops", result.Stderr.Trim());
    }

    [Fact]
    public async Task Unknown_event_or_join_code_exits_4()
    {
        var show = await fixture.RunAsync("event", "show", "enosuchevnt");
        Assert.True(show.ExitCode == 4, show.ToString());
        Assert.Contains("not found", show.Stderr, StringComparison.Ordinal);
        Assert.Equal("", show.Stdout);

        var byCode = await fixture.RunAsync("event", "show", "ZZZZ22");
        Assert.True(byCode.ExitCode == 4, byCode.ToString());
        Assert.Contains("ZZZZ22", byCode.Stderr, StringComparison.Ordinal);

        var export = await fixture.RunAsync("export", "enosuchevnt", "--format", "md");
        Assert.True(export.ExitCode == 4, export.ToString());
    }

    [GeneratedRegex(@"^  Join code\s+([A-Z0-9]{6})\b", RegexOptions.Multiline)]
    private static partial Regex JoinCodeLine();

    [GeneratedRegex(@"^  Moderator key\s+(mod_\S+)", RegexOptions.Multiline)]
    private static partial Regex ModeratorKeyLine();

    [GeneratedRegex(@"^\s+facilitator key\s+(fac_\S+)", RegexOptions.Multiline)]
    private static partial Regex FacilitatorKeyLine();
}
