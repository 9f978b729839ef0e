using System.Text.Json;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Cli.Tests;

/// <summary>
/// The CLI is an Orleans client calling grains as admin: against a cluster with TLS it gets in
/// only with a certificate of the cluster's authority, and it talks only to servers whose
/// certificate it trusts. Two real servers, so that silo-to-silo traffic goes over TLS too.
/// </summary>
public sealed class ClusterTlsTests(TlsClusterFixture cluster) : IClassFixture<TlsClusterFixture>
{
    private static readonly string[] Patient = ["--timeout", "60"];

    // Refusals come at once; the bound only keeps a broken test from waiting long.
    private static readonly string[] Short = ["--timeout", "20"];

    [Fact]
    public async Task Cli_with_a_certificate_of_the_cluster_authority_sees_both_servers_and_creates_an_event()
    {
        var environment = cluster.CliEnvironment(cluster.Authority.Issue("cli"), cluster.Authority.CaPath);

        var status = await CliProcess.RunAsync(["status", "--json", .. Patient], environment);

        Assert.True(status.ExitCode == 0, status.ToString());
        using (var json = JsonDocument.Parse(status.Stdout))
        {
            // Two servers joined each other over TLS (the silo port) and report to the CLI (the gateway).
            var servers = json.RootElement.GetProperty("servers").EnumerateArray().ToList();
            Assert.Equal(2, servers.Count);
            Assert.All(servers, s => Assert.Equal("Active", s.GetProperty("status").GetString()));
        }

        var create = await CliProcess.RunAsync(["event", "create", CliServerFixture.SampleProgram, "--json", .. Patient], environment);
        Assert.True(create.ExitCode == 0, create.ToString());
        var created = JsonSerializer.Deserialize<EventCreated>(create.Stdout, WorkshopsApi.Json)!;
        using var api = new WorkshopsApi(cluster.Servers[1].BaseUrl);
        Assert.Equal(Role.Moderator, (await api.SignInAsync(created.ModeratorKey)).Role);
    }

    [Fact]
    public async Task Cli_without_a_certificate_cannot_call_a_tls_cluster_and_is_told_about_tls()
    {
        var result = await CliProcess.RunAsync(["event", "create", CliServerFixture.SampleProgram, .. Short], cluster.CliEnvironment());

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.StartsWith("workshops: error: the cluster is not reachable at localhost gateway port", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("If the cluster uses TLS, the CLI needs a certificate too: Workshops:Cluster:Tls:CertificatePath", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Cli_with_a_certificate_of_another_authority_is_refused_by_the_gateway()
    {
        // It trusts the cluster's authority, so only the server's check of the CLI's certificate can refuse it.
        var environment = cluster.CliEnvironment(cluster.Stranger.Issue("intruder"), cluster.Authority.CaPath);

        var result = await CliProcess.RunAsync(["status", "--json", .. Short], environment);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.StartsWith("workshops: error: the cluster is not reachable at localhost gateway port", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(", TLS)", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Cli_that_does_not_trust_the_servers_authority_does_not_talk_to_it()
    {
        // A good certificate for the CLI, but the server's certificate is checked against another authority.
        var environment = cluster.CliEnvironment(cluster.Authority.Issue("cli-suspicious"), cluster.Stranger.CaPath);

        var result = await CliProcess.RunAsync(["status", "--json", .. Short], environment);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Cli_pinning_the_servers_thumbprint_gets_in_and_a_wrong_pin_does_not()
    {
        var environment = cluster.CliEnvironment(cluster.Authority.Issue("cli-pinned"), cluster.Authority.CaPath);
        environment.Remove("Workshops__Cluster__Tls__CaPath");
        environment["Workshops__Cluster__Tls__AllowedThumbprints"] = "00" + cluster.ServerCertificates[0].Thumbprint[2..];

        var wrong = await CliProcess.RunAsync(["status", "--json", .. Short], environment);
        Assert.True(wrong.ExitCode == 3, wrong.ToString());

        // Pins are written with or without colons, in either case.
        environment["Workshops__Cluster__Tls__AllowedThumbprints"] = "AB, " + string.Join(':', cluster.ServerCertificates[0].Thumbprint.ToLowerInvariant().Chunk(2).Select(c => new string(c)));
        var pinned = await CliProcess.RunAsync(["status", "--json", .. Patient], environment);
        Assert.True(pinned.ExitCode == 0, pinned.ToString());
    }

    [Fact]
    public async Task Cli_with_a_certificate_file_that_is_missing_says_which_setting_is_wrong()
    {
        var environment = cluster.CliEnvironment(cluster.Authority.Issue("cli-lost"), cluster.Authority.CaPath);
        environment["Workshops__Cluster__Tls__KeyPath"] = "/nonexistent/tls.key";

        var result = await CliProcess.RunAsync(["status", .. Short], environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("workshops: error: Workshops:Cluster:Tls: KeyPath /nonexistent/tls.key does not exist", result.Stderr.Split('\n')[0].TrimEnd('\r'));
    }
}
