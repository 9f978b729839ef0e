using System.Threading.Channels;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// This server's one observer of the workshops it holds connections for (GPSTracker's
/// RemoteLocationHub): a grain sends one message per server, and this adapter fans it out to
/// the server's connections, in order, each through its own bounded <see cref="ConnectionOutbox"/>.
/// </summary>
public sealed partial class WorkshopPushAdapter(
    PushOutboxes outboxes,
    WorkshopConnections connections,
    ILogger<WorkshopPushAdapter> logger) : BackgroundService, IWorkshopObserver
{
    private readonly Channel<IReadOnlyList<WorkshopNotice>> _queue =
        Channel.CreateUnbounded<IReadOnlyList<WorkshopNotice>>(new UnboundedChannelOptions { SingleReader = true });

    public Task OnNotices(IReadOnlyList<WorkshopNotice> notices)
    {
        _queue.Writer.TryWrite(notices);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Orleans may deliver two pushes of one grain out of order: NoticeOrder puts them back.
        await foreach (var notice in new NoticeOrder().ReadAsync(_queue.Reader, stoppingToken))
        {
            foreach (var delivery in notice.Deliveries)
            {
                try
                {
                    Send(notice.WorkshopId, delivery);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Best effort: a client that misses an event sees the version gap and resyncs.
                    LogSendFailed(logger, ex, delivery.Method, notice.WorkshopId);
                }
            }
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

        // Queued per connection, never awaited here: a connection that stops reading is closed
        // by its own outbox and holds up nobody else (docs/protocol-notes.md, "Slow readers").
        outboxes.Send(targets, delivery.Method, delivery.Payload);
    }

    [LoggerMessage(1, LogLevel.Warning, "Sending {Method} of workshop {WorkshopId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string method, string workshopId);
}
