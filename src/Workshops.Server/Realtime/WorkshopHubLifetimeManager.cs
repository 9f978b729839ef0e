using Microsoft.AspNetCore.SignalR;

namespace Workshops.Server.Realtime;

/// <summary>
/// SignalR's own lifetime manager, which also opens and closes each connection's
/// <see cref="ConnectionOutbox"/>: only here does SignalR hand out the connection itself.
/// </summary>
public sealed class WorkshopHubLifetimeManager(ILogger<DefaultHubLifetimeManager<WorkshopHub>> logger, WorkshopConnections outboxes)
    : DefaultHubLifetimeManager<WorkshopHub>(logger)
{
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await base.OnConnectedAsync(connection);
        outboxes.Open(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        outboxes.Close(connection.ConnectionId);
        await base.OnDisconnectedAsync(connection);
    }
}
