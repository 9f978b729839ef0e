using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workshops.Server;
using Workshops.Testing;

namespace Workshops.TestHost;

/// <summary>
/// The real server (Kestrel, SignalR, a co-hosted silo) started in the test process on a free
/// loopback port. Not a TestServer: connections are real sockets.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _ownedData;

    private ServerHost(WebApplication app, TempDirectory? ownedData, ServerOptions options, string dataPath)
    {
        _app = app;
        _ownedData = ownedData;
        Options = options;
        DataPath = dataPath;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public string BaseUrl { get; }

    public ServerOptions Options { get; }

    public string DataPath { get; }

    public IServiceProvider Services => _app.Services;

    public string AdminKey => ServerOptions.TestAdminKey;

    public WorkshopsApi Api() => new(BaseUrl);

    public static async Task<ServerHost> StartAsync(ServerOptions? options = null)
    {
        options ??= new ServerOptions();
        var owned = options.DataPath is null ? new TempDirectory("workshops-server") : null;
        var dataPath = options.DataPath ?? owned!.Path;
        var app = ServerApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(options.ToConfiguration(dataPath));
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            if (options.PrivacyClock is { } clock)
            {
                builder.Services.AddKeyedSingleton(Workshops.Grains.PrivacyOptions.ClockKey, clock);
            }
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            owned?.Dispose();
            throw;
        }

        return new ServerHost(app, owned, options, dataPath);
    }

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
        }

        await _app.DisposeAsync();
        _ownedData?.Dispose();
    }
}
