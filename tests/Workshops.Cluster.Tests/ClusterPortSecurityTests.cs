using System.Net;
using System.Net.Sockets;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Cluster.Tests;

/// <summary>
/// The Orleans silo and gateway ports carry every grain call and have no authentication of
/// their own: they stay on loopback unless configured otherwise, and a server that opens them
/// beyond loopback has TLS, or says loudly that it has none.
/// </summary>
public sealed class ClusterPortSecurityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Refusal = "and no certificate is configured: whoever reaches them could call every grain as admin";

    [Fact]
    public async Task Localhost_mode_listens_on_127_0_0_1_only()
    {
        await using var cluster = new ProcessCluster();
        var server = await cluster.StartAsync(new ServerOptions { StorageProvider = "Memory" });

        await AssertLoopbackOnlyAsync(server.Options);
    }

    [Fact]
    public async Task AzureTable_mode_with_a_loopback_address_listens_on_127_0_0_1_only()
    {
        // What deploy/local-cluster.sh runs: no certificate needed, nothing reachable from outside.
        await using var cluster = new ProcessCluster();
        var server = await cluster.StartAsync(new ServerOptions
        {
            StorageProvider = "Memory",
            ClusterMode = "AzureTable",
            AzureConnectionString = azurite.ConnectionString,
            Extra = new Dictionary<string, string?> { ["Workshops:Cluster:AdvertisedAddress"] = "127.0.0.1" },
        });

        await AssertLoopbackOnlyAsync(server.Options);
        Assert.DoesNotContain("INSECURE", server.RecentOutput, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ExposedModes => new()
    {
        // The refusal comes before anything listens or connects: a documentation address will do.
        { "AzureTable", "203.0.113.7" },
        { "Kubernetes", "" },
    };

    [Theory]
    [MemberData(nameof(ExposedModes))]
    public async Task A_server_with_orleans_ports_beyond_loopback_and_no_certificate_refuses_to_start_and_says_why(string mode, string advertised)
    {
        using var data = new TempDirectory("exposed-refused");
        var options = new ServerOptions
        {
            StorageProvider = "Memory",
            ClusterMode = mode,
            AzureConnectionString = azurite.ConnectionString,
            Extra = new Dictionary<string, string?> { ["Workshops:Cluster:AdvertisedAddress"] = advertised.Length > 0 ? advertised : null },
        };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(options, data.Path, timeout: TimeSpan.FromSeconds(60)));

        Assert.StartsWith("the server exited with", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"Workshops:Cluster:Mode={mode} opens the Orleans silo port {options.SiloPort} and gateway port {options.GatewayPort} beyond loopback, " + Refusal, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Set Workshops:Cluster:Tls:CertificatePath, KeyPath and CaPath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("or Workshops:Cluster:AllowInsecure=true", refused.Message, StringComparison.Ordinal);
        Assert.Empty(ListeningSockets.AddressesOn(options.GatewayPort));
    }

    [Fact]
    public async Task A_server_with_orleans_ports_beyond_loopback_starts_with_AllowInsecure_and_warns_loudly()
    {
        await using var cluster = new ProcessCluster();
        var server = await cluster.StartAsync(new ServerOptions
        {
            StorageProvider = "Memory",
            ClusterMode = "AzureTable",
            AzureConnectionString = azurite.ConnectionString,
            Extra = new Dictionary<string, string?>
            {
                ["Workshops:Cluster:AdvertisedAddress"] = MachineAddress.NonLoopbackIPv4().ToString(),
                ["Workshops:Cluster:AllowInsecure"] = "true",
            },
        });

        Assert.Contains(
            $"INSECURE CLUSTER: Workshops:Cluster:AllowInsecure=true. Mode AzureTable opens the Orleans silo port {server.Options.SiloPort} and gateway port {server.Options.GatewayPort} beyond loopback WITHOUT TLS",
            server.RecentOutput,
            StringComparison.Ordinal);
        // The ports are really open on every address: that is what the warning is about.
        Assert.Equal([IPAddress.Any], ListeningSockets.AddressesOn(server.Options.SiloPort));
        Assert.Equal([IPAddress.Any], ListeningSockets.AddressesOn(server.Options.GatewayPort));
    }

    private static async Task AssertLoopbackOnlyAsync(ServerOptions options)
    {
        Assert.Equal([IPAddress.Loopback], ListeningSockets.AddressesOn(options.SiloPort));
        Assert.Equal([IPAddress.Loopback], ListeningSockets.AddressesOn(options.GatewayPort));

        // And from the machine's own outward address (the packets stay on this machine), nobody answers.
        foreach (var port in new[] { options.SiloPort, options.GatewayPort })
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(new IPEndPoint(MachineAddress.NonLoopbackIPv4(), port)));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }
}
