using System.Text.Json;

namespace Workshops.LoadTool.Tests;

/// <summary>
/// The vote storm benchmark (B), run small: it must count every vote, check the tallies and
/// report the figures docs/benchmarks.md copies. These tests check the tool, not a speed.
/// </summary>
public sealed class SmallStormTests
{
    // --timeout-seconds bounds each storm, and with it the tool's own watchdog, well inside test.sh's limit.
    private static readonly string[] Small =
        ["--participants", "40", "--workshops", "2", "--votes", "3", "--ideas", "4", "--warmup-participants", "0", "--timeout-seconds", "60", "--json"];

    [Fact]
    public async Task A_small_storm_against_the_embedded_server_and_the_floor_acknowledges_every_vote_and_finds_the_tallies_exact()
    {
        var (code, report) = await RunAsync(["--self-host", "--compare-floor", .. Small]);

        Assert.Equal(0, code);
        var run = Assert.Single(report.GetProperty("runs").EnumerateArray());
        foreach (var side in new[] { run.GetProperty("result"), run.GetProperty("floor") })
        {
            Assert.Equal(120, side.GetProperty("votesPlanned").GetInt64());
            Assert.Equal(120, side.GetProperty("votesAcknowledged").GetInt64());
            Assert.Empty(side.GetProperty("errorsByCode").EnumerateObject());
            var check = side.GetProperty("check");
            Assert.True(check.GetProperty("exact").GetBoolean(), check.ToString());
            Assert.Equal(120, check.GetProperty("exportedVotes").GetInt64());
            Assert.Equal(2, side.GetProperty("screensConverged").GetInt32());
            Assert.True(side.GetProperty("votesPerSecond").GetDouble() > 0);
        }

        Assert.True(run.GetProperty("votesPerSecondRatio").GetDouble() > 0);

        // Tallies are hidden while voting: a participant hears of the phase, not of every vote.
        var events = run.GetProperty("result").GetProperty("participantEventsInStorm").GetInt64();
        Assert.True(events <= 40, $"the 40 voters were sent {events} events during the storm");

        // The targets of issue 10 are judged in the report, whatever they come to on this machine.
        var targets = report.GetProperty("targets").EnumerateArray().ToList();
        Assert.NotEmpty(targets);
    }

    [Fact]
    public async Task A_storm_against_the_server_in_its_own_process_reports_that_process_CPU_per_vote()
    {
        var (code, report) = await RunAsync(["--spawn-server", .. Small]);

        Assert.Equal(0, code);
        var result = Assert.Single(report.GetProperty("runs").EnumerateArray()).GetProperty("result");
        Assert.Equal(120, result.GetProperty("votesAcknowledged").GetInt64());
        Assert.True(result.GetProperty("check").GetProperty("exact").GetBoolean());
        Assert.True(result.GetProperty("serverCpuMicrosecondsPerVote").GetDouble() > 0);
        Assert.StartsWith("server process sqlite", result.GetProperty("target").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_up_storms_run_before_the_measured_ones_and_are_not_reported()
    {
        string[] args = ["--floor", "--warmup-participants", "8", "--warmup-storms", "3", "--participants", "12", "--workshops", "2", "--ideas", "4", "--timeout-seconds", "60", "--json"];

        var (code, report, progress) = await RunWithProgressAsync(args);

        Assert.Equal(0, code);
        Assert.Equal(3, progress.Split('\n').Count(line => line.Contains("(warm-up)", StringComparison.Ordinal) && line.StartsWith("storm:", StringComparison.Ordinal)));
        Assert.Equal(36, Assert.Single(report.GetProperty("runs").EnumerateArray()).GetProperty("result").GetProperty("votesAcknowledged").GetInt64());
    }

    [Theory]
    [InlineData("--server-env", "NO_EQUALS_SIGN")]
    [InlineData("--warmup-storms", "0")]
    [InlineData("--participants", "zero")]
    [InlineData("--no-such-option")]
    public void A_malformed_command_line_is_refused_before_anything_starts(params string[] args)
    {
        Assert.ThrowsAny<ArgumentException>(() => LoadToolOptions.Parse(args));
    }

    private static async Task<(int Code, JsonElement Report)> RunAsync(string[] args)
    {
        var (code, report, _) = await RunWithProgressAsync(args);
        return (code, report);
    }

    private static async Task<(int Code, JsonElement Report, string Progress)> RunWithProgressAsync(string[] args)
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        var code = await LoadToolApp.RunAsync(LoadToolOptions.Parse(args), output, progress);
        using var json = JsonDocument.Parse(output.ToString());
        return (code, json.RootElement.Clone(), progress.ToString());
    }
}
