using Microsoft.AspNetCore.SignalR;
using Workshops.Server.Auth;

namespace Workshops.Server.Realtime;

/// <summary>
/// Closes this server's hub connections whose token is no longer honoured, every
/// <see cref="Interval"/> (SignalR's own CloseOnAuthenticationExpiration covers expiry only).
/// A connection of a deleted event is told <c>eventDeleted</c> first, one of a rotated key
/// <c>tokenRevoked</c>. With the access cache's 2 s this stays within the contract's 5 s.
/// </summary>
public sealed partial class RevokedConnectionSweep(
    HubSessions sessions,
    TokenCheck check,
    IHubContext<WorkshopHub, IWorkshopClient> hub,
    ILogger<RevokedConnectionSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync()
    {
        foreach (var connection in sessions.All())
        {
            try
            {
                var token = WorkshopHubFilter.TokenOf(connection);
                if (token is null || await check.IsHonouredAsync(token))
                {
                    continue;
                }

                var eventId = token.Caller.EventId;
                var client = hub.Clients.Client(connection.ConnectionId);
                if (eventId is not null && await check.IsEventGoneAsync(eventId))
                {
                    await client.eventDeleted(new EventDeletedEvent(eventId));
                }
                else
                {
                    await client.tokenRevoked(new TokenRevokedEvent(eventId));
                }

                sessions.Remove(connection.ConnectionId);
                // Abort drops what the transport has not sent yet: give the notice a moment to
                // leave first (an immediate Abort lost it now and then), without holding up the sweep.
                _ = AbortSoonAsync(connection);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cluster did not answer: the next sweep tries again; hub calls are refused meanwhile.
                LogSweepFailed(logger, ex, connection.ConnectionId);
            }
        }
    }

    private static async Task AbortSoonAsync(HubCallerContext connection)
    {
        await Task.Delay(NoticeGrace);
        connection.Abort();
    }

    private static readonly TimeSpan NoticeGrace = TimeSpan.FromMilliseconds(300);

    [LoggerMessage(1, LogLevel.Debug, "Checking hub connection {ConnectionId} failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception error, string connectionId);
}
