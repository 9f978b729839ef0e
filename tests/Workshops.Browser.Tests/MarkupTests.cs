using Workshops.Contracts;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class MarkupTests(BrowserFixture fixture)
{
    private const string Attack = "<img src=x onerror=alert(1)>";
    private const string NameAttack = "<b onmouseover=alert(2)>Ali</b>";

    [Fact]
    public async Task Idea_and_name_with_markup_are_shown_as_text_on_every_screen_and_run_nothing()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.CreateEventAsync(settings: new WorkshopSettings { AnonymousIdeas = false });
        var workshop = created.Workshops[0];
        var baseUrl = fixture.BaseUrl;
        var facilitator = await Person.SignInAsync(await fixture.LaptopAsync(), baseUrl, workshop.FacilitatorKey, "/w/" + workshop.WorkshopId);
        await Facilitator.SetPhaseAsync(facilitator, "Brainstorm");
        var author = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, created.JoinCode, workshop.WorkshopId, NameAttack);
        var reader = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, created.JoinCode, workshop.WorkshopId);
        var wall = await Person.OpenAsync(await fixture.ProjectorAsync(), $"{baseUrl}/wall/{workshop.WorkshopId}#key={Uri.EscapeDataString(workshop.FacilitatorKey)}");

        await author.WaitForPhaseAsync("Brainstorm");
        await author.AddIdeaAsync(Attack);

        foreach (var person in new[] { author, reader, facilitator })
        {
            await Expect(person.Idea(Attack).GetByTestId("idea-text")).ToHaveTextAsync(Attack);
        }

        await Expect(reader.Idea(Attack)).ToContainTextAsync(NameAttack);
        await Expect(wall.Page.GetByTestId("wall-idea")).ToContainTextAsync(Attack);
        foreach (var person in new[] { author, reader, facilitator, wall })
        {
            Assert.Equal(0, await person.Page.Locator("img[src=x], b[onmouseover]").CountAsync());
            Assert.Empty(person.Dialogs);
            Assert.Empty(person.PageErrors);
        }
    }
}
