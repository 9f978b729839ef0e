using System.Diagnostics;
using System.Text.Json;
using Workshops.Testing;

namespace Workshops.Server.Tests;

/// <summary>
/// The whole workshop again, but driven by the official JavaScript client (@microsoft/signalr
/// in Node, tests/node/scenario.mjs), so that the wire format is proven against the client
/// browsers actually use, not only the .NET one.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class JavaScriptClientTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_official_javascript_client_runs_a_whole_workshop_and_sees_every_version()
    {
        await NodePackages.EnsureInstalledAsync();
        Assert.True(File.Exists(Path.Combine(RepoPaths.TestsNode, "node_modules", "@microsoft", "signalr", "package.json")),
            "tests/node/node_modules/@microsoft/signalr is missing: run npm ci in tests/node");
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;

        var (exitCode, stdout, stderr) = await RunNodeAsync(
            "scenario.mjs", fixture.Server.BaseUrl, workshopId, created.Workshops[0].FacilitatorKey, created.JoinCode);

        Assert.True(exitCode == 0, $"scenario.mjs exited with {exitCode}\nstderr: {stderr}\nstdout: {stdout}");
        var lastLine = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        using var summary = JsonDocument.Parse(lastLine);
        var root = summary.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("Closed", root.GetProperty("phase").GetString());
        Assert.Equal(3, root.GetProperty("tallies").GetProperty("Engelli bireyler için erişilebilir ulaşım").GetInt32());
        Assert.Equal(1, root.GetProperty("tallies").GetProperty("Işık ve ses uyarıları").GetInt32());
        var output = root.GetProperty("output");
        Assert.Equal("Erişilebilir ulaşım ve uyarı sistemleri", output.GetProperty("text").GetString());
        Assert.Equal(4, output.GetProperty("votes").GetInt32());
        Assert.Equal("facilitator", output.GetProperty("source").GetString());
        Assert.StartsWith("wrong_phase: ", root.GetProperty("refusal").GetString(), StringComparison.Ordinal);

        // Participants heard of ideas, phases, tallies (once shown) and outputs; the facilitator too.
        foreach (var person in root.GetProperty("received").EnumerateObject())
        {
            var names = person.Value.EnumerateArray().Select(n => n.GetString()).ToList();
            Assert.Contains("ideaAdded", names);
            Assert.Contains("phaseChanged", names);
            Assert.Contains("talliesChanged", names);
            Assert.Contains("outputChanged", names);
        }

        // The server's own view agrees with what the script saw (the version may have moved on
        // since: the script's people leaving changes the presence count).
        var final = await fixture.Api.GetAsync<JsonElement>("api/workshops/" + workshopId, fixture.AdminToken);
        Assert.Equal("Closed", final.GetProperty("phase").GetString());
        Assert.True(final.GetProperty("version").GetInt64() >= root.GetProperty("finalVersion").GetInt64());
        var serverTallies = final.GetProperty("boards")[0].GetProperty("ideas").EnumerateArray()
            .ToDictionary(i => i.GetProperty("text").GetString()!, i => i.GetProperty("votes").GetInt32(), StringComparer.Ordinal);
        var scriptTallies = root.GetProperty("tallies").EnumerateObject()
            .ToDictionary(t => t.Name, t => t.Value.GetInt32(), StringComparer.Ordinal);
        Assert.Equal(scriptTallies, serverTallies);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.TestsNode,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in 90 s: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
