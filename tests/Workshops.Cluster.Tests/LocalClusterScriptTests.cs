using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;
using Xunit.Abstractions;

namespace Workshops.Cluster.Tests;

/// <summary>deploy/local-cluster.sh as a person runs it: start, status, use, stop.</summary>
public sealed partial class LocalClusterScriptTests(ITestOutputHelper output)
{
    private static string Script => Path.Combine(RepoPaths.Root, "deploy", "local-cluster.sh");

    [Fact]
    public async Task The_script_starts_azurite_and_three_servers_that_form_one_cluster_and_stops_all_of_them()
    {
        using var state = new TempDirectory("local-cluster");
        var ports = Enumerable.Range(0, 12).Select(_ => FreePort.Get()).ToList();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["WORKSHOPS_CLUSTER_DIR"] = state.Path,
            ["WORKSHOPS_SERVER_DLL"] = ServerProcess.ServerDll,
            ["WORKSHOPS_HTTP_PORTS"] = Join(ports[0..3]),
            ["WORKSHOPS_SILO_PORTS"] = Join(ports[3..6]),
            ["WORKSHOPS_GATEWAY_PORTS"] = Join(ports[6..9]),
            ["WORKSHOPS_AZURITE_PORTS"] = Join(ports[9..12]),
        };
        var urls = ports[0..3].Select(p => "http://127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)).ToList();
        try
        {
            var start = await RunAsync("start", environment);
            Assert.True(start.ExitCode == 0, start.Output);
            Assert.All(urls, url => Assert.Contains(url, start.Output, StringComparison.Ordinal));
            var adminKey = AdminKeyLine().Match(start.Output).Groups[1].Value;
            Assert.StartsWith("adm_", adminKey, StringComparison.Ordinal);

            var status = await RunAsync("status", environment);
            Assert.Equal(0, status.ExitCode);
            Assert.Equal(3, Regex.Count(status.Output, "/healthz 200"));

            // One cluster, one storage: an event made through server 1 is read through servers 2 and 3, with tokens from any.
            using var first = new WorkshopsApi(urls[0]);
            var admin = (await first.SignInAsync(adminKey)).Token;
            var created = await first.CreateEventAsync(admin, new EventProgram { Title = "Yerel küme", Workshops = [new() { Title = "Üç sunucu" }] });
            foreach (var url in urls.Skip(1))
            {
                using var other = new WorkshopsApi(url);
                var summary = await other.GetAsync<EventSummary>("api/events/" + created.EventId, admin);
                Assert.Equal("Yerel küme", summary.Title);
                var participant = await other.JoinAsync(created.JoinCode, "Şule");
                Assert.Equal(created.EventId, participant.EventId);
            }

            var pids = Directory.GetFiles(state.Path, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(4, pids.Count);

            var stop = await RunAsync("stop", environment);
            Assert.True(stop.ExitCode == 0, stop.Output);
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} still runs after stop"));
            Assert.Empty(Directory.GetFiles(state.Path, "*.pid"));
            foreach (var url in urls)
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
                await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url + "/healthz"));
            }

            var after = await RunAsync("status", environment);
            Assert.NotEqual(0, after.ExitCode);
            Assert.DoesNotContain("running", after.Output, StringComparison.Ordinal);
        }
        finally
        {
            // Whatever happened above, nothing the script started outlives the test.
            await RunAsync("stop", environment);
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string command, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add(command);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        output.WriteLine($"$ local-cluster.sh {command} -> {process.ExitCode}\n{text}");
        return (process.ExitCode, text);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Join(IEnumerable<int> ports) => string.Join(' ', ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    [GeneratedRegex("Admin key: (\\S+)")]
    private static partial Regex AdminKeyLine();
}
