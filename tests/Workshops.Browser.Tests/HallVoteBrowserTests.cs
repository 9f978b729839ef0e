using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>
/// Section 9 in the browser: the facilitator types the raised hands counted in the room down the
/// list with the keyboard only, marks an idea typed in from paper, and the wall and the results
/// show digital and hall votes apart, ranked by their total.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HallVoteBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Facilitator_types_hall_votes_with_the_keyboard_and_wall_and_results_rank_by_the_total()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.CreateEventAsync();
        var workshop = created.Workshops[0];
        var baseUrl = fixture.BaseUrl;
        var facilitator = await Person.SignInAsync(await fixture.LaptopAsync(), baseUrl, workshop.FacilitatorKey, "/w/" + workshop.WorkshopId);
        var participant = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, created.JoinCode, workshop.WorkshopId, "Ayşe Işık");
        var wall = await Person.OpenAsync(await fixture.ProjectorAsync(), $"{baseUrl}/wall/{workshop.WorkshopId}#key={Uri.EscapeDataString(workshop.FacilitatorKey)}");

        await Facilitator.SetPhaseAsync(facilitator, "Brainstorm");
        await facilitator.AddIdeaAsync("Staj programı");
        await facilitator.Page.GetByTestId("idea-paper").CheckAsync();
        await facilitator.AddIdeaAsync("Gezici kütüphane");
        await facilitator.Page.GetByTestId("idea-paper").UncheckAsync();
        await facilitator.AddIdeaAsync("Gençlik merkezi");
        await Expect(facilitator.Idea("Gezici kütüphane").GetByTestId("paper")).ToHaveTextAsync("Kağıttan");
        await Expect(facilitator.Idea("Staj programı").GetByTestId("paper")).ToHaveCountAsync(0);
        await Expect(wall.Page.GetByTestId("wall-idea").Filter(new() { HasText = "Gezici kütüphane" }).GetByTestId("paper")).ToBeVisibleAsync();

        await Facilitator.SetPhaseAsync(facilitator, "Voting");
        await participant.WaitForPhaseAsync("Voting");
        await participant.Idea("Staj programı").GetByTestId("vote").ClickAsync();
        await Expect(Facilitator.Tally(facilitator, "Staj programı")).ToHaveTextAsync("1 oy");

        // Newest first: Gençlik merkezi, Gezici kütüphane, Staj programı. Keyboard only from the first box.
        var boxes = facilitator.Page.GetByTestId("hall-votes");
        await Expect(boxes).ToHaveCountAsync(3);
        await Expect(boxes.Nth(0)).ToHaveAttributeAsync("inputmode", "numeric");
        await Expect(boxes.Nth(0)).ToHaveAccessibleNameAsync("Salon oyu: Gençlik merkezi");
        await boxes.Nth(0).FocusAsync();
        await facilitator.Page.Keyboard.PressAsync("Control+A");
        await facilitator.Page.Keyboard.TypeAsync("12");
        await facilitator.Page.Keyboard.PressAsync("Enter");
        await Expect(boxes.Nth(1)).ToBeFocusedAsync();
        await facilitator.Page.Keyboard.TypeAsync("30");
        await facilitator.Page.Keyboard.PressAsync("Enter");
        await Expect(boxes.Nth(2)).ToBeFocusedAsync();
        await facilitator.Page.Keyboard.TypeAsync("7");
        await facilitator.Page.Keyboard.PressAsync("Enter");

        await Expect(Facilitator.Tally(facilitator, "Gençlik merkezi")).ToHaveTextAsync("12 oy = 0 dijital + 12 salon");
        await Expect(Facilitator.Tally(facilitator, "Gezici kütüphane")).ToHaveTextAsync("30 oy = 0 dijital + 30 salon");
        await Expect(Facilitator.Tally(facilitator, "Staj programı")).ToHaveTextAsync("8 oy = 1 dijital + 7 salon");
        await Expect(facilitator.Page.GetByTestId("rank-item").First).ToContainTextAsync("Gezici kütüphane");

        // A count out of range stays in its box with the reason beside it, and changes nothing.
        var staj = facilitator.Idea("Staj programı");
        await staj.GetByTestId("hall-votes").FocusAsync();
        await facilitator.Page.Keyboard.PressAsync("Control+A");
        await facilitator.Page.Keyboard.TypeAsync("100001");
        await facilitator.Page.Keyboard.PressAsync("Enter");
        await Expect(staj.GetByTestId("hall-error")).ToHaveTextAsync("0 ile 100.000 arasında bir tam sayı yazın");
        await Expect(staj.GetByTestId("hall-votes")).ToBeFocusedAsync();
        await Expect(staj.GetByTestId("hall-votes")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Facilitator.Tally(facilitator, "Staj programı")).ToHaveTextAsync("8 oy = 1 dijital + 7 salon");
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (hall votes)");
        await facilitator.Page.Keyboard.PressAsync("Control+A");
        await facilitator.Page.Keyboard.TypeAsync("7");
        await facilitator.Page.Keyboard.PressAsync("Tab");
        await Expect(staj.GetByTestId("hall-error")).ToHaveCountAsync(0);

        // Results: ranked by the total, both counts shown apart.
        await Facilitator.SetPhaseAsync(facilitator, "Results");
        var results = wall.Page.GetByTestId("wall-result");
        await Expect(results).ToHaveCountAsync(3);
        await Expect(results.Nth(0)).ToContainTextAsync("Gezici kütüphane");
        await Expect(results.Nth(0)).ToContainTextAsync("30 oy = 0 dijital + 30 salon");
        await Expect(results.Nth(1)).ToContainTextAsync("Gençlik merkezi");
        await Expect(results.Nth(2)).ToContainTextAsync("Staj programı");
        await Expect(results.Nth(2)).ToContainTextAsync("8 oy = 1 dijital + 7 salon");
        await Accessibility.AssertNoSeriousViolationsAsync(wall.Page, "wall (Results, hall votes)");

        await participant.WaitForPhaseAsync("Results");
        var ideas = participant.Page.GetByTestId("idea");
        await Expect(ideas.Nth(0)).ToContainTextAsync("Gezici kütüphane");
        await Expect(ideas.Nth(0).GetByTestId("tally")).ToHaveTextAsync("30 oy = 0 dijital + 30 salon");
        await Expect(ideas.Nth(0).GetByTestId("paper")).ToHaveTextAsync("Kağıttan");
        await Expect(ideas.Nth(2).GetByTestId("tally")).ToHaveTextAsync("8 oy = 1 dijital + 7 salon");
        await Expect(participant.Page.GetByTestId("output")).ToContainTextAsync("30 oy = 0 dijital + 30 salon");
        await Accessibility.AssertNoSeriousViolationsAsync(participant.Page, "participant (Results, hall votes)");
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (Results, hall votes)");
        Assert.Empty(facilitator.PageErrors);
        Assert.Empty(participant.PageErrors);
        Assert.Empty(wall.PageErrors);
    }
}
