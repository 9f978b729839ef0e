using System.Globalization;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Cli.Tests;

/// <summary>
/// Two real server processes (Localhost mode, one primary) whose silo and gateway ports speak
/// mutual TLS with certificates of one test authority, and a second authority that the
/// cluster does not trust.
/// </summary>
public sealed class TlsClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("cluster-tls");
    private readonly List<TempDirectory> _data = [];
    private readonly List<ServerProcess> _servers = [];

    public TlsClusterFixture()
    {
        Authority = new TestCertificateAuthority(_folder.Combine("certs"), "Workshops cluster CA");
        Stranger = new TestCertificateAuthority(_folder.Combine("certs"), "Another CA");
    }

    public TestCertificateAuthority Authority { get; }

    public TestCertificateAuthority Stranger { get; }

    public IReadOnlyList<ServerProcess> Servers => _servers;

    /// <summary>The certificate each server shows, in the order of <see cref="Servers"/>.</summary>
    public List<TestCertificate> ServerCertificates { get; } = [];

    public ServerProcess Primary => _servers[0];

    public async Task InitializeAsync()
    {
        var clusterId = "tls-" + Guid.NewGuid().ToString("N")[..8];
        var primary = await StartAsync(new ServerOptions { ClusterId = clusterId, StorageProvider = "Memory" }, Authority.Issue("server-1"));
        await StartAsync(new ServerOptions { ClusterId = clusterId, StorageProvider = "Memory", PrimarySiloPort = primary.Options.SiloPort }, Authority.Issue("server-2"));
    }

    /// <summary>The server-side settings for <paramref name="certificate"/>, trusting <see cref="Authority"/>.</summary>
    public Dictionary<string, string?> Tls(TestCertificate certificate) => new(StringComparer.Ordinal)
    {
        ["Workshops:Cluster:Tls:CertificatePath"] = certificate.CertificatePath,
        ["Workshops:Cluster:Tls:KeyPath"] = certificate.KeyPath,
        ["Workshops:Cluster:Tls:CaPath"] = Authority.CaPath,
    };

    /// <summary>The environment that points the CLI at the primary, without TLS settings.</summary>
    public Dictionary<string, string?> CliEnvironment() => new(StringComparer.Ordinal)
    {
        ["Workshops__Cluster__GatewayPort"] = Primary.Options.GatewayPort.ToString(CultureInfo.InvariantCulture),
        ["Workshops__Cluster__ClusterId"] = Primary.Options.ClusterId,
        ["Workshops__Cluster__ServiceId"] = Primary.Options.ClusterId,
    };

    /// <summary>The CLI's environment with a certificate, trusting <paramref name="caPath"/>.</summary>
    public Dictionary<string, string?> CliEnvironment(TestCertificate certificate, string caPath)
    {
        var environment = CliEnvironment();
        environment["Workshops__Cluster__Tls__CertificatePath"] = certificate.CertificatePath;
        environment["Workshops__Cluster__Tls__KeyPath"] = certificate.KeyPath;
        environment["Workshops__Cluster__Tls__CaPath"] = caPath;
        return environment;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.AsEnumerable().Reverse())
        {
            await server.DisposeAsync();
        }

        foreach (var folder in _data)
        {
            folder.Dispose();
        }

        Authority.Dispose();
        Stranger.Dispose();
        _folder.Dispose();
    }

    private async Task<ServerProcess> StartAsync(ServerOptions options, TestCertificate certificate)
    {
        var data = new TempDirectory("cluster-tls-server");
        _data.Add(data);
        var server = await ServerProcess.StartAsync(options with { Extra = Tls(certificate) }, data.Path, timeout: TimeSpan.FromSeconds(90));
        _servers.Add(server);
        ServerCertificates.Add(certificate);
        return server;
    }
}
