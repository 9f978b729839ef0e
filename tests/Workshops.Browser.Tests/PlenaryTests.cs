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
    [InlineData("tr", "25 Kasım 2021", "Etkinliğin çıktıları", "Her alanın ilk 5 fikri, oya göre (C: uzlaşıya göre)", "Her alanın ilk 5 fikri, gruplar arası uzlaşıya göre (C: oya göre)")]
    [InlineData("en", "25 November 2021", "Outputs of the event", "The top 5 ideas of each area, by votes (C: by consensus)", "The top 5 ideas of each area, by consensus across groups (C: by votes)")]
    public async Task Plenary_follows_every_clicker_key_and_shows_an_output_a_facilitator_sets_without_a_reload(string language, string day, string summary, string byVotes, string byConsensus)
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
        await Expect(number).ToHaveTextAsync("1 / 6");
        await Expect(page.GetByTestId("slide")).ToContainTextAsync(day);
        await Expect(page.GetByTestId("slide")).ToContainTextAsync("Ankara");
        await Expect(page.GetByTestId("download-deck")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"plenary title slide ({language})");
        await page.EvaluateAsync("() => { window.plenaryMark = 'same page'; }");

        // Each workshop's outputs slide is followed by its ranking slide.
        (string Key, string Heading, string Number, string Kind)[] walk =
        [
            ("ArrowRight", FirstWorkshop, "2 / 6", "workshop"),
            ("Space", FirstWorkshop, "3 / 6", "ranking"),
            ("PageDown", SecondWorkshop, "4 / 6", "workshop"),
            ("ArrowDown", SecondWorkshop, "5 / 6", "ranking"),
            ("PageDown", summary, "6 / 6", "summary"),
            ("ArrowDown", summary, "6 / 6", "summary"),
            ("Home", EventTitle, "1 / 6", "title"),
            ("ArrowLeft", EventTitle, "1 / 6", "title"),
            ("End", summary, "6 / 6", "summary"),
            ("PageUp", SecondWorkshop, "5 / 6", "ranking"),
            ("ArrowUp", SecondWorkshop, "4 / 6", "workshop"),
            ("ArrowUp", FirstWorkshop, "3 / 6", "ranking"),
        ];
        var stage = page.GetByTestId("slide");
        foreach (var (key, expected, slide, kind) in walk)
        {
            await page.Keyboard.PressAsync(key);
            await Expect(heading).ToHaveTextAsync(expected);
            await Expect(number).ToHaveTextAsync(slide);
            await Expect(stage).ToHaveAttributeAsync("data-kind", kind);
        }

        // The ranking slide says its order; C switches it, and the switch in the bar shows which.
        await Expect(page.GetByTestId("ranking-order")).ToHaveTextAsync(byVotes);
        await Expect(page.GetByTestId("rank-votes")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("c");
        await Expect(page.GetByTestId("ranking-order")).ToHaveTextAsync(byConsensus);
        await Expect(page.GetByTestId("rank-consensus")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("plenary-ranking")).ToHaveCountAsync(3);
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"plenary ranking slide ({language})");
        await page.Keyboard.PressAsync("c");
        await Expect(page.GetByTestId("ranking-order")).ToHaveTextAsync(byVotes);
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(number).ToHaveTextAsync("2 / 6");
        await Expect(page.GetByTestId("rank-toggle")).ToBeHiddenAsync();

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
        await Expect(number).ToHaveTextAsync("6 / 6");
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

        // The plenary's ranking slide: the first board's top ideas by votes, then by consensus.
        await moderator.Page.Keyboard.PressAsync("Home");
        await moderator.Page.Keyboard.PressAsync("ArrowRight");
        await moderator.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(moderator.Page.GetByTestId("slide")).ToHaveAttributeAsync("data-kind", "ranking");
        await Expect(moderator.Page.GetByTestId("slide-heading")).ToHaveTextAsync(FirstWorkshop);
        var board = moderator.Page.Locator($"[data-testid=plenary-ranking][data-board-id=\"{scenario.FirstBoardId}\"]");
        var texts = board.Locator(".plenary-rank-text");
        await Expect(texts).ToHaveTextAsync(byVotes);
        await Expect(board.GetByTestId("rank-votes-count")).ToHaveTextAsync(["4 oy", "3 oy", "2 oy", "0 oy"]);
        await moderator.Page.Keyboard.PressAsync("c");
        await Expect(texts).ToHaveTextAsync(byConsensus);
        Assert.Equal(["0.447", "0.408", "0.365", "0.183"], await board.GetByTestId("rank-consensus-value").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.consensus)"));
        await Expect(board.GetByTestId("rank-consensus-value").First).ToHaveTextAsync("Uzlaşı 0,45");
        await Expect(board.GetByTestId("rank-votes-count")).ToHaveTextAsync(["3 oy", "4 oy", "2 oy", "0 oy"]);
        // No group qualifies on the second board: its idea shows a dash.
        var second = moderator.Page.GetByTestId("plenary-ranking").Nth(1);
        await Expect(second.Locator(".plenary-rank-text")).ToHaveTextAsync([ConsensusScenario.F]);
        await Expect(second.GetByTestId("rank-consensus-value")).ToHaveTextAsync("Uzlaşı —");
        await Accessibility.AssertNoSeriousViolationsAsync(moderator.Page, "plenary ranking (by consensus)");
        await Screenshots.SaveAsync(moderator.Page, "plenary-ranking");

        // The visible switch does the same as C.
        await moderator.Page.GetByTestId("rank-votes").ClickAsync();
        await Expect(texts).ToHaveTextAsync(byVotes);
        await Expect(moderator.Page.GetByTestId("rank-votes")).ToHaveAttributeAsync("aria-pressed", "true");
        await moderator.Page.GetByTestId("rank-consensus").ClickAsync();
        await Expect(texts).ToHaveTextAsync(byConsensus);

        // Live: the facilitator hides B, the idea of highest consensus; the open slide drops it.
        await using (var hub = await HubClient.ConnectAsync(baseUrl, (await fixture.Api.SignInAsync(scenario.Workshop.FacilitatorKey)).Token))
        {
            await hub.JoinAsync(scenario.Workshop.WorkshopId);
            var ideaB = await board.Locator(".plenary-rank-item").First.GetAttributeAsync("data-idea-id");
            await hub.Connection.InvokeAsync<Idea>("HideIdea", scenario.Workshop.WorkshopId, ideaB);
        }

        await Expect(texts).ToHaveTextAsync([ConsensusScenario.A, ConsensusScenario.C, ConsensusScenario.D]);
        await Expect(moderator.Page.GetByTestId("slide")).ToHaveAttributeAsync("data-kind", "ranking");

        foreach (var person in new[] { facilitator, wall, moderator })
        {
            Assert.Empty(person.Dialogs);
            Assert.Empty(person.PageErrors);
        }
    }
}
