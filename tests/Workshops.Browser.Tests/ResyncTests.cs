using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ResyncTests(BrowserFixture fixture)
{
    private const string Lost = "Kaybolan mesajdaki fikir";
    private const string Next = "Sonraki fikir";

    /// <summary>
    /// The WebSocket between one participant's page and the real server drops exactly one hub
    /// message (the ideaAdded of one idea). The next event's version (here the board's changed
    /// top-voted output) shows the gap; the page calls JoinWorkshop again and the lost idea
    /// appears from the fresh snapshot. Without the resync it would never appear.
    /// </summary>
    [Fact]
    public async Task A_lost_hub_message_is_noticed_by_its_version_and_the_page_resyncs()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.CreateEventAsync();
        var workshop = created.Workshops[0];
        var facilitator = await Person.SignInAsync(await fixture.LaptopAsync(), fixture.BaseUrl, workshop.FacilitatorKey, "/w/" + workshop.WorkshopId);
        await Facilitator.SetPhaseAsync(facilitator, "Brainstorm");

        var phone = await fixture.PhoneAsync();
        var dropped = 0;
        var joins = 0;
        await phone.RouteWebSocketAsync(new Regex("/hubs/workshop"), route =>
        {
            var server = route.ConnectToServer();
            route.OnMessage(frame =>
            {
                joins += Regex.Count(frame.Text ?? "", "\"target\":\"JoinWorkshop\"");
                server.Send(frame.Text!);
            });
            server.OnMessage(frame =>
            {
                // A frame may carry several SignalR messages, each ended by 0x1E.
                var messages = (frame.Text ?? "").Split('\u001e', StringSplitOptions.RemoveEmptyEntries);
                var kept = messages.Where(m =>
                {
                    if (dropped == 0 && m.Contains("\"target\":\"ideaAdded\"", StringComparison.Ordinal) && m.Contains(Lost, StringComparison.Ordinal))
                    {
                        dropped++;
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
        var participant = await Person.JoinAsync(phone, fixture.BaseUrl, created.JoinCode, workshop.WorkshopId);
        await participant.WaitForPhaseAsync("Brainstorm");
        var joinsBefore = joins;

        await facilitator.AddIdeaAsync(Lost);
        await Expect(participant.Idea(Lost)).ToBeVisibleAsync();
        Assert.Equal(1, dropped);
        Assert.True(joins > joinsBefore, "the page called JoinWorkshop again after the gap");

        // And it goes on with live events after the resync.
        await facilitator.AddIdeaAsync(Next);
        await Expect(participant.Idea(Next)).ToBeVisibleAsync();
        Assert.Empty(participant.PageErrors);
    }
}
