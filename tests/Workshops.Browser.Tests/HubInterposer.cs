using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Workshops.Browser.Tests;

/// <summary>
/// Sits on the hub WebSocket of one browser's pages: counts their JoinWorkshop calls and drops
/// the first server message that matches (a lost message, as a flaky network would lose it).
/// </summary>
internal sealed class HubInterposer
{
    private int _joins;
    private int _dropped;

    public int Joins => Volatile.Read(ref _joins);

    public int Dropped => Volatile.Read(ref _dropped);

    public static async Task<HubInterposer> RouteAsync(IBrowserContext browser, Func<string, bool> dropOnce)
    {
        var hub = new HubInterposer();
        await browser.RouteWebSocketAsync(new Regex("/hubs/workshop"), route =>
        {
            var server = route.ConnectToServer();
            route.OnMessage(frame =>
            {
                Interlocked.Add(ref hub._joins, Regex.Count(frame.Text ?? "", "\"target\":\"JoinWorkshop\""));
                server.Send(frame.Text!);
            });
            server.OnMessage(frame =>
            {
                // A frame may carry several SignalR messages, each ended by 0x1E.
                var messages = (frame.Text ?? "").Split('\u001e', StringSplitOptions.RemoveEmptyEntries);
                var kept = messages.Where(m =>
                {
                    if (hub.Dropped == 0 && dropOnce(m))
                    {
                        Interlocked.Increment(ref hub._dropped);
                        return false;
                    }

                    return true;
                }).ToList();
                if (kept.Count > 0)
                {
                    route.Send(string.Concat(kept.Select(m => m + "\u001e")));
                }
            });
        });
        return hub;
    }
}
