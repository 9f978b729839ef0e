using System.Text.Json;
using Microsoft.Playwright;
using Workshops.Testing;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>
/// The console's event form piece by piece: workshop rows added and removed, titles pasted one a
/// line, a program file imported (privacy notice and joinWith included), a refused privacy field.
/// Each test creates through the page and reads back what the server stored.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleFormTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Workshop_rows_added_and_removed_create_exactly_the_remaining_workshops_in_order()
    {
        var page = await NewEventFormAsync("tr");
        var title = Unique("Satır Ekleme");
        await page.Locator("#f-title").FillAsync(title);
        await page.Locator("#f-workshop-0").FillAsync("Işıklı Yollar");
        await page.GetByTestId("add-workshop").ClickAsync();
        await Expect(page.Locator("#f-workshop-1")).ToBeFocusedAsync();
        await page.Locator("#f-workshop-1").FillAsync("Silinecek Çalıştay");
        await page.GetByTestId("add-workshop").ClickAsync();
        await page.Locator("#f-workshop-2").FillAsync("İnsan Hakları");
        await Expect(page.GetByTestId("workshop-input")).ToHaveCountAsync(3);

        await page.GetByTestId("remove-workshop").Nth(1).ClickAsync();

        await Expect(page.GetByTestId("workshop-input")).ToHaveCountAsync(2);
        await Expect(page.Locator("#f-workshop-0")).ToHaveValueAsync("Işıklı Yollar");
        await Expect(page.Locator("#f-workshop-1")).ToHaveValueAsync("İnsan Hakları");
        var eventId = await CreateAsync(page);
        Assert.Equal(["Işıklı Yollar", "İnsan Hakları"], WorkshopTitles(await SummaryAsync(eventId)));
    }

    [Fact]
    public async Task Titles_pasted_one_a_line_replace_blank_rows_and_follow_the_typed_ones()
    {
        var page = await NewEventFormAsync("en");
        var title = Unique("Pasted Titles");
        await page.Locator("#f-title").FillAsync(title);
        await page.Locator("#f-workshop-0").FillAsync("Işıklı Yollar");
        await page.GetByTestId("add-workshop").ClickAsync();
        await page.Locator(".console-paste summary").ClickAsync();

        await page.GetByTestId("paste-workshops").FillAsync("  Kültür ve Sanat  \n\n   \nİnsan Hakları\nÇevre, İklim, Gıda ve Enerji\n");
        await page.GetByTestId("use-pasted").ClickAsync();

        await Expect(page.GetByTestId("workshop-input")).ToHaveCountAsync(4);
        await Expect(page.Locator("#f-workshop-1")).ToBeFocusedAsync();
        var eventId = await CreateAsync(page);
        Assert.Equal(["Işıklı Yollar", "Kültür ve Sanat", "İnsan Hakları", "Çevre, İklim, Gıda ve Enerji"], WorkshopTitles(await SummaryAsync(eventId)));
    }

    [Fact]
    public async Task Imported_program_file_fills_the_form_creates_the_event_with_its_privacy_notice_and_joinWith_and_exports_them_again()
    {
        var page = await NewEventFormAsync("tr");
        var title = Unique("İçe Aktarılan Toplantı");
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "program.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            title,
            date = "2021-11-25",
            venue = "Ankara",
            language = "en",
            outputAreas = new[] { "Etki", "Yenilik" },
            workshops = new[] { new { title = "Hassas Gruplar" }, new { title = "Eğitim ve Gençlik" }, new { title = "Kültür ve Sanat" } },
            stakeholderGroups = new[] { "Kamu kurumu", "Basın" },
            settings = new { votesPerBoard = 4, maxVotesPerIdea = 2, anonymousIdeas = false, liveResults = true, maxIdeaLength = 300, joinWith = "badge" },
            privacy = new { controller = "İl Özel İdaresi", contact = "kvkk@ornek.gov.tr", purpose = "Toplantı raporunu yazmak", retentionDays = 90 },
        }));

        await page.GetByTestId("import-program").SetInputFilesAsync(file);

        await Expect(page.GetByTestId("import-note")).ToHaveTextAsync(
            Texts.Of("tr")["form.imported"].Replace("{name}", "program.json", StringComparison.Ordinal).Replace("{n}", "3", StringComparison.Ordinal));
        await Expect(page.Locator("#f-title")).ToHaveValueAsync(title);
        await Expect(page.Locator("#f-language")).ToHaveValueAsync("en");
        await Expect(page.GetByTestId("workshop-input")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("area-input")).ToHaveCountAsync(2);
        await Expect(page.Locator("#f-votesPerBoard")).ToHaveValueAsync("4");
        await Expect(page.Locator("#f-joinWith-badge")).ToBeCheckedAsync();
        await Expect(page.Locator("#f-privacy-controller")).ToHaveValueAsync("İl Özel İdaresi");
        await Expect(page.Locator("#f-privacy-contact")).ToHaveValueAsync("kvkk@ornek.gov.tr");
        await Expect(page.Locator("#f-privacy-purpose")).ToHaveValueAsync("Toplantı raporunu yazmak");
        await Expect(page.Locator("#f-privacy-retentionDays")).ToHaveValueAsync("90");

        var eventId = await CreateAsync(page);
        var summary = await SummaryAsync(eventId);
        Assert.Equal(title, summary.GetProperty("title").GetString());
        Assert.Equal("en", summary.GetProperty("language").GetString());
        Assert.Equal(["Etki", "Yenilik"], summary.GetProperty("outputAreas").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["Hassas Gruplar", "Eğitim ve Gençlik", "Kültür ve Sanat"], WorkshopTitles(summary));
        Assert.Equal(["Kamu kurumu", "Basın"], summary.GetProperty("stakeholderGroups").EnumerateArray().Select(g => g.GetString()));
        var settings = summary.GetProperty("settings");
        Assert.Equal(4, settings.GetProperty("votesPerBoard").GetInt32());
        Assert.Equal(2, settings.GetProperty("maxVotesPerIdea").GetInt32());
        Assert.False(settings.GetProperty("anonymousIdeas").GetBoolean());
        Assert.True(settings.GetProperty("liveResults").GetBoolean());
        Assert.Equal(300, settings.GetProperty("maxIdeaLength").GetInt32());
        Assert.Equal("badge", settings.GetProperty("joinWith").GetString());
        var privacy = summary.GetProperty("privacy");
        Assert.Equal("İl Özel İdaresi", privacy.GetProperty("controller").GetString());
        Assert.Equal("kvkk@ornek.gov.tr", privacy.GetProperty("contact").GetString());
        Assert.Equal("Toplantı raporunu yazmak", privacy.GetProperty("purpose").GetString());
        Assert.Equal(90, privacy.GetProperty("retentionDays").GetInt32());

        // The edit form shows them again, and its program export carries them.
        await page.Locator($"a[href=\"/admin/{eventId}/edit\"]").ClickAsync();
        await Expect(page.Locator("#f-privacy-controller")).ToHaveValueAsync("İl Özel İdaresi");
        await Expect(page.Locator("#f-privacy-retentionDays")).ToHaveValueAsync("90");
        await Expect(page.Locator("#f-joinWith-badge")).ToBeCheckedAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-program").ClickAsync());
        using var exported = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        var program = exported.RootElement;
        Assert.Equal(title, program.GetProperty("title").GetString());
        Assert.Equal(
            summary.GetProperty("workshops").EnumerateArray().Select(w => w.GetProperty("workshopId").GetString()),
            program.GetProperty("workshops").EnumerateArray().Select(w => w.GetProperty("workshopId").GetString()));
        Assert.Equal("badge", program.GetProperty("settings").GetProperty("joinWith").GetString());
        Assert.Equal(4, program.GetProperty("settings").GetProperty("votesPerBoard").GetInt32());
        var notice = program.GetProperty("privacy");
        Assert.Equal("İl Özel İdaresi", notice.GetProperty("controller").GetString());
        Assert.Equal("kvkk@ornek.gov.tr", notice.GetProperty("contact").GetString());
        Assert.Equal("Toplantı raporunu yazmak", notice.GetProperty("purpose").GetString());
        Assert.Equal(90, notice.GetProperty("retentionDays").GetInt32());
    }

    [Theory]
    [InlineData("tr")]
    [InlineData("en")]
    public async Task Refused_privacy_field_is_shown_beside_it_in_the_page_language_and_creates_nothing(string language)
    {
        var text = Texts.Of(language);
        var page = await NewEventFormAsync(language);
        var title = Unique(language == "tr" ? "Eksik Gizlilik" : "Missing Privacy");
        await page.Locator("#f-title").FillAsync(title);
        await page.Locator("#f-workshop-0").FillAsync("Hassas Gruplar");
        await page.Locator("#f-privacy-controller").FillAsync("İl Özel İdaresi");

        await page.GetByTestId("submit-program").ClickAsync();

        var error = page.Locator("[data-testid=field-error][data-field='privacy.contact']");
        await Expect(error).ToHaveTextAsync(text["form.err.privacyContact"]);
        await Expect(page.Locator("#f-privacy-contact")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#f-privacy-contact")).ToHaveAttributeAsync("aria-describedby", await error.GetAttributeAsync("id") ?? "?");
        await Expect(page.Locator("#f-privacy-contact")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("form-error")).ToContainTextAsync(text["form.err.privacyContact"]);
        Assert.DoesNotContain(title, await EventTitlesAsync());

        // Fixed in place, the same form creates the event with the notice.
        await page.Locator("#f-privacy-contact").FillAsync("kvkk@ornek.gov.tr");
        var privacy = (await SummaryAsync(await CreateAsync(page))).GetProperty("privacy");
        Assert.Equal("kvkk@ornek.gov.tr", privacy.GetProperty("contact").GetString());
        Assert.Equal(30, privacy.GetProperty("retentionDays").GetInt32());
    }

    private static string Unique(string title) => title + " " + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Signs in with the admin key on /admin and opens the new event form.</summary>
    private async Task<IPage> NewEventFormAsync(string language)
    {
        WholeWorkshopTests.SetExpectTimeout();
        var organizer = await Person.OpenAsync(await fixture.LaptopAsync(), fixture.BaseUrl + "/admin");
        var page = organizer.Page;
        await page.GetByTestId("sign-in-form").WaitForAsync();
        if (language == "en")
        {
            await page.GetByTestId("language").ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }

        await page.GetByTestId("admin-key").FillAsync(fixture.Server.AdminKey);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("new-event").ClickAsync();
        await page.GetByTestId("program-form").WaitForAsync();
        return page;
    }

    /// <summary>Submits the form and returns the created event's id, read from the kit page's address.</summary>
    private static async Task<string> CreateAsync(IPage page)
    {
        await page.GetByTestId("submit-program").ClickAsync();
        try
        {
            await page.GetByTestId("kit").WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("no kit after creating; the page shows: " + await page.Locator("main").InnerTextAsync(), e);
        }

        return page.Url.Split('/')[^2];
    }

    private async Task<JsonElement> SummaryAsync(string eventId) =>
        await fixture.Api.GetAsync<JsonElement>("api/events/" + eventId, fixture.AdminToken);

    private static string[] WorkshopTitles(JsonElement summary) =>
        [.. summary.GetProperty("workshops").EnumerateArray().Select(w => w.GetProperty("title").GetString() ?? "")];

    private async Task<List<string>> EventTitlesAsync()
    {
        var list = await fixture.Api.GetAsync<JsonElement>("api/events", fixture.AdminToken);
        return [.. list.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("title").GetString() ?? "")];
    }
}
