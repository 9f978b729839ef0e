using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// This server's one observer of the workshops it holds connections for (GPSTracker's
/// RemoteLocationHub): a grain sends one message per server, and this adapter fans it out to
/// the server's connections, in order, through the hub context.
/// </summary>
public sealed partial class WorkshopPushAdapter(
    IHubContext<WorkshopHub, IWorkshopClient> hub,
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
                    await SendAsync(notice.WorkshopId, delivery);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Best effort: a client that misses an event sees the version gap and resyncs.
                    LogSendFailed(logger, ex, delivery.Method, notice.WorkshopId);
                }
            }
        }
    }

    private Task SendAsync(string workshopId, Delivery delivery)
    {
        var target = delivery.Audience switch
        {
            Audience.Staff => hub.Clients.Group(WorkshopConnections.StaffGroup(workshopId)),
            Audience.Participants => hub.Clients.Group(WorkshopConnections.PeopleGroup(workshopId)),
            Audience.ParticipantsExcept => hub.Clients.GroupExcept(
                WorkshopConnections.PeopleGroup(workshopId), connections.ConnectionsOf(workshopId, delivery.ParticipantId ?? "")),
            Audience.Participant => hub.Clients.Clients(connections.ConnectionsOf(workshopId, delivery.ParticipantId ?? "")),
            _ => throw new InvalidOperationException("unknown audience " + delivery.Audience),
        };
        return Invoke(target, delivery.Method, delivery.Payload);
    }

    private static Task Invoke(IWorkshopClient client, string method, object payload) => method switch
    {
        EventNames.IdeaAdded => client.ideaAdded((IdeaEvent)payload),
        EventNames.IdeaChanged => client.ideaChanged((IdeaEvent)payload),
        EventNames.IdeaRemoved => client.ideaRemoved((IdeaRemovedEvent)payload),
        EventNames.TalliesChanged => client.talliesChanged((TalliesChangedEvent)payload),
        EventNames.PhaseChanged => client.phaseChanged((PhaseChangedEvent)payload),
        EventNames.TimerChanged => client.timerChanged((TimerChangedEvent)payload),
        EventNames.OutputChanged => client.outputChanged((OutputChangedEvent)payload),
        EventNames.PresenceChanged => client.presenceChanged((PresenceChangedEvent)payload),
        EventNames.SettingsChanged => client.settingsChanged((SettingsChangedEvent)payload),
        EventNames.VersionChanged => client.versionChanged((VersionChangedEvent)payload),
        EventNames.EventChanged => client.eventChanged((EventChangedEvent)payload),
        _ => throw new InvalidOperationException("unknown event " + method),
    };

    [LoggerMessage(1, LogLevel.Warning, "Sending {Method} of workshop {WorkshopId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string method, string workshopId);
}
