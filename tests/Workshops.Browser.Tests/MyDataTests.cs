using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Workshops.Contracts;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>The participant's "my data" page (contract section 11): see what is stored, erase it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MyDataTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Participant_sees_their_name_idea_and_vote_on_my_data_erases_them_and_the_token_and_name_are_gone()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.CreateEventAsync(settings: WorkshopSettings.Default with { AnonymousIdeas = false });
        var workshop = created.Workshops[0];
        var baseUrl = fixture.BaseUrl;
        var marker = "m" + Guid.NewGuid().ToString("N")[..10];
        var name = $"Gülşen Ilıcak {marker}";
        const string IdeaText = "Köy okullarına ulaşım desteği";

        var facilitator = await Person.SignInAsync(await fixture.LaptopAsync(), baseUrl, workshop.FacilitatorKey, "/w/" + workshop.WorkshopId);
        var person = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, created.JoinCode, workshop.WorkshopId, name, "Kamu kurumu");
        await Facilitator.SetPhaseAsync(facilitator, "Brainstorm");
        await person.WaitForPhaseAsync("Brainstorm");
        await person.AddIdeaAsync(IdeaText);
        await Expect(facilitator.Idea(IdeaText)).ToContainTextAsync(name);
        await Facilitator.SetPhaseAsync(facilitator, "Voting");
        await person.WaitForPhaseAsync("Voting");
        await person.Idea(IdeaText).GetByTestId("vote").ClickAsync();
        await Expect(person.Page.GetByTestId("votes-left")).ToContainTextAsync("2 / 3");

        // The facilitator's page stays open through the erasure: a mark on it shows it is never reloaded.
        await facilitator.Page.EvaluateAsync("() => { window.openedBeforeErasure = true; }");

        // "My data", from the workshop view: the name, group, idea and vote the server keeps.
        var token = await ParticipantTokenAsync(person.Page);
        await person.Page.GetByTestId("my-data").ClickAsync();
        await person.WaitForPathAsync("/me/" + created.EventId, "opening my data");
        await Expect(person.Page.GetByTestId("me-name")).ToHaveTextAsync(name);
        await Expect(person.Page.GetByTestId("me-group")).ToHaveTextAsync("Kamu kurumu");
        await Expect(person.Page.GetByTestId("me-ideas")).ToContainTextAsync(IdeaText);
        await Expect(person.Page.GetByTestId("me-votes")).ToContainTextAsync(IdeaText + ": 1");
        await Accessibility.AssertNoSeriousViolationsAsync(person.Page, "my data");

        // Erase, confirmed in the dialog: the page says so and the session is gone.
        await person.Page.GetByTestId("me-erase").ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(person.Page, "my data, erase confirmation");
        await person.Page.GetByTestId("confirm").ClickAsync();
        await Expect(person.Page.Locator("main h1")).ToHaveTextAsync("Verileriniz silindi");
        await Accessibility.AssertNoSeriousViolationsAsync(person.Page, "my data, erased");
        Assert.Equal("[]", await person.Page.EvaluateAsync<string>("() => JSON.stringify(JSON.parse(localStorage.getItem('ws.sessions') ?? '[]').filter(s => s.role === 'participant'))"));
        Assert.DoesNotContain(marker, await person.Page.EvaluateAsync<string>("() => JSON.stringify(localStorage)"), StringComparison.Ordinal);

        // The token is refused; the facilitator's open page loses the name live, without a reload.
        var (status, code, _) = await fixture.Api.TryAsync(HttpMethod.Get, "api/me", token);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized), (status, code));
        await Expect(facilitator.Idea(IdeaText)).Not.ToContainTextAsync(marker);
        await Expect(facilitator.Idea(IdeaText)).ToBeVisibleAsync();
        Assert.True(await facilitator.Page.EvaluateAsync<bool>("() => window.openedBeforeErasure === true"));
        Assert.Empty(facilitator.PageErrors);
        await facilitator.Page.ReloadAsync();
        await Expect(facilitator.Idea(IdeaText)).Not.ToContainTextAsync(marker);
        Assert.Empty(person.PageErrors);
        Assert.Empty(person.Dialogs);
    }

    private static async Task<string> ParticipantTokenAsync(IPage page)
    {
        var sessions = await page.EvaluateAsync<string>("() => localStorage.getItem('ws.sessions')");
        using var json = JsonDocument.Parse(sessions);
        return json.RootElement.EnumerateArray().First(s => s.GetProperty("role").GetString() == "participant").GetProperty("token").GetString()!;
    }
}
