using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>The closing deck (PROTOCOL.md section 12) as a person gets it: a click, a download, a file PowerPoint opens.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeckDownloadTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Deck_downloads_from_the_moderator_page_and_the_plenary_as_a_valid_pptx_in_Turkish()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var scenario = await ConsensusScenario.CreateAsync(fixture);
        var baseUrl = fixture.BaseUrl;
        var moderator = await Person.SignInAsync(await fixture.ProjectorAsync(), baseUrl, scenario.Event.ModeratorKey, "/m/" + scenario.Event.EventId);
        var page = moderator.Page;

        var fromModerator = await DownloadAsync(page, page.GetByTestId("export-pptx"));
        await page.GotoAsync($"{baseUrl}/plenary/{scenario.Event.EventId}");
        await Expect(page.GetByTestId("slide-heading")).ToHaveTextAsync("2. Ulusal Danışma Toplantısı");
        var fromPlenary = await DownloadAsync(page, page.GetByTestId("download-deck"));

        foreach (var (where, download) in new[] { ("moderator page", fromModerator), ("plenary", fromPlenary) })
        {
            Assert.Equal("2-ulusal-danisma-toplantisi-2021-11-25.pptx", download.SuggestedFilename);
            var path = await download.PathAsync();
            var deck = DownloadedDeck.Read(path);
            Assert.True(deck.Errors.Count == 0, where + ": " + string.Join("\n", deck.Errors));
            // A title slide, one slide per workshop, the closing slide.
            Assert.Equal(2 + scenario.Event.Workshops.Count, deck.Slides.Count);
            Assert.Equal(["2. Ulusal Danışma Toplantısı", "Kapanış oturumu — atölye çıktıları", "25 Kasım 2021 · Ankara"], deck.Slides[0]);
            Assert.Equal("Hassas Gruplar", deck.Slides[1][0]);
            // The top-voted output of the first board, with its votes and consensus (hand-computed in ConsensusScenario).
            Assert.Contains(ConsensusScenario.A, deck.Slides[1]);
            Assert.Contains("4 oy · Uzlaşı: 0,408", deck.Slides[1]);
            Assert.Equal("Eğitim ve Gençlik", deck.Slides[2][0]);
            // The seven voters of the scenario, each counted once.
            Assert.Equal(["Toplantının toplamı", "7", "Katılımcı"], deck.Slides[^1].Take(3));
        }

        Assert.Empty(moderator.Dialogs);
        Assert.Empty(moderator.PageErrors);
    }

    private static Task<IDownload> DownloadAsync(IPage page, ILocator button) =>
        page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
}
