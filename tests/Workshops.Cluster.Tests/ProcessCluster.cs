using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Cluster.Tests;

/// <summary>
/// Server processes a test started, each with its own data folder; disposing stops every one
/// still running and deletes the folders, also when the test failed half-way.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<ServerProcess> _servers = [];
    private readonly List<TempDirectory> _folders = [];

    public IReadOnlyList<ServerProcess> Servers => _servers;

    public IReadOnlyList<string> Urls => [.. _servers.Select(s => s.BaseUrl)];

    public async Task<ServerProcess> StartAsync(ServerOptions options, int? httpPort = null)
    {
        var folder = new TempDirectory("cluster-server");
        _folders.Add(folder);
        var server = await ServerProcess.StartAsync(options, folder.Path, httpPort, TimeSpan.FromSeconds(90));
        _servers.Add(server);
        return server;
    }

    /// <summary>
    /// Two servers of one localhost cluster on in-memory storage: the first is the primary silo,
    /// the second joins it. For the tests of what one server's change means on the other.
    /// </summary>
    public async Task<(ServerProcess First, ServerProcess Second)> StartLocalPairAsync()
    {
        var primaryOptions = new ServerOptions { StorageProvider = "Memory", ClusterMode = "Localhost", Extra = ClusterTuning.Settings() };
        var first = await StartAsync(primaryOptions);
        var second = await StartAsync(primaryOptions with
        {
            SiloPort = FreePort.Get(),
            GatewayPort = FreePort.Get(),
            PrimarySiloPort = primaryOptions.SiloPort,
        });
        return (first, second);
    }

    /// <summary>Starts several servers at once (they join the cluster in parallel), kept in the given order.</summary>
    public async Task StartManyAsync(IReadOnlyList<ServerOptions> options)
    {
        var folders = options.Select(_ => new TempDirectory("cluster-server")).ToList();
        _folders.AddRange(folders);
        var starts = options.Select((o, i) => ServerProcess.StartAsync(o, folders[i].Path, null, TimeSpan.FromSeconds(90))).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            // Whatever started is ours to stop, also when another failed.
            _servers.AddRange(starts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
    }

    /// <summary>Starts a server again on the data folder and HTTP port of <paramref name="index"/> (after a kill).</summary>
    public async Task<ServerProcess> RestartAsync(int index)
    {
        var old = _servers[index];
        var port = new Uri(old.BaseUrl).Port;
        var server = await ServerProcess.StartAsync(old.Options, old.DataPath, port, TimeSpan.FromSeconds(90));
        _servers[index] = server;
        await old.DisposeAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // In parallel: a graceful stop can take seconds per server.
        await Task.WhenAll(_servers.Select(async s =>
        {
            try
            {
                await s.DisposeAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                s.Kill();
            }
        }));
        foreach (var folder in _folders)
        {
            folder.Dispose();
        }
    }
}
