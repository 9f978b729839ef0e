using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Workshops.Cli.Configuration;
using Workshops.ClusterTls;

namespace Workshops.Cli.Cluster;

/// <summary>
/// An Orleans client connected to the cluster, for the length of one command. Connecting is
/// bounded by <see cref="ClusterSettings.ConnectTimeout"/> and never retried: a CLI that waits
/// for a cluster which is not there helps nobody, it says so and exits with code 3.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);

    private readonly IHost _host;

    private ClusterConnection(IHost host, ClusterSettings settings)
    {
        _host = host;
        Settings = settings;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public ClusterSettings Settings { get; }

    public static async Task<ClusterConnection> OpenAsync(ClusterSettings settings, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var certificates = LoadCertificates(settings);

        // No defaults: no appsettings.json from the current folder, no console logging unless asked.
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "workshops" });
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        if (verbose)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.UseOrleansClient(client =>
        {
            if (settings.IsAzureTable)
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ServiceId;
                });
                client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(settings.AzureConnectionString));
            }
            else
            {
                client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
            }

            if (certificates is not null)
            {
                client.UseTls(certificates.Configure);
            }

            // Orleans retries a failed first connection with a growing delay by default; a
            // person at a terminal wants to hear at once that nothing is there.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));

            // A port that accepts but never answers (the HTTP port by mistake) must not hang us.
            // With TLS, opening includes the handshake, slow on a busy machine; TLS bounds it too.
            var cap = TimeSpan.FromSeconds(certificates is null ? 5 : 15);
            var open = settings.ConnectTimeout < cap ? settings.ConnectTimeout : cap;
            client.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = open);
        });

        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            // WaitAsync as well: the token alone does not bound every step of a client start.
            await host.StartAsync(timeout.Token).WaitAsync(timeout.Token);
            return new ClusterConnection(host, settings);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await StopQuietlyAsync(host);
            var reason = ex is OperationCanceledException or TimeoutException
                ? string.Create(CultureInfo.InvariantCulture, $"no answer within {settings.ConnectTimeout.TotalSeconds:0} s")
                : Reason(ex);
            throw new CliException(
                ExitCodes.ClusterUnreachable,
                $"the cluster is not reachable at {settings.Describe()}: {reason}.{Environment.NewLine}" +
                (settings.IsAzureTable
                    ? "Is a server running? Do the connection string and the cluster and service ids match its Workshops:Cluster settings?"
                    : "Is a server running? Do the gateway port and the cluster and service ids match its Workshops:Cluster settings?") +
                (settings.Tls.IsConfigured
                    ? " Is the CLI's certificate (Workshops:Cluster:Tls) issued by the authority the servers trust, and theirs by the one in CaPath?"
                    : " If the cluster uses TLS, the CLI needs a certificate too: Workshops:Cluster:Tls:CertificatePath, KeyPath, CaPath.") +
                " (workshops --help)",
                ex);
        }
        catch
        {
            await StopQuietlyAsync(host);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await StopQuietlyAsync(_host);

    private static ClusterCertificates? LoadCertificates(ClusterSettings settings)
    {
        if (!settings.Tls.IsConfigured)
        {
            return null;
        }

        try
        {
            return ClusterCertificates.Load(settings.Tls);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.InvalidInput, ex.Message, ex);
        }
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            using var stop = new CancellationTokenSource(StopTimeout);
            await host.StopAsync(stop.Token).WaitAsync(StopTimeout);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or Orleans.Runtime.OrleansException or ObjectDisposedException)
        {
            // Leaving: nothing to clean up on the cluster's side for a client.
        }

        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    /// <summary>The innermost message: Orleans wraps the socket error that says what happened.</summary>
    private static string Reason(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message.TrimEnd('.');
    }
}
