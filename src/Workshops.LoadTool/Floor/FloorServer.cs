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

    public static async Task<FloorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<FloorState>();
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
