using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>
/// Walks every view through every phase with axe-core (no serious or critical violation
/// allowed) and keeps a screenshot of each for the README.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Every_view_in_every_phase_has_no_serious_or_critical_accessibility_violation()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.CreateEventAsync();
        var workshop = created.Workshops[0];
        var baseUrl = fixture.BaseUrl;

        // Join: the code form, then the form of the event.
        var phone = await fixture.PhoneAsync();
        var start = await Person.OpenAsync(phone, baseUrl + "/");
        await start.Page.GetByTestId("code-form").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(start.Page, "join (code)");
        await start.Page.Locator("#code").FillAsync(created.JoinCode.ToLowerInvariant());
        await start.Page.GetByTestId("code-form").Locator("button[type=submit]").ClickAsync();
        await start.Page.GetByTestId("join-form").WaitForAsync();
        await start.Page.Locator("#displayName").FillAsync("Ayşe Işık");
        await start.Page.Locator("#group").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "Kalkınma ajansı" });
        await Accessibility.AssertNoSeriousViolationsAsync(start.Page, "join (event)");
        await Screenshots.SaveAsync(start.Page, "join", fullPage: true);
        await start.Page.CloseAsync();

        var participant = await Person.JoinAsync(phone, baseUrl, created.JoinCode, workshop.WorkshopId, "Ayşe Işık", "Kalkınma ajansı");
        var other = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, created.JoinCode, workshop.WorkshopId);
        await Accessibility.AssertNoSeriousViolationsAsync(participant.Page, "participant (Setup)");

        var facilitator = await Person.SignInAsync(await fixture.LaptopAsync(), baseUrl, workshop.FacilitatorKey, "/w/" + workshop.WorkshopId);
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (Setup)");
        var wall = await Person.OpenAsync(await fixture.ProjectorAsync(), $"{baseUrl}/wall/{workshop.WorkshopId}#key={Uri.EscapeDataString(workshop.FacilitatorKey)}");
        await wall.WaitForPhaseAsync("Setup");
        await Accessibility.AssertNoSeriousViolationsAsync(wall.Page, "wall (Setup)");
        await Screenshots.SaveAsync(wall.Page, "wall-setup");

        await Facilitator.SetPhaseAsync(facilitator, "Brainstorm");
        await facilitator.Page.GetByTestId("timer-5").ClickAsync();
        await participant.WaitForPhaseAsync("Brainstorm");
        await participant.AddIdeaAsync("Engelli bireyler için erişilebilir toplu ulaşım ağı");
        await other.AddIdeaAsync("Göçmen kadınlara yönelik danışma merkezleri");
        await other.AddIdeaAsync("Kırsalda yaşlı bakımı için gezici ekipler");
        await participant.AddIdeaAsync("İşaret dili tercümanlarının kamu hizmetlerinde istihdamı");
        await participant.SelectTabAsync(1);
        await participant.AddIdeaAsync("Sosyal girişimler için kalıcı hibe programı");
        await other.SelectTabAsync(2);
        await other.AddIdeaAsync("Belediyeler ve STK'lar arasında ortak veri paylaşımı");
        await participant.SelectTabAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(participant.Page, "participant (Brainstorm)");
        await Screenshots.SaveAsync(participant.Page, "participant-brainstorm", fullPage: true);
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (Brainstorm)");
        await Expect(wall.Page.GetByTestId("wall-idea")).ToHaveCountAsync(6);
        await Accessibility.AssertNoSeriousViolationsAsync(wall.Page, "wall (Brainstorm)");
        await Screenshots.SaveAsync(wall.Page, "wall-ideas");

        // A facilitator dialog (merge) is accessible too.
        await facilitator.Idea("toplu ulaşım").GetByTestId("select").CheckAsync();
        await facilitator.Idea("İşaret dili").GetByTestId("select").CheckAsync();
        await facilitator.Page.GetByTestId("merge").ClickAsync();
        await facilitator.Page.GetByTestId("confirm-merge").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (merge dialog)");
        await facilitator.Page.Keyboard.PressAsync("Escape");
        await facilitator.Page.GetByTestId("confirm-merge").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        await facilitator.Page.GetByTestId("merge-bar").Locator("button.btn-quiet").ClickAsync();

        await Facilitator.SetPhaseAsync(facilitator, "Voting");
        await participant.WaitForPhaseAsync("Voting");
        await participant.Idea("toplu ulaşım").GetByTestId("vote").ClickAsync();
        await other.SelectTabAsync(0);
        await other.Idea("toplu ulaşım").GetByTestId("vote").ClickAsync();
        await other.Idea("Göçmen kadınlara").GetByTestId("vote").ClickAsync();
        await participant.Idea("Kırsalda").GetByTestId("vote").ClickAsync();
        await Expect(participant.Page.GetByTestId("votes-left")).ToContainTextAsync("1 / 3");
        await Accessibility.AssertNoSeriousViolationsAsync(participant.Page, "participant (Voting)");
        await Screenshots.SaveAsync(participant.Page, "participant-voting", fullPage: true);
        await Accessibility.AssertNoSeriousViolationsAsync(wall.Page, "wall (Voting)");
        await Expect(Facilitator.Tally(facilitator, "toplu ulaşım")).ToHaveTextAsync("2 oy");
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (Voting)");
        await Screenshots.SaveAsync(facilitator.Page, "facilitator", fullPage: true);

        await Facilitator.SetPhaseAsync(facilitator, "Results");
        await participant.WaitForPhaseAsync("Results");
        await Expect(participant.Page.GetByTestId("output")).ToContainTextAsync("toplu ulaşım");
        await Accessibility.AssertNoSeriousViolationsAsync(participant.Page, "participant (Results)");
        await Screenshots.SaveAsync(participant.Page, "participant-results", fullPage: true);
        await Expect(wall.Page.GetByTestId("wall-result").First).ToContainTextAsync("2 oy");
        await Accessibility.AssertNoSeriousViolationsAsync(wall.Page, "wall (Results)");
        await Screenshots.SaveAsync(wall.Page, "wall-results");
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (Results)");

        var moderator = await Person.SignInAsync(await fixture.LaptopAsync(), baseUrl, created.ModeratorKey, "/m/" + created.EventId);
        await Expect(moderator.Page.GetByTestId("workshop-card")).ToHaveCountAsync(2);
        await Expect(moderator.Page.GetByTestId("workshop-card").First).ToContainTextAsync("toplu ulaşım");
        await Accessibility.AssertNoSeriousViolationsAsync(moderator.Page, "moderator");
        await Screenshots.SaveAsync(moderator.Page, "moderator", fullPage: true);

        await Facilitator.SetPhaseAsync(facilitator, "Closed");
        await Expect(wall.Page.GetByTestId("wall-output")).ToHaveCountAsync(3);
        await Accessibility.AssertNoSeriousViolationsAsync(wall.Page, "wall (Closed)");
        await Screenshots.SaveAsync(wall.Page, "wall-outputs");
        await participant.WaitForPhaseAsync("Closed");
        await Accessibility.AssertNoSeriousViolationsAsync(participant.Page, "participant (Closed)");
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator.Page, "facilitator (Closed)");

        // Switching to English changes every text, and back; the page stays accessible in both.
        await participant.Page.GetByTestId("language").ClickAsync();
        await Expect(participant.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(participant.Page.GetByTestId("phase").First).ToHaveTextAsync("Closed");
        await Accessibility.AssertNoSeriousViolationsAsync(participant.Page, "participant (English)");
        await participant.Page.GetByTestId("language").ClickAsync();
        await Expect(participant.Page.GetByTestId("phase").First).ToHaveTextAsync("Kapandı");
    }
}
