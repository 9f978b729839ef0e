using Microsoft.Playwright;
using Workshops.Contracts;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class WholeWorkshopTests(BrowserFixture fixture)
{
    private const string Transit = "toplu ulaşım ağı";
    private const string Duplicate = "Toplu ulaşımda erişilebilirlik";
    private const string Council = "Yerel yönetimlerle ortak izleme kurulu";
    private const string FinalWording = "Erişilebilir toplu ulaşım ağı kurulmalı";

    [Fact]
    public async Task Facilitator_and_three_participants_run_a_workshop_to_its_outputs_and_an_offline_vote_counts_once()
    {
        SetExpectTimeout();
        var created = await fixture.CreateEventAsync();
        var workshop = created.Workshops[0];
        var baseUrl = fixture.BaseUrl;

        var facilitator = await Person.SignInAsync(await fixture.LaptopAsync(), baseUrl, workshop.FacilitatorKey, "/w/" + workshop.WorkshopId);
        await facilitator.WaitForPhaseAsync("Setup");
        await Expect(facilitator.Page.GetByTestId("join-code")).ToContainTextAsync(created.JoinCode);

        var ayse = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, created.JoinCode, workshop.WorkshopId, "Ayşe Işık", "Sivil toplum kuruluşu");
        var mehmet = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, created.JoinCode, workshop.WorkshopId, "Mehmet", "Kamu kurumu");
        var zeynep = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, created.JoinCode, workshop.WorkshopId);
        await Expect(facilitator.Page.GetByTestId("presence")).ToContainTextAsync("3 katılımcı");

        // Brainstorm: ideas arrive live on every screen.
        await Facilitator.SetPhaseAsync(facilitator, "Brainstorm");
        await ayse.WaitForPhaseAsync("Brainstorm");
        await ayse.AddIdeaAsync("Engelli bireyler için erişilebilir toplu ulaşım");
        await mehmet.AddIdeaAsync(Duplicate);
        await zeynep.AddIdeaAsync(Council);
        await Expect(zeynep.Idea(Duplicate)).ToBeVisibleAsync();
        await Expect(ayse.Idea(Council)).ToBeVisibleAsync();
        await Expect(facilitator.Idea(Council)).ToBeVisibleAsync();
        await mehmet.SelectTabAsync(1);
        await mehmet.AddIdeaAsync("Kalıcı finansman modeli");

        // An author edits their own idea during Brainstorm.
        await ayse.Idea("Engelli bireyler").GetByTestId("edit").ClickAsync();
        await ayse.Page.Locator("dialog textarea").FillAsync("Engelli bireyler için erişilebilir " + Transit);
        await ayse.Page.GetByTestId("save").ClickAsync();
        await Expect(zeynep.Idea(Transit)).ToBeVisibleAsync();

        // Hide and restore: the others stop seeing it; its author sees it marked.
        await facilitator.Idea(Council).GetByTestId("hide").ClickAsync();
        await Expect(ayse.Idea(Council)).ToHaveCountAsync(0);
        await Expect(zeynep.Idea(Council)).ToContainTextAsync("gizlendi");
        await facilitator.Idea(Council).GetByTestId("restore").ClickAsync();
        await Expect(ayse.Idea(Council)).ToBeVisibleAsync();

        // Merge the duplicates into one.
        await facilitator.Idea(Transit).GetByTestId("select").CheckAsync();
        await facilitator.Idea(Duplicate).GetByTestId("select").CheckAsync();
        await facilitator.Page.GetByTestId("merge").ClickAsync();
        await facilitator.Page.Locator("dialog label.choice").Filter(new LocatorFilterOptions { HasText = Transit }).ClickAsync();
        await facilitator.Page.GetByTestId("confirm-merge").ClickAsync();
        await Expect(ayse.Idea(Duplicate)).ToHaveCountAsync(0);
        await Expect(facilitator.Idea(Duplicate)).ToHaveCountAsync(0);
        await Expect(facilitator.Idea(Transit)).ToContainTextAsync("+1");

        // The wall, opened from the facilitator view (same browser: same sign-in).
        var wall = await Person.OpenAsync(facilitator.Context, $"{baseUrl}/wall/{workshop.WorkshopId}");
        await wall.Page.SetViewportSizeAsync(1920, 1080);
        await Expect(wall.Page.GetByTestId("join-code")).ToHaveTextAsync(created.JoinCode);
        await Expect(wall.Page.Locator("[data-testid=wall-join] canvas")).ToBeVisibleAsync();
        await Expect(wall.Page.GetByTestId("wall-idea")).ToHaveCountAsync(3);

        // Voting, with one participant losing the connection.
        await Facilitator.SetPhaseAsync(facilitator, "Voting");
        await ayse.WaitForPhaseAsync("Voting");
        await ayse.Idea(Transit).GetByTestId("vote").ClickAsync();
        await mehmet.SelectTabAsync(0);
        await mehmet.Idea(Transit).GetByTestId("vote").ClickAsync();
        await mehmet.Idea(Council).GetByTestId("vote").ClickAsync();
        await Expect(mehmet.Page.GetByTestId("votes-left")).ToContainTextAsync("1 / 3");
        await Expect(Facilitator.Tally(facilitator, Transit)).ToHaveTextAsync("2 oy");

        await zeynep.Context.SetOfflineAsync(true);
        await Expect(zeynep.Connection).ToHaveAttributeAsync("data-state", "offline");
        await zeynep.Idea(Transit).GetByTestId("vote").ClickAsync();
        await Expect(zeynep.Connection).ToHaveAttributeAsync("data-waiting", "1");
        await Expect(zeynep.Page.GetByTestId("votes-left")).ToContainTextAsync("2 / 3");
        await Expect(zeynep.Idea(Transit).GetByTestId("my-votes")).ToHaveAttributeAsync("data-votes", "1");
        await Task.Delay(500);
        await Expect(Facilitator.Tally(facilitator, Transit)).ToHaveTextAsync("2 oy");

        await zeynep.Context.SetOfflineAsync(false);
        await Expect(zeynep.Connection).ToHaveAttributeAsync("data-state", "connected");
        await Expect(zeynep.Connection).ToHaveAttributeAsync("data-waiting", "0");
        await Expect(Facilitator.Tally(facilitator, Transit)).ToHaveTextAsync("3 oy");

        // A reload keeps the same person: nothing is counted twice, the budget is the same.
        await zeynep.Page.ReloadAsync();
        await Expect(zeynep.Page.GetByTestId("votes-left")).ToContainTextAsync("2 / 3");
        await Expect(zeynep.Idea(Transit).GetByTestId("my-votes")).ToHaveAttributeAsync("data-votes", "1");
        Assert.Equal(3, await VotesOnServerAsync(workshop, Transit));

        // Taking a vote back.
        await mehmet.Idea(Council).GetByTestId("unvote").ClickAsync();
        await Expect(Facilitator.Tally(facilitator, Council)).ToHaveTextAsync("0 oy");
        await Expect(mehmet.Page.GetByTestId("votes-left")).ToContainTextAsync("2 / 3");

        // Results: the top-voted idea is the output until the facilitator words one.
        await Facilitator.SetPhaseAsync(facilitator, "Results");
        await ayse.WaitForPhaseAsync("Results");
        await Expect(ayse.Page.GetByTestId("output")).ToContainTextAsync(Transit);
        await Expect(ayse.Idea(Transit).GetByTestId("tally")).ToHaveTextAsync("3 oy");
        await Expect(wall.Page.GetByTestId("wall-result").First).ToContainTextAsync(Transit);
        await Expect(wall.Page.GetByTestId("wall-result").First).ToContainTextAsync("3 oy");

        await facilitator.Idea(Transit).GetByTestId("use-as-output").ClickAsync();
        await facilitator.Page.GetByTestId("output-input").FillAsync(FinalWording);
        await facilitator.Page.GetByTestId("save-output").ClickAsync();
        await Expect(ayse.Page.GetByTestId("output")).ToContainTextAsync(FinalWording);

        // Closed: the wall shows the outputs; the moderator sees them too.
        await Facilitator.SetPhaseAsync(facilitator, "Closed");
        await Expect(wall.Page.GetByTestId("wall-output")).ToHaveCountAsync(3);
        await Expect(wall.Page.GetByTestId("wall-output").First).ToContainTextAsync(FinalWording);
        await zeynep.WaitForPhaseAsync("Closed");

        var moderator = await Person.SignInAsync(await fixture.LaptopAsync(), baseUrl, created.ModeratorKey, "/m/" + created.EventId);
        var card = moderator.Page.Locator($"[data-workshop-id=\"{workshop.WorkshopId}\"]");
        await Expect(card).ToContainTextAsync(FinalWording);
        await Expect(card.GetByTestId("phase")).ToHaveAttributeAsync("data-phase", "Closed");

        foreach (var person in new[] { facilitator, ayse, mehmet, zeynep, wall, moderator })
        {
            Assert.Empty(person.Dialogs);
            Assert.Empty(person.PageErrors);
        }
    }

    private async Task<int?> VotesOnServerAsync(WorkshopCreated workshop, string text)
    {
        var token = (await fixture.Api.SignInAsync(workshop.FacilitatorKey)).Token;
        var snapshot = await fixture.Api.GetAsync<WorkshopSnapshot>($"api/workshops/{workshop.WorkshopId}", token);
        return snapshot.Boards.SelectMany(b => b.Ideas).Single(i => i.Text.Contains(text, StringComparison.Ordinal) && i.Status == IdeaStatus.Visible).Votes;
    }

    internal static void SetExpectTimeout() => SetDefaultExpectTimeout(15_000);
}
