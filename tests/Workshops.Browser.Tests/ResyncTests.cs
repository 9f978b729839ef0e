using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Workshops.Contracts;
using Workshops.TestHost;
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
        var hub = await HubInterposer.RouteAsync(phone, m => m.Contains("\"target\":\"ideaAdded\"", StringComparison.Ordinal) && m.Contains(Lost, StringComparison.Ordinal));
        var participant = await Person.JoinAsync(phone, fixture.BaseUrl, created.JoinCode, workshop.WorkshopId);
        await participant.WaitForPhaseAsync("Brainstorm");
        var joinsBefore = hub.Joins;

        await facilitator.AddIdeaAsync(Lost);
        await Expect(participant.Idea(Lost)).ToBeVisibleAsync();
        Assert.Equal(1, hub.Dropped);
        Assert.True(hub.Joins > joinsBefore, "the page called JoinWorkshop again after the gap");

        // And it goes on with live events after the resync.
        await facilitator.AddIdeaAsync(Next);
        await Expect(participant.Idea(Next)).ToBeVisibleAsync();
        Assert.Empty(participant.PageErrors);
    }

    /// <summary>
    /// The facilitator's page loses exactly one tally announcement. Announcements count by their
    /// own seq (they carry no version): the ones that follow each other are applied without a
    /// JoinWorkshop, and the one after the lost one shows the gap, so the page joins again, once,
    /// and shows the exact count.
    /// </summary>
    [Fact]
    public async Task A_lost_tally_announcement_is_noticed_by_its_seq_and_the_page_resyncs_once()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.CreateEventAsync();
        var workshop = created.Workshops[0];
        var laptop = await fixture.LaptopAsync();
        var dropping = false;
        var hub = await HubInterposer.RouteAsync(laptop, m => dropping && m.Contains("\"target\":\"talliesChanged\"", StringComparison.Ordinal));
        var facilitator = await Person.SignInAsync(laptop, fixture.BaseUrl, workshop.FacilitatorKey, "/w/" + workshop.WorkshopId);
        await Facilitator.SetPhaseAsync(facilitator, "Brainstorm");
        await facilitator.AddIdeaAsync(Lost);
        await Expect(facilitator.Idea(Lost)).ToBeVisibleAsync();
        await Facilitator.SetPhaseAsync(facilitator, "Voting");
        var voters = new List<HubClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var voter = await HubClient.ConnectAsync(fixture.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode)).Token);
                voters.Add(voter);
                await voter.JoinAsync(workshop.WorkshopId);
            }

            var ideaId = (await voters[0].JoinAsync(workshop.WorkshopId)).Boards[0].Ideas.Single().IdeaId;
            var joinsBefore = hub.Joins;
            await voters[0].Connection.InvokeAsync<VoteReceipt>("CastVote", workshop.WorkshopId, ideaId, "v1");
            await Expect(Facilitator.Tally(facilitator, Lost)).ToHaveTextAsync("1 oy");
            Assert.Equal(joinsBefore, hub.Joins);

            dropping = true;
            await voters[1].Connection.InvokeAsync<VoteReceipt>("CastVote", workshop.WorkshopId, ideaId, "v1");
            for (var deadline = DateTime.UtcNow.AddSeconds(15); hub.Dropped == 0 && DateTime.UtcNow < deadline;)
            {
                await Task.Delay(20);
            }

            Assert.Equal(1, hub.Dropped);
            await Expect(Facilitator.Tally(facilitator, Lost)).ToHaveTextAsync("1 oy");

            await voters[2].Connection.InvokeAsync<VoteReceipt>("CastVote", workshop.WorkshopId, ideaId, "v1");
            await Expect(Facilitator.Tally(facilitator, Lost)).ToHaveTextAsync("3 oy");
            Assert.Equal(joinsBefore + 1, hub.Joins);
            Assert.Empty(facilitator.PageErrors);
        }
        finally
        {
            foreach (var voter in voters)
            {
                await voter.DisposeAsync();
            }
        }
    }
}
