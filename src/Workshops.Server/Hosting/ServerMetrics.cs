using System.Diagnostics.Metrics;
using Workshops.Grains;
using Workshops.Server.Realtime;

namespace Workshops.Server.Hosting;

/// <summary>
/// This server's part of the <c>Workshops</c> meter: the people and connections it holds,
/// observed when a listener asks (no timer of our own).
/// </summary>
internal sealed class ServerMetrics : IHostedService
{
    public ServerMetrics(IMeterFactory meters, WorkshopConnections connections)
    {
        var meter = meters.Create(WorkshopsMetrics.MeterName);
        meter.CreateObservableGauge("workshops.connected_people", () => connections.Counts().People, "{person}",
            "Distinct people with a hub connection in a workshop on this server");
        meter.CreateObservableGauge("workshops.connections", () => connections.Counts().Connections, "{connection}",
            "Hub connections that joined a workshop on this server");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
