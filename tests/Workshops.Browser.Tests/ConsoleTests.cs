using System.Text.Json;
using Microsoft.Playwright;
using Workshops.Testing;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>
/// The organizer's console end to end, as an organizer uses it: sign in with the admin key, set up
/// the seed meeting through the form, print the kit and read it back (text and QR codes), rotate a
/// facilitator's key, delete the event. In Turkish and in English; axe on every console view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(BrowserFixture fixture)
{
    private static readonly string[] SeedWorkshops =
    [
        "Hassas Gruplar",
        "İş Dünyası, Sektörel İş Birliği ve Sosyal Girişimcilik",
        "Çevre, İklim, Gıda ve Enerji",
        "Kültür ve Sanat",
        "Eğitim ve Gençlik",
    ];

    [Theory]
    [InlineData("tr")]
    [InlineData("en")]
    public async Task Organizer_sets_up_the_seed_meeting_prints_its_kit_rotates_a_key_and_deletes_the_event(string language)
    {
        WholeWorkshopTests.SetExpectTimeout();
        var text = Texts.Of(language);
        var baseUrl = fixture.BaseUrl;
        var title = (language == "tr" ? "2. Ulusal Danışma Toplantısı " : "2nd National Consultation Meeting ") + Guid.NewGuid().ToString("N")[..6];
        var screenshots = language == "tr";

        // Sign in with the admin key on the console's own page.
        var organizer = await Person.OpenAsync(await fixture.LaptopAsync(), baseUrl + "/admin");
        var page = organizer.Page;
        await page.GetByTestId("sign-in-form").WaitForAsync();
        if (language == "en")
        {
            await page.GetByTestId("language").ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }

        await Expect(page.Locator("h1")).ToHaveTextAsync(text["console.signInTitle"]);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console sign-in");
        await page.GetByTestId("admin-key").FillAsync(fixture.Server.AdminKey);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("new-event")).ToHaveTextAsync(text["console.newEvent"]);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console list");

        // The seed meeting through the form: the defaults are the contract's, the titles are pasted.
        var started = DateTimeOffset.UtcNow;
        await page.GetByTestId("new-event").ClickAsync();
        await page.GetByTestId("program-form").WaitForAsync();
        await page.Locator("#f-title").FillAsync(title);
        await page.Locator("#f-date").FillAsync("2021-11-25");
        await page.Locator("#f-venue").FillAsync("Ankara");
        await page.Locator("#f-language").SelectOptionAsync(language);
        await page.Locator(".console-paste summary").ClickAsync();
        await page.GetByTestId("paste-workshops").FillAsync(string.Join("\n", SeedWorkshops));
        await page.GetByTestId("use-pasted").ClickAsync();
        await Expect(page.GetByTestId("workshop-input")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("area-input")).ToHaveCountAsync(3);

        // A refused setting is shown beside its field, in the page's language, and creates nothing.
        await page.Locator("#f-votesPerBoard").FillAsync("0");
        await page.GetByTestId("submit-program").ClickAsync();
        var error = page.Locator("[data-testid=field-error][data-field=votesPerBoard]");
        await Expect(error).ToHaveTextAsync(text["form.err.votesPerBoard"]);
        await Expect(page.Locator("#f-votesPerBoard")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#f-votesPerBoard")).ToHaveAttributeAsync("aria-describedby", await error.GetAttributeAsync("id") ?? "?");
        await Expect(page.Locator("#f-votesPerBoard")).ToBeFocusedAsync();
        Assert.DoesNotContain(title, await EventTitlesAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console create form (refused)");

        // Fixed with the keyboard alone: the field has the focus; Enter submits the form.
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("3");
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "console-create", fullPage: true);
        }

        await page.Keyboard.PressAsync("Enter");

        // The kit: the join poster, the moderator sheet and one card per workshop.
        try
        {
            await page.GetByTestId("kit").WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("no kit after creating; the page shows: " + await page.Locator("main").InnerTextAsync(), e);
        }

        await Expect(page.GetByTestId("kit-card")).ToHaveCountAsync(5);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromMinutes(1), "setting up the seed meeting took a minute or more");
        await Expect(page.GetByTestId("kit-poster")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("kit-moderator")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("print-kit")).ToHaveTextAsync(text["kit.print"]);
        var eventId = page.Url.Split('/')[^2];
        Assert.Equal($"{baseUrl}/admin/{eventId}/keys", page.Url);
        var joinCode = await page.GetByTestId("kit-join-code").InnerTextAsync();
        var cards = new List<(string WorkshopId, string Title, string Key)>();
        for (var i = 0; i < 5; i++)
        {
            var card = page.GetByTestId("kit-card").Nth(i);
            cards.Add((await card.GetAttributeAsync("data-workshop-id") ?? "", await card.Locator("h2").InnerTextAsync(), await card.GetByTestId("kit-key").InnerTextAsync()));
        }

        Assert.Equal(SeedWorkshops, cards.Select(c => c.Title).ToArray());
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console kit");
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "console-keys");
            await Screenshots.SaveElementAsync(page.GetByTestId("kit-card").First, "console-kit");
        }

        // Printed to PDF as Chromium prints it (the print button calls window.print()).
        using var folder = new TempDirectory();
        var pdfPath = Path.Combine(folder.Path, "kit.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdfPath, PreferCSSPageSize = true, PrintBackground = true });
        var pdf = new PrintedPdf(pdfPath);
        Assert.Equal(7, await pdf.PageCountAsync());
        Assert.Contains(joinCode, await pdf.PageTextAsync(1), StringComparison.Ordinal);
        Assert.Contains(title, await pdf.PageTextAsync(1), StringComparison.Ordinal);
        for (var i = 0; i < 5; i++)
        {
            var sheet = await pdf.PageTextAsync(3 + i);
            Assert.Contains(cards[i].Title, sheet, StringComparison.Ordinal);
            Assert.Contains(cards[i].Key, sheet, StringComparison.Ordinal);
            Assert.Contains(text["kit.card"], sheet, StringComparison.Ordinal);
        }

        var first = cards[0];
        var qr = (await pdf.RenderPageAsync(3, 150)).DecodeQr();
        var link = $"{baseUrl}/#key={Uri.EscapeDataString(first.Key)}";
        Assert.Equal(link, qr);
        Assert.Equal($"{baseUrl}/?code={joinCode}", (await pdf.RenderPageAsync(1, 100)).DecodeQr());

        // The card's link signs its facilitator in.
        var facilitator = await OpenKeyLinkAsync(link, "/w/" + first.WorkshopId);
        await facilitator.Page.GetByTestId("phase-Brainstorm").WaitForAsync();

        // A participant of another workshop, whose page must say when the event is gone.
        var participant = await Person.JoinAsync(await fixture.PhoneAsync(), baseUrl, joinCode, cards[1].WorkshopId, "Ayşe");

        // A new key for the first seat: a new card; the old page signs out, the old link is refused.
        await page.Locator($"[data-testid=seat-facilitator][data-workshop-id=\"{first.WorkshopId}\"] button").ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console keys (confirm)");
        await page.GetByTestId("confirm").ClickAsync();
        var newKeyLocator = page.Locator($"[data-testid=kit-card][data-workshop-id=\"{first.WorkshopId}\"] [data-testid=kit-key]");
        await Expect(newKeyLocator).Not.ToHaveTextAsync(first.Key);
        var newKey = await newKeyLocator.InnerTextAsync();
        await Expect(page.GetByTestId("kit-card")).ToHaveCountAsync(5);
        await Expect(facilitator.Page.Locator("h1")).ToHaveTextAsync(text["access.lostTitle"], new() { Timeout = 20_000 });
        var refused = await Person.OpenAsync(await fixture.LaptopAsync(), link);
        await Expect(refused.Page.Locator(".error")).ToHaveTextAsync(Texts.Of("tr")["join.badKey"]);
        await OpenKeyLinkAsync($"{baseUrl}/#key={Uri.EscapeDataString(newKey)}", "/w/" + first.WorkshopId);

        // The list: live counts and status; the event's row leads to its moderator page, which leads to the console.
        await page.GetByTestId("nav-events").ClickAsync();
        var row = page.GetByTestId("event-row").Filter(new() { HasText = title });
        await Expect(row.GetByTestId("event-workshops")).ToHaveTextAsync("5");
        await Expect(row.GetByTestId("event-status")).ToHaveTextAsync(text["console.statusOpen"]);
        await Expect(row.GetByTestId("event-participants")).ToHaveTextAsync("1");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console list (events)");
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "console-list");
        }

        await row.GetByTestId("event-link").ClickAsync();
        await Expect(page.GetByTestId("workshop-card")).ToHaveCountAsync(5);
        await page.GetByTestId("console-edit").ClickAsync();
        await page.GetByTestId("program-form").WaitForAsync();
        await Expect(page.Locator("#f-title")).ToHaveValueAsync(title);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console edit");

        // Deleting needs the title typed; then the participant's open page says the event is gone.
        await page.GetByTestId("delete-event").ClickAsync();
        await page.GetByTestId("delete-confirm-input").FillAsync(title[..^1]);
        await Expect(page.GetByTestId("delete-confirm")).ToBeDisabledAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console delete dialog");
        await page.GetByTestId("delete-confirm-input").FillAsync(title);
        await page.GetByTestId("delete-confirm").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(text["delete.done"]);
        await Expect(participant.Page.Locator("h1")).ToHaveTextAsync(text["gone.title"], new() { Timeout = 20_000 });
        Assert.DoesNotContain(title, await EventTitlesAsync());
        foreach (var person in new[] { organizer, facilitator, participant })
        {
            Assert.Empty(person.PageErrors);
        }
    }

    private async Task<Person> OpenKeyLinkAsync(string link, string expectedPath)
    {
        var person = await Person.OpenAsync(await fixture.LaptopAsync(), link);
        await person.Page.WaitForFunctionAsync("path => location.pathname === path", expectedPath, new() { Timeout = 60_000, PollingInterval = 100 });
        await person.Connection.WaitForAsync();
        return person;
    }

    private async Task<List<string>> EventTitlesAsync()
    {
        var list = await fixture.Api.GetAsync<JsonElement>("api/events", fixture.AdminToken);
        return [.. list.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("title").GetString() ?? "")];
    }
}
