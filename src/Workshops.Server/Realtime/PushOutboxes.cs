using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Workshops.Server.Realtime;

/// <summary>
/// This server's hub connections, each with its own <see cref="ConnectionOutbox"/>. A push is
/// serialized once (per protocol) and queued to each of its connections without waiting for any.
/// </summary>
public sealed partial class PushOutboxes(ILogger<PushOutboxes> logger)
{
    private readonly ConcurrentDictionary<string, ConnectionOutbox> _byConnection = new(StringComparer.Ordinal);
    private long _closedBehind;

    /// <summary>Connections closed because they stopped taking their pushes.</summary>
    public long ClosedBehind => Interlocked.Read(ref _closedBehind);

    internal void Open(HubConnectionContext connection) =>
        _byConnection[connection.ConnectionId] = new ConnectionOutbox(connection, error => LogWriteFailed(logger, error, connection.ConnectionId));

    internal void Close(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var outbox))
        {
            outbox.Complete();
        }
    }

    public void Send(IReadOnlyList<string> connectionIds, string method, object payload)
    {
        ArgumentNullException.ThrowIfNull(connectionIds);
        if (connectionIds.Count == 0)
        {
            return;
        }

        var message = new SerializedHubMessage(new InvocationMessage(method, [payload]));
        foreach (var connectionId in connectionIds)
        {
            if (_byConnection.TryGetValue(connectionId, out var outbox) && !outbox.Post(message))
            {
                Interlocked.Increment(ref _closedBehind);
                LogClosedBehind(logger, connectionId, ConnectionOutbox.Capacity);
            }
        }
    }

    [LoggerMessage(2, LogLevel.Warning, "A push to connection {ConnectionId} could not be written: closed")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, string connectionId);

    [LoggerMessage(1, LogLevel.Warning, "Connection {ConnectionId} fell {Capacity} pushes behind (it stopped reading): closed")]
    private static partial void LogClosedBehind(ILogger logger, string connectionId, int capacity);
}
