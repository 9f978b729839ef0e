using Workshops.ClusterTls;

namespace Workshops.Server.Hosting;

/// <summary>
/// The silo and gateway ports carry every grain call, and grains trust the caller they are
/// handed (the CLI calls as admin). So they speak mutual TLS whenever a certificate is
/// configured, and a server whose ports are open beyond loopback refuses to start without one,
/// unless <see cref="WorkshopsClusterOptions.AllowInsecure"/> says so.
/// </summary>
internal static class ClusterTransportSecurity
{
    public static ISiloBuilder SecureClusterTransport(this ISiloBuilder silo, WorkshopsClusterOptions cluster, bool exposed)
    {
        if (cluster.Tls.IsConfigured)
        {
            var certificates = ClusterCertificates.Load(cluster.Tls);
            silo.UseTls(certificates.Configure);
            return silo;
        }

        if (!exposed)
        {
            return silo;
        }

        if (!cluster.AllowInsecure)
        {
            throw new InvalidOperationException(
                $"Workshops:Cluster:Mode={cluster.Mode} opens the Orleans silo port {cluster.SiloPort} and gateway port {cluster.GatewayPort} " +
                "beyond loopback, and no certificate is configured: whoever reaches them could call every grain as admin. " +
                "Set Workshops:Cluster:Tls:CertificatePath, KeyPath and CaPath (see deploy/README.md, \"Cluster TLS\"), " +
                "or Workshops:Cluster:AllowInsecure=true for a network you trust.");
        }

        silo.Services.AddHostedService<InsecureClusterWarning>();
        return silo;
    }
}
