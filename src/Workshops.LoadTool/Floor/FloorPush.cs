using Microsoft.AspNetCore.SignalR;

namespace Workshops.LoadTool.Floor;

/// <summary>
/// Sends the floor's events in the order they were queued, and every 100 ms queues the
/// coalesced tallies: the same pattern and interval as the real server's grain and push adapter.
/// </summary>
internal sealed class FloorPush(FloorState state, IHubContext<FloorHub> hub) : BackgroundService
{
    public static readonly TimeSpan TallyInterval = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendAsync(stoppingToken), TickAsync(stoppingToken));

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var notice in state.Notices.ReadAllAsync(stoppingToken))
            {
                await hub.Clients.Group(notice.Group).SendAsync(notice.Method, notice.Payload, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TallyInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                state.FlushTallies();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
