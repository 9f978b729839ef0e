using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Workshops.Contracts;
using Workshops.TestHost;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>The closing plenary on the projector and the consensus ranking (PROTOCOL.md sections 10 and 12).</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlenaryTests(BrowserFixture fixture)
{
    private const string EventTitle = "2. Ulusal Danışma Toplantısı";
    private const string FirstWorkshop = "Hassas Gruplar";
    private const string SecondWorkshop = "Eğitim ve Gençlik";

    [Theory]
    [InlineData("tr", "25 Kasım 2021", "Etkinliğin çıktıları")]
    [InlineData("en", "25 November 2021", "Outputs of the event")]
    public async Task Plenary_follows_every_clicker_key_and_shows_an_output_a_facilitator_sets_without_a_reload(string language, string day, string summary)
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.CreateEventAsync(language);
        var baseUrl = fixture.BaseUrl;
        var moderator = await Person.SignInAsync(await fixture.ProjectorAsync(), baseUrl, created.ModeratorKey, "/m/" + created.EventId);
        var page = moderator.Page;

        // The moderator page leads to the plenary and offers the deck.
        await Expect(page.GetByTestId("open-plenary")).ToHaveAttributeAsync("href", "/plenary/" + created.EventId);
        await Expect(page.GetByTestId("export-pptx")).ToBeVisibleAsync();

        await page.GotoAsync($"{baseUrl}/plenary/{created.EventId}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var heading = page.GetByTestId("slide-heading");
        var number = page.GetByTestId("slide-number");
        await Expect(heading).ToHaveTextAsync(EventTitle);
        await Expect(number).ToHaveTextAsync("1 / 4");
        await Expect(page.GetByTestId("slide")).ToContainTextAsync(day);
        await Expect(page.GetByTestId("slide")).ToContainTextAsync("Ankara");
        await Expect(page.GetByTestId("download-deck")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"plenary title slide ({language})");
        await page.EvaluateAsync("() => { window.plenaryMark = 'same page'; }");

        (string Key, string Heading, string Number)[] walk =
        [
            ("ArrowRight", FirstWorkshop, "2 / 4"),
            ("Space", SecondWorkshop, "3 / 4"),
            ("PageDown", summary, "4 / 4"),
            ("ArrowDown", summary, "4 / 4"),
            ("Home", EventTitle, "1 / 4"),
            ("ArrowLeft", EventTitle, "1 / 4"),
            ("End", summary, "4 / 4"),
            ("PageUp", SecondWorkshop, "3 / 4"),
            ("ArrowUp", FirstWorkshop, "2 / 4"),
            ("ArrowDown", SecondWorkshop, "3 / 4"),
            ("ArrowLeft", FirstWorkshop, "2 / 4"),
        ];
        foreach (var (key, expected, slide) in walk)
        {
            await page.Keyboard.PressAsync(key);
            await Expect(heading).ToHaveTextAsync(expected);
            await Expect(number).ToHaveTextAsync(slide);
        }

        // The first workshop's slide: one card per area, none worded yet.
        var outputs = page.GetByTestId("plenary-output");
        await Expect(outputs).ToHaveCountAsync(3);
        await Expect(outputs.First.GetByTestId("output-text")).ToHaveTextAsync(language == "tr" ? "Henüz çıktı yok." : "No output yet.");

        // A facilitator words an output over the hub: the open slide shows it at once.
        var workshop = created.Workshops[0];
        await using var facilitator = await HubClient.ConnectAsync(baseUrl, (await fixture.Api.SignInAsync(workshop.FacilitatorKey)).Token);
        var snapshot = await facilitator.JoinAsync(workshop.WorkshopId);
        const string Wording = "Erişilebilir toplu ulaşım her ilde kurulmalı";
        await facilitator.Connection.InvokeAsync<Output>("SetOutput", workshop.WorkshopId, snapshot.Boards[0].BoardId, new OutputInput { Text = Wording, SourceIdeaIds = [] });
        await Expect(outputs.First.GetByTestId("output-text")).ToHaveTextAsync(Wording);
        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.plenaryMark"));
        await Expect(heading).ToHaveTextAsync(FirstWorkshop);
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"plenary workshop slide ({language})");

        await page.Keyboard.PressAsync("End");
        await Expect(page.GetByTestId("summary-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("summary-row").First).ToContainTextAsync(Wording);
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"plenary summary slide ({language})");

        Assert.Empty(moderator.Dialogs);
        Assert.Empty(moderator.PageErrors);
    }

    [Fact]
    public async Task Plenary_asks_for_the_moderator_link_and_refuses_a_participant()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.CreateEventAsync();
        var stranger = await Person.OpenAsync(await fixture.ProjectorAsync(), $"{fixture.BaseUrl}/plenary/{created.EventId}");
        await Expect(stranger.Page.Locator("h1")).ToHaveTextAsync("Kapanış oturumu için moderatör bağlantısı gerekir");
        await Expect(stranger.Page.GetByTestId("slide")).ToHaveCountAsync(0);

        var participant = await Person.JoinAsync(await fixture.PhoneAsync(), fixture.BaseUrl, created.JoinCode, created.Workshops[0].WorkshopId);
        await participant.Page.GotoAsync($"{fixture.BaseUrl}/plenary/{created.EventId}");
        await Expect(participant.Page.Locator("h1")).ToHaveTextAsync("Kapanış oturumunu yalnızca moderatör açabilir");
        await Expect(participant.Page.GetByTestId("slide")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Ranking_by_consensus_reorders_the_results_the_wall_and_the_plenary_as_hand_computed()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var scenario = await ConsensusScenario.CreateAsync(fixture);
        var baseUrl = fixture.BaseUrl;
        string[] byVotes = [ConsensusScenario.A, ConsensusScenario.B, ConsensusScenario.C, ConsensusScenario.D];
        string[] byConsensus = [ConsensusScenario.B, ConsensusScenario.A, ConsensusScenario.C, ConsensusScenario.D];

        // The facilitator's results.
        var facilitator = await Person.SignInAsync(await fixture.LaptopAsync(), baseUrl, scenario.Workshop.FacilitatorKey, "/w/" + scenario.Workshop.WorkshopId);
        var ranking = facilitator.Page.GetByTestId("tallies");
        await Expect(ranking.Locator(".rank-text")).ToHaveTextAsync(byVotes);
        await ranking.GetByTestId("rank-consensus").ClickAsync();
        await Expect(ranking.GetByTestId("rank-consensus")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(ranking.Locator(".rank-text")).ToHaveTextAsync(byConsensus);
        var values = ranking.GetByTestId("rank-item").GetByTestId("consensus");
        await Expect(values).ToHaveCountAsync(4);
        Assert.Equal(["0.447", "0.408", "0.365", "0.183"], await values.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.consensus)"));
        await Expect(values.First).ToHaveTextAsync("0,45");
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (ranked by consensus)");
        await ranking.GetByTestId("rank-votes").ClickAsync();
        await Expect(ranking.Locator(".rank-text")).ToHaveTextAsync(byVotes);

        // No group qualifies on the second board: a dash that says why.
        await facilitator.SelectTabAsync(1);
        var none = ranking.GetByTestId("rank-item").GetByTestId("consensus");
        await Expect(none).ToHaveTextAsync("—");
        await Expect(none).ToHaveAttributeAsync("title", "3+ oy vereni olan 2 grup gerekir");

        // The wall of the workshop (same browser, same sign-in).
        var wall = await Person.OpenAsync(await fixture.ProjectorAsync(), $"{baseUrl}/wall/{scenario.Workshop.WorkshopId}?key={Uri.EscapeDataString(scenario.Workshop.FacilitatorKey)}");
        await wall.WaitForPhaseAsync("Results");
        var firstColumn = wall.Page.Locator(".wall-column").First.Locator(".wall-result-text");
        await Expect(firstColumn).ToHaveTextAsync(byVotes);
        await wall.Page.GetByTestId("rank-consensus").ClickAsync();
        await Expect(firstColumn).ToHaveTextAsync(byConsensus);
        await Expect(wall.Page.Locator(".wall-column").First.GetByTestId("consensus").First).ToHaveTextAsync("0,45");
        await Accessibility.AssertNoSeriousViolationsAsync(wall.Page, "wall (ranked by consensus)");

        // The plenary: the top-voted output with its consensus and the support of both groups.
        var moderator = await Person.SignInAsync(await fixture.ProjectorAsync(), baseUrl, scenario.Event.ModeratorKey, "/m/" + scenario.Event.EventId);
        await moderator.Page.GotoAsync($"{baseUrl}/plenary/{scenario.Event.EventId}");
        await Expect(moderator.Page.GetByTestId("slide-heading")).ToHaveTextAsync(EventTitle);
        await moderator.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(moderator.Page.GetByTestId("slide-heading")).ToHaveTextAsync(FirstWorkshop);
        var output = moderator.Page.Locator($"[data-testid=plenary-output][data-board-id=\"{scenario.FirstBoardId}\"]");
        await Expect(output.GetByTestId("output-text")).ToHaveTextAsync(ConsensusScenario.A);
        await Expect(output.GetByTestId("output-votes")).ToHaveTextAsync("4 oy");
        await Expect(output.GetByTestId("consensus")).ToHaveAttributeAsync("data-consensus", "0.408");
        var rows = output.GetByTestId("support-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(output.Locator($"[data-group=\"{ConsensusScenario.CivilSociety}\"]")).ToContainTextAsync("4 kişiden 4");
        await Expect(output.Locator($"[data-group=\"{ConsensusScenario.PublicBody}\"]")).ToContainTextAsync("3 kişiden 0");
        await Accessibility.AssertNoSeriousViolationsAsync(moderator.Page, "plenary (support bars)");
        await Screenshots.SaveAsync(moderator.Page, "plenary");

        await moderator.Page.Keyboard.PressAsync("End");
        await Expect(moderator.Page.GetByTestId("top-idea").First).ToContainTextAsync(ConsensusScenario.B);

        foreach (var person in new[] { facilitator, wall, moderator })
        {
            Assert.Empty(person.Dialogs);
            Assert.Empty(person.PageErrors);
        }
    }
}
