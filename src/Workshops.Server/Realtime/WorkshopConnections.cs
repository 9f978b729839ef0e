using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// This server's SignalR connections by workshop, and this server's one observer of the workshops
/// it holds connections for (GPSTracker's RemoteLocationHub):
/// <list type="bullet">
/// <item>who is here (for presence, and for the audience of each delivery), and which workshops
/// changed since the grains were last told;</item>
/// <item>the notices: a grain sends one call per server at a time, in order; each delivery is
/// serialized once (per protocol) and queued to the connections it is meant for, each through its
/// own bounded <see cref="ConnectionOutbox"/>, and the call returns: the grain awaits it, so it
/// never waits for a browser.</item>
/// </list>
/// </summary>
public sealed partial class WorkshopConnections(ILogger<WorkshopConnections> logger) : IWorkshopObserver
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, ConnectionOutbox> _outboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Caller>> _byWorkshop = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private long _closedBehind;

    /// <summary>Connections closed because they stopped taking their pushes.</summary>
    public long ClosedBehind => Interlocked.Read(ref _closedBehind);

    public void Join(string connectionId, string workshopId, Caller caller)
    {
        lock (_gate)
        {
            if (!_byWorkshop.TryGetValue(workshopId, out var connections))
            {
                _byWorkshop[workshopId] = connections = new(StringComparer.Ordinal);
            }

            connections[connectionId] = caller;
            if (!_byConnection.TryGetValue(connectionId, out var workshops))
            {
                _byConnection[connectionId] = workshops = new(StringComparer.Ordinal);
            }

            workshops.Add(workshopId);
            _dirty.Add(workshopId);
        }
    }

    public void Leave(string connectionId, string workshopId)
    {
        lock (_gate)
        {
            RemoveLocked(connectionId, workshopId);
            if (_byConnection.TryGetValue(connectionId, out var workshops))
            {
                workshops.Remove(workshopId);
                if (workshops.Count == 0)
                {
                    _byConnection.Remove(connectionId);
                }
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (_byConnection.Remove(connectionId, out var workshops))
            {
                foreach (var workshopId in workshops)
                {
                    RemoveLocked(connectionId, workshopId);
                }
            }
        }
    }

    private void RemoveLocked(string connectionId, string workshopId)
    {
        if (_byWorkshop.TryGetValue(workshopId, out var connections) && connections.Remove(connectionId))
        {
            if (connections.Count == 0)
            {
                _byWorkshop.Remove(workshopId);
            }

            _dirty.Add(workshopId);
        }
    }

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

    /// <summary>
    /// Queues the delivery to each connection of its audience, never awaited here: a connection
    /// that stops reading is closed by its own outbox and holds up nobody else
    /// (docs/protocol-notes.md, "Slow readers"). Posting only writes to a bounded queue, so it is
    /// done while the membership is locked, without copying it.
    /// </summary>
    private void Send(string workshopId, Delivery delivery)
    {
        SerializedHubMessage? message = null;
        lock (_gate)
        {
            if (!_byWorkshop.TryGetValue(workshopId, out var connections))
            {
                return;
            }

            foreach (var (connectionId, caller) in connections)
            {
                if (!IsFor(delivery, caller) || !_outboxes.TryGetValue(connectionId, out var outbox))
                {
                    continue;
                }

                message ??= new SerializedHubMessage(new InvocationMessage(delivery.Method, [delivery.Payload]));
                if (!outbox.Post(message))
                {
                    Interlocked.Increment(ref _closedBehind);
                    LogClosedBehind(logger, connectionId, ConnectionOutbox.Capacity);
                }
            }
        }
    }

    private static bool IsFor(Delivery delivery, Caller caller) => delivery.Audience switch
    {
        Audience.Staff => caller.IsStaff,
        Audience.Participants => !caller.IsStaff,
        Audience.ParticipantsExcept => !caller.IsStaff && !string.Equals(caller.ParticipantId, delivery.ParticipantId ?? "", StringComparison.Ordinal),
        Audience.Participant => caller.Role == Role.Participant && string.Equals(caller.ParticipantId, delivery.ParticipantId ?? "", StringComparison.Ordinal),
        _ => throw new InvalidOperationException("unknown audience " + delivery.Audience),
    };

    /// <summary>Distinct people (not connections) of a workshop on this server.</summary>
    public IReadOnlyList<PresentPerson> PeopleIn(string workshopId)
    {
        lock (_gate)
        {
            if (!_byWorkshop.TryGetValue(workshopId, out var connections))
            {
                return [];
            }

            return [.. connections.Values
                .Select(c => new PresentPerson(c.ActorKey, c.Role))
                .DistinctBy(p => p.ActorKey, StringComparer.Ordinal)];
        }
    }

    public bool HasConnections(string workshopId)
    {
        lock (_gate)
        {
            return _byWorkshop.ContainsKey(workshopId);
        }
    }

    public IReadOnlyList<string> Workshops()
    {
        lock (_gate)
        {
            return [.. _byWorkshop.Keys];
        }
    }

    public (int Connections, int People) Counts()
    {
        lock (_gate)
        {
            var people = _byWorkshop.Values.SelectMany(c => c.Values).Select(c => c.ActorKey).Distinct(StringComparer.Ordinal).Count();
            return (_byConnection.Count, people);
        }
    }

    /// <summary>Workshops whose people changed since the last call.</summary>
    public IReadOnlyList<string> TakeDirty()
    {
        lock (_gate)
        {
            if (_dirty.Count == 0)
            {
                return [];
            }

            var dirty = _dirty.ToList();
            _dirty.Clear();
            return dirty;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Sending {Method} of workshop {WorkshopId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string method, string workshopId);

    [LoggerMessage(2, LogLevel.Warning, "A push to connection {ConnectionId} could not be written: closed")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, string connectionId);

    [LoggerMessage(3, LogLevel.Warning, "Connection {ConnectionId} fell {Capacity} pushes behind (it stopped reading): closed")]
    private static partial void LogClosedBehind(ILogger logger, string connectionId, int capacity);
}
