using System.Globalization;
using Workshops.Testing;

namespace Workshops.Cli.Tests;

/// <summary>What the CLI does without any cluster: help, refusals of bad input, and "no cluster here".</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _folder = new("cli-input");

    private static readonly Dictionary<string, string?> Turkish = new() { ["LC_ALL"] = "tr_TR.UTF-8", ["LANG"] = "tr_TR.UTF-8" };

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("", "workshops [command] [options]")]
    [InlineData("event", "workshops event [command] [options]")]
    [InlineData("event create", "workshops event create <PROGRAM> [options]")]
    [InlineData("event show", "workshops event show <EVENT> [options]")]
    [InlineData("export", "workshops export <EVENT> [options]")]
    [InlineData("status", "workshops status [options]")]
    public async Task Help_is_offered_on_every_command(string command, string usage)
    {
        var result = await CliProcess.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"], Turkish);

        Assert.True(result.ExitCode == 0, result.ToString());
        // English under a Turkish locale too, not System.CommandLine's "Kullanım:" around English descriptions.
        Assert.Contains("Usage:" + Environment.NewLine + "  " + usage, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--gateway-port", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Malformed_program_file_exits_2_with_where_it_is_wrong()
    {
        var file = _folder.Combine("bozuk.json");
        await File.WriteAllTextAsync(file, "{ \"title\": \"Toplantı\",\n  \"workshops\": [ { \"title\": \"A\" } \n");

        // No server on this port: the file is refused before any connection is tried.
        var result = await CliProcess.RunAsync(["event", "create", file, "--gateway-port", "1"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("workshops: error: " + file + " is not a valid event program:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 2", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Misspelt_program_member_exits_2_rather_than_taking_defaults()
    {
        var file = _folder.Combine("yazim.json");
        await File.WriteAllTextAsync(file, """{ "title": "Toplantı", "outputArea": ["Etki"], "workshops": [ { "title": "A" } ] }""");

        var result = await CliProcess.RunAsync(["event", "create", file, "--gateway-port", "1"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("outputArea", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_or_empty_program_file_exits_2()
    {
        var missing = await CliProcess.RunAsync(["event", "create", _folder.Combine("yok.json"), "--gateway-port", "1"]);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("does not exist", missing.Stderr, StringComparison.Ordinal);

        var empty = _folder.Combine("null.json");
        await File.WriteAllTextAsync(empty, "null");
        var nothing = await CliProcess.RunAsync(["event", "create", empty, "--gateway-port", "1"]);
        Assert.True(nothing.ExitCode == 2, nothing.ToString());
        Assert.Contains("holds no event program", nothing.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("event")]
    [InlineData("event create")]
    [InlineData("status --gateway-port abc")]
    [InlineData("status --bogus")]
    [InlineData("export")]
    public async Task Bad_command_line_exits_2_and_points_to_help(string command)
    {
        var result = await CliProcess.RunAsync(command.Split(' '));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("workshops: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Bad_cluster_settings_exit_2()
    {
        var mode = await CliProcess.RunAsync(["status", "--mode", "Kubernetes"]);
        Assert.True(mode.ExitCode == 2, mode.ToString());
        Assert.Contains("Kubernetes", mode.Stderr, StringComparison.Ordinal);

        var azure = await CliProcess.RunAsync(["status", "--mode", "AzureTable"]);
        Assert.True(azure.ExitCode == 2, azure.ToString());
        Assert.Contains("connection string", azure.Stderr, StringComparison.Ordinal);

        var port = await CliProcess.RunAsync(["status"], new Dictionary<string, string?> { ["Workshops__Cluster__GatewayPort"] = "otuz bin" });
        Assert.True(port.ExitCode == 2, port.ToString());
        Assert.Contains("otuz bin", port.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("event show e123456789")]
    [InlineData("export e123456789 --format docx")]
    public async Task No_cluster_on_the_port_exits_3_quickly_with_a_clear_message(string command)
    {
        var port = FreePort.Get().ToString(CultureInfo.InvariantCulture);

        var result = await CliProcess.RunAsync([.. command.Split(' '), "--gateway-port", port]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.StartsWith($"workshops: error: the cluster is not reachable at localhost gateway port {port}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Is a server running?", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        // The first refused connection ends it (about 1.5 s here); Orleans alone would retry
        // for ever. The bound is loose for busy CI machines, and still under the 10 s connect timeout plus start-up.
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString());
    }
}
