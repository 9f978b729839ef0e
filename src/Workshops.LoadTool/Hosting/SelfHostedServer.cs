using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Workshops.Server;

namespace Workshops.LoadTool.Hosting;

/// <summary>
/// One real Workshops server (ServerApp: Kestrel, SignalR, a co-hosted silo) in this process, on
/// a free loopback port, with a temp data folder deleted on dispose. Its hub and join rate
/// limits are raised: every simulated person comes from 127.0.0.1.
/// </summary>
public sealed class SelfHostedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataPath;

    private SelfHostedServer(WebApplication app, string dataPath, string adminKey, string storage)
    {
        _app = app;
        _dataPath = dataPath;
        AdminKey = adminKey;
        Storage = storage;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
    }

    public string BaseUrl { get; }

    public string AdminKey { get; }

    /// <summary>Sqlite or Memory.</summary>
    public string Storage { get; }

    /// <summary>The settings a load run needs on any server it targets (documented in docs/benchmarks.md).</summary>
    public static IReadOnlyDictionary<string, string?> LoadSettings { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Workshops:HubCallsPerSecond"] = "100000",
        ["Workshops:JoinsPerMinute"] = "1000000",
    };

    public static async Task<SelfHostedServer> StartAsync(string storage = "Sqlite")
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "workshops-load-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dataPath);
        var adminKey = "adm_load_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var clusterId = "load-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8];
        var settings = new Dictionary<string, string?>(LoadSettings, StringComparer.Ordinal)
        {
            ["Workshops:AdminKey"] = adminKey,
            ["Workshops:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Workshops:DataPath"] = dataPath,
            ["Workshops:Demo"] = "false",
            ["Workshops:Storage:Provider"] = storage,
            ["Workshops:Storage:SqlitePath"] = Path.Combine(dataPath, "workshops.db"),
            ["Workshops:Cluster:Mode"] = "Localhost",
            ["Workshops:Cluster:ClusterId"] = clusterId,
            ["Workshops:Cluster:ServiceId"] = clusterId,
            ["Workshops:Cluster:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Workshops:Cluster:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        };
        var app = ServerApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            TryDelete(dataPath);
            throw;
        }

        return new SelfHostedServer(app, dataPath, adminKey, storage);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping took too long: dispose anyway, the run must end.
        }

        await _app.DisposeAsync();
        TryDelete(_dataPath);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind must not fail the run.
        }
    }
}
