using System.Globalization;
using System.Text.Json;
using Workshops.Testing;

namespace Workshops.Cli.Tests;

/// <summary>
/// The CLI reads the server's Workshops:Cluster keys. Later sources win: the --config file,
/// then environment variables, then command-line options.
/// </summary>
[Collection(CliServerCollection.Name)]
public sealed class ConfigurationTests(CliServerFixture fixture) : IDisposable
{
    private readonly TempDirectory _folder = new("cli-config");

    public void Dispose() => _folder.Dispose();

    private string Port => fixture.Server.Options.GatewayPort.ToString(CultureInfo.InvariantCulture);

    private static string WrongPort => FreePort.Get().ToString(CultureInfo.InvariantCulture);

    private Dictionary<string, string?> Environment(string port) => new()
    {
        ["Workshops__Cluster__Mode"] = "Localhost",
        ["Workshops__Cluster__GatewayPort"] = port,
        ["Workshops__Cluster__ClusterId"] = fixture.Server.Options.ClusterId,
        ["Workshops__Cluster__ServiceId"] = fixture.Server.Options.ClusterId,
    };

    private async Task<string> ConfigFileAsync(string port)
    {
        var path = _folder.Combine(Guid.NewGuid().ToString("N") + ".json");
        var settings = new
        {
            Logging = new { LogLevel = new { Default = "Information" } },
            Workshops = new { Cluster = new { Mode = "Localhost", ClusterId = fixture.Server.Options.ClusterId, ServiceId = fixture.Server.Options.ClusterId, GatewayPort = int.Parse(port, CultureInfo.InvariantCulture) } },
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(settings));
        return path;
    }

    [Fact]
    public async Task Environment_variables_with_the_server_keys_find_the_cluster()
    {
        var result = await CliProcess.RunAsync(["status", "--json", .. CliServerFixture.Patient], Environment(Port));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("servers").EnumerateArray());
    }

    [Fact]
    public async Task Command_line_options_win_over_environment_variables()
    {
        var wrong = WrongPort;
        var optionWrong = await CliProcess.RunAsync(["status", "--gateway-port", wrong], Environment(Port));
        Assert.True(optionWrong.ExitCode == 3, optionWrong.ToString());
        Assert.Contains("gateway port " + wrong, optionWrong.Stderr, StringComparison.Ordinal);

        var optionRight = await CliProcess.RunAsync(["status", "--gateway-port", Port, .. CliServerFixture.Patient], Environment(WrongPort));
        Assert.True(optionRight.ExitCode == 0, optionRight.ToString());
    }

    [Fact]
    public async Task Environment_variables_win_over_the_config_file_and_the_file_over_defaults()
    {
        var fileAlone = await CliProcess.RunAsync(["status", "--config", await ConfigFileAsync(Port), .. CliServerFixture.Patient]);
        Assert.True(fileAlone.ExitCode == 0, fileAlone.ToString());

        var environmentRight = await CliProcess.RunAsync(["status", "--config", await ConfigFileAsync(WrongPort), .. CliServerFixture.Patient], Environment(Port));
        Assert.True(environmentRight.ExitCode == 0, environmentRight.ToString());

        var wrong = WrongPort;
        var environmentWrong = await CliProcess.RunAsync(["status", "--config", await ConfigFileAsync(Port)], Environment(wrong));
        Assert.True(environmentWrong.ExitCode == 3, environmentWrong.ToString());
        Assert.Contains("gateway port " + wrong, environmentWrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_or_malformed_config_file_exits_2()
    {
        var missing = await CliProcess.RunAsync(["status", "--config", _folder.Combine("yok.json")]);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("does not exist", missing.Stderr, StringComparison.Ordinal);

        var broken = _folder.Combine("bozuk.json");
        await File.WriteAllTextAsync(broken, "{ \"Workshops\": ");
        var malformed = await CliProcess.RunAsync(["status", "--config", broken]);
        Assert.True(malformed.ExitCode == 2, malformed.ToString());
        Assert.Contains("could not be read", malformed.Stderr, StringComparison.Ordinal);
    }
}
