using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Workshops.Browser.Tests;

/// <summary>
/// Key links as printed (<c>#key=</c>) and as older versions printed them (<c>?key=</c>): both
/// sign in, neither leaves the key in the address bar, the fragment key never reaches the
/// server in a request line, and the hub connects over a WebSocket under <c>connect-src 'self'</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyLinkTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/#key=")]
    [InlineData("/?key=")]
    public async Task A_key_link_signs_in_leaves_no_key_in_the_address_and_the_hub_connects_over_a_WebSocket(string link)
    {
        var created = await fixture.CreateEventAsync();
        var workshop = created.Workshops[0];
        var context = await fixture.LaptopAsync();
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var requested = new ConcurrentBag<string>();
        var sockets = new ConcurrentBag<string>();
        var console = new ConcurrentBag<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        page.Console += (_, message) => console.Add(message.Text);

        await page.GotoAsync(fixture.BaseUrl + link + Uri.EscapeDataString(workshop.FacilitatorKey), new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("path => location.pathname === path", "/w/" + workshop.WorkshopId, new() { Timeout = 60_000, PollingInterval = 100 });
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();

        Assert.DoesNotContain(workshop.FacilitatorKey, page.Url, StringComparison.Ordinal);
        var socket = Assert.Single(sockets, url => url.Contains("/hubs/workshop", StringComparison.Ordinal));
        Assert.StartsWith(fixture.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/workshop?id=", socket, StringComparison.Ordinal);
        Assert.DoesNotContain(console, text => text.Contains("Content Security Policy", StringComparison.Ordinal));
        if (link.StartsWith("/#", StringComparison.Ordinal))
        {
            // Only the old query form ever put the key in a request line.
            Assert.DoesNotContain(requested, url => url.Contains(workshop.FacilitatorKey, StringComparison.Ordinal));
        }

        await context.CloseAsync();
    }
}
