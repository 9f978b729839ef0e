using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// This server's one observer of the workshops it holds connections for (GPSTracker's
/// RemoteLocationHub): a grain sends one call per server at a time, in order, and this adapter
/// queues each delivery to the connections it is meant for, each through its own bounded
/// <see cref="ConnectionOutbox"/>, and returns: the grain awaits it, so it never waits for a browser.
/// </summary>
public sealed partial class WorkshopPushAdapter(
    PushOutboxes outboxes,
    WorkshopConnections connections,
    ILogger<WorkshopPushAdapter> logger) : IWorkshopObserver
{
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

        // Queued per connection, never awaited here: a connection that stops reading is closed
        // by its own outbox and holds up nobody else (docs/protocol-notes.md, "Slow readers").
        outboxes.Send(targets, delivery.Method, delivery.Payload);
    }

    [LoggerMessage(1, LogLevel.Warning, "Sending {Method} of workshop {WorkshopId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string method, string workshopId);
}
