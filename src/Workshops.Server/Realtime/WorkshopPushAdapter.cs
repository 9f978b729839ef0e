using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// This server's one observer of the workshops it holds connections for (GPSTracker's
/// RemoteLocationHub), and the outboxes of its hub connections. A grain sends one call per
/// server at a time, in order; each delivery is serialized once (per protocol) and queued to the
/// connections it is meant for, each through its own bounded <see cref="ConnectionOutbox"/>, and
/// the call returns: the grain awaits it, so it never waits for a browser.
/// </summary>
public sealed partial class WorkshopPushAdapter(WorkshopConnections connections, ILogger<WorkshopPushAdapter> logger) : IWorkshopObserver
{
    private readonly ConcurrentDictionary<string, ConnectionOutbox> _outboxes = new(StringComparer.Ordinal);
    private long _closedBehind;

    /// <summary>Connections closed because they stopped taking their pushes.</summary>
    public long ClosedBehind => Interlocked.Read(ref _closedBehind);

    public Task OnNotices(IReadOnlyList<WorkshopNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            foreach (var delivery in notice.Deliveries)
            {
                try
                {
                    Send(notice.WorkshopId, delivery);
                }
                catch (Exception ex)
                {
                    // Best effort: a client that misses an event sees the version gap and resyncs.
                    LogSendFailed(logger, ex, delivery.Method, notice.WorkshopId);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Called by <see cref="WorkshopHubLifetimeManager"/>, the one place SignalR hands out the connection itself.</summary>
    internal void Open(HubConnectionContext connection) =>
        _outboxes[connection.ConnectionId] = new ConnectionOutbox(connection, error => LogWriteFailed(logger, error, connection.ConnectionId));

    internal void Close(string connectionId)
    {
        if (_outboxes.TryRemove(connectionId, out var outbox))
        {
            outbox.Complete();
        }
    }

    private void Send(string workshopId, Delivery delivery)
    {
        var targets = delivery.Audience switch
        {
            Audience.Staff => connections.AudienceOf(workshopId, staff: true),
            Audience.Participants => connections.AudienceOf(workshopId, staff: false),
            Audience.ParticipantsExcept => connections.AudienceOf(workshopId, staff: false, except: delivery.ParticipantId ?? ""),
            Audience.Participant => connections.ConnectionsOf(workshopId, delivery.ParticipantId ?? ""),
            _ => throw new InvalidOperationException("unknown audience " + delivery.Audience),
        };
        if (targets.Count == 0)
        {
            return;
        }

        // Queued per connection, never awaited here: a connection that stops reading is closed
        // by its own outbox and holds up nobody else (docs/protocol-notes.md, "Slow readers").
        var message = new SerializedHubMessage(new InvocationMessage(delivery.Method, [delivery.Payload]));
        foreach (var connectionId in targets)
        {
            if (_outboxes.TryGetValue(connectionId, out var outbox) && !outbox.Post(message))
            {
                Interlocked.Increment(ref _closedBehind);
                LogClosedBehind(logger, connectionId, ConnectionOutbox.Capacity);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Sending {Method} of workshop {WorkshopId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string method, string workshopId);

    [LoggerMessage(2, LogLevel.Warning, "A push to connection {ConnectionId} could not be written: closed")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, string connectionId);

    [LoggerMessage(3, LogLevel.Warning, "Connection {ConnectionId} fell {Capacity} pushes behind (it stopped reading): closed")]
    private static partial void LogClosedBehind(ILogger logger, string connectionId, int capacity);
}
