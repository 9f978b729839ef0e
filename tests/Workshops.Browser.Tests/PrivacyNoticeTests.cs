using Microsoft.Playwright;
using Workshops.Contracts;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>
/// The join page shows the event's privacy notice (contract section 11) before anyone joins: the
/// controller, the purpose (a default text when the program gives none), the retention and the
/// person's rights with the contact, in the page's language; without a notice, the short hint.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivacyNoticeTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("tr", null, null)]
    [InlineData("en", "Writing the meeting report", 90)]
    public async Task Join_page_shows_the_events_privacy_notice_in_its_language_and_is_accessible(string language, string? purpose, int? retentionDays)
    {
        var created = await fixture.Api.CreateEventAsync(fixture.AdminToken, new EventProgram
        {
            Title = "Aydınlatma " + Guid.NewGuid().ToString("N")[..6],
            Language = language,
            Workshops = [new() { Title = "Hassas Gruplar" }],
            Privacy = new EventPrivacy { Controller = "İl Özel İdaresi", Contact = "kvkk@ornek.gov.tr", Purpose = purpose, RetentionDays = retentionDays },
        });
        var context = await fixture.PhoneAsync();
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/?code={created.JoinCode}");
        await page.GetByTestId("join-form").WaitForAsync();

        var texts = Texts.Of(language);
        var notice = page.GetByTestId("privacy-notice");
        await Expect(notice.Locator("h2")).ToHaveTextAsync(texts["join.privacyTitle"]);
        await Expect(notice.Locator("p")).ToHaveTextAsync(
        [
            texts["join.privacyController"].Replace("{controller}", "İl Özel İdaresi", StringComparison.Ordinal),
            texts["join.privacyPurpose"].Replace("{purpose}", purpose ?? texts["join.privacyDefaultPurpose"], StringComparison.Ordinal),
            texts["join.privacyRetention"].Replace("{days}", (retentionDays ?? 30).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            texts["join.privacyRights"].Replace("{contact}", "kvkk@ornek.gov.tr", StringComparison.Ordinal),
        ]);
        await Expect(page.GetByText(texts["join.privacy"], new() { Exact = true })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "join page with privacy notice (" + language + ")");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Join_page_without_a_notice_shows_the_short_hint_only()
    {
        var created = await fixture.CreateEventAsync();
        var context = await fixture.PhoneAsync();
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/?code={created.JoinCode}");
        await page.GetByTestId("join-form").WaitForAsync();

        await Expect(page.GetByTestId("privacy-notice")).ToHaveCountAsync(0);
        await Expect(page.GetByText(Texts.Of("tr")["join.privacy"], new() { Exact = true })).ToHaveCountAsync(1);
        await context.CloseAsync();
    }
}
