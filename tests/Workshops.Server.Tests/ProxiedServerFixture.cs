using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workshops.TestHost;
using Yarp.ReverseProxy.Configuration;

namespace Workshops.Server.Tests;

/// <summary>
/// A real server that trusts one proxy (127.0.0.1) and allows 3 wrong codes a minute per
/// client, with a real YARP reverse proxy (Kestrel on its own free port) in front of it. YARP
/// connects from 127.0.0.1 and sets X-Forwarded-For to the address its client came from.
/// </summary>
public sealed class ProxiedServerFixture : IAsyncLifetime
{
    public const string ProxyAddress = "127.0.0.1";

    private ServerHost? _server;
    private WebApplication? _proxy;

    public ServerHost Server => _server ?? throw new InvalidOperationException("not started");

    public string ProxyUrl { get; private set; } = "";

    public WorkshopsApi Api { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await ServerHost.StartAsync(new ServerOptions
        {
            WrongCodesPerMinute = 3,
            Extra = new Dictionary<string, string?> { ["Workshops:ForwardedHeaders:KnownProxies:0"] = ProxyAddress },
        });
        Api = _server.Api();
        AdminToken = (await Api.SignInAsync(_server.AdminKey)).Token;

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "server", Match = new RouteMatch { Path = "{**rest}" } }],
            [new ClusterConfig { ClusterId = "server", Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal) { ["server"] = new() { Address = _server.BaseUrl + "/" } } }]);
        _proxy = builder.Build();
        _proxy.MapReverseProxy();
        await _proxy.StartAsync();
        ProxyUrl = _proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        Api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
