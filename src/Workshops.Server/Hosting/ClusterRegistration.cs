using System.Net;
using Azure.Data.Tables;
using Orleans.Configuration;
using Workshops.Storage;

namespace Workshops.Server.Hosting;

public static class ClusterRegistration
{
    /// <summary>
    /// Co-hosts an Orleans silo in the web app: clustering by <see cref="WorkshopsClusterOptions.Mode"/>,
    /// grain storage by Workshops:Storage (SQLite by default).
    /// </summary>
    public static WebApplicationBuilder AddWorkshopsCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = builder.Configuration.GetSection(WorkshopsClusterOptions.Section).Get<WorkshopsClusterOptions>() ?? new();
        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<Workshops.Grains.PrivacyOptions>(builder.Configuration.GetSection(Workshops.Grains.PrivacyOptions.Section));
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            // Failure detection (ProbeTimeout, NumMissedProbesLimit, ...): how soon the others take over after a crash.
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(WorkshopsClusterOptions.Section + ":Membership"));
            // Whether the silo and gateway ports can be reached from beyond this machine.
            bool exposed;
            if (string.Equals(cluster.Mode, "AzureTable", StringComparison.OrdinalIgnoreCase))
            {
                var address = IPAddress.Parse(cluster.AdvertisedAddress ?? "127.0.0.1");
                // A loopback cluster (tests, deploy/local-cluster.sh) keeps its ports on loopback;
                // otherwise listen everywhere, as behind NAT the advertised address may not be local.
                exposed = !IPAddress.IsLoopback(address);
                silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: exposed);
                silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(AzureConnection(builder.Configuration, cluster)));
            }
            else if (string.Equals(cluster.Mode, "Kubernetes", StringComparison.OrdinalIgnoreCase))
            {
                // Pod IP, pod name, cluster and service ids from the pod's environment (see deploy/k8s); membership in Azure Table.
                // Orleans' Kubernetes hosting listens on every address of the pod.
                exposed = true;
                silo.UseKubernetesHosting();
                silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(AzureConnection(builder.Configuration, cluster)));
            }
            else if (string.Equals(cluster.Mode, "Localhost", StringComparison.OrdinalIgnoreCase))
            {
                // Orleans' localhost clustering advertises and listens on 127.0.0.1 only.
                exposed = false;
                var primary = cluster.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
            }
            else
            {
                throw new InvalidOperationException($"Workshops:Cluster:Mode '{cluster.Mode}' is not Localhost, AzureTable or Kubernetes");
            }

            silo.SecureClusterTransport(cluster, exposed);
            silo.AddWorkshopStorage(builder.Configuration);
            silo.AddWorkshopPrivacyStorage(builder.Configuration);
            // Workshops idle for a while leave memory; their state is stored.
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
        });
        return builder;
    }

    private static string AzureConnection(ConfigurationManager configuration, WorkshopsClusterOptions cluster) =>
        cluster.AzureConnectionString
        ?? configuration["Workshops:Storage:AzureConnectionString"]
        ?? configuration.GetConnectionString("AzureStorage")
        ?? throw new InvalidOperationException($"{cluster.Mode} clustering needs Workshops:Cluster:AzureConnectionString");
}
