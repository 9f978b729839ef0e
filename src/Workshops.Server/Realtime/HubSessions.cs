using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Workshops.Server.Realtime;

/// <summary>Every hub connection of this server with its token, so that revoked ones can be found and closed.</summary>
public sealed class HubSessions
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);

    public void Add(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _connections[context.ConnectionId] = context;
    }

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IReadOnlyList<HubCallerContext> All() => [.. _connections.Values];
}
