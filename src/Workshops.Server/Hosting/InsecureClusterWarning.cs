namespace Workshops.Server.Hosting;

/// <summary>Says at every start, in the log and on the console, that the Orleans ports are open without TLS.</summary>
internal sealed partial class InsecureClusterWarning(WorkshopsClusterOptions cluster, ILogger<InsecureClusterWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogInsecure(logger, cluster.Mode, cluster.SiloPort, cluster.GatewayPort);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "INSECURE CLUSTER: Workshops:Cluster:AllowInsecure=true. Mode {Mode} opens the Orleans silo port {SiloPort} and gateway port {GatewayPort} " +
        "beyond loopback WITHOUT TLS: anyone who reaches them can call every grain as admin. Configure Workshops:Cluster:Tls (deploy/README.md).")]
    private static partial void LogInsecure(ILogger logger, string mode, int siloPort, int gatewayPort);
}
