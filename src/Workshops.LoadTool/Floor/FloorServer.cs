using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Workshops.LoadTool.Floor;

/// <summary>
/// The floor: a bare ASP.NET Core SignalR hub on Kestrel (free loopback port) answering the
/// storm's calls from memory under a lock; no Orleans, no storage. What this machine can do
/// with SignalR alone, so the real server's figures can be read as ratios to it.
/// </summary>
public sealed class FloorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FloorServer(WebApplication app)
    {
        _app = app;
        State = app.Services.GetRequiredService<FloorState>();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public FloorState State { get; }

    public string AdminKey => State.AdminKey;

    /// <param name="port">The loopback port; 0 for a free one.</param>
    /// <param name="adminKey">The admin key; a random one when null.</param>
    public static async Task<FloorServer> StartAsync(int port = 0, string? adminKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new FloorState(adminKey));
        builder.Services.AddHostedService<FloorPush>();
        builder.Services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapFloorEndpoints();
        app.MapHub<FloorHub>("/hubs/workshop");
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new FloorServer(app);
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C) or <see cref="Stop"/> is called.</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public void Stop() => _app.Lifetime.StopApplication();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Dispose anyway: the run must end.
        }

        await _app.DisposeAsync();
    }
}
