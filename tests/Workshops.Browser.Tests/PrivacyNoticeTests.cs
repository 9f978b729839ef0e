using System.Text.Json;
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

    /// <summary>
    /// A badge link (section 8) opens the join form first: the notice, a group to choose on a blank
    /// badge, the organizer's group shown (and not changeable) on a named one; the badge is claimed
    /// only when the person confirms.
    /// </summary>
    [Theory]
    [InlineData("en", false)]
    [InlineData("tr", true)]
    public async Task Badge_link_shows_the_notice_and_the_group_first_and_joins_only_after_confirming(string language, bool organizerSetGroup)
    {
        WholeWorkshopTests.SetExpectTimeout();
        var created = await fixture.Api.CreateEventAsync(fixture.AdminToken, new EventProgram
        {
            Title = "Kartlı Aydınlatma " + Guid.NewGuid().ToString("N")[..6],
            Language = language,
            Workshops = [new() { Title = "Hassas Gruplar" }],
            Privacy = new EventPrivacy { Controller = "İl Özel İdaresi", Contact = "kvkk@ornek.gov.tr" },
            Settings = new WorkshopSettings { JoinWith = WorkshopSettings.JoinWithBadge },
        });
        var workshopId = created.Workshops[0].WorkshopId;
        var body = organizerSetGroup
            ? (object)new { people = new[] { new { name = "Ayşe Yılmaz", group = "Kamu kurumu" } } }
            : new { count = 1 };
        var (status, _, issuedText) = await fixture.Api.TryAsync(HttpMethod.Post, $"api/events/{created.EventId}/badges", fixture.AdminToken,
            System.Net.Http.Json.JsonContent.Create(body));
        Assert.Equal(System.Net.HttpStatusCode.Created, status);
        var code = JsonDocument.Parse(issuedText).RootElement.GetProperty("badges")[0].GetProperty("code").GetString()!;

        var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/?badge={code}");
        await page.GetByTestId("badge-welcome").WaitForAsync();

        // Before anything is claimed: the notice in the event's language, and the group as the badge allows.
        var texts = Texts.Of(language);
        var notice = page.GetByTestId("privacy-notice");
        await Expect(notice.Locator("h2")).ToHaveTextAsync(texts["join.privacyTitle"]);
        await Expect(notice.Locator("p").First).ToHaveTextAsync(texts["join.privacyController"].Replace("{controller}", "İl Özel İdaresi", StringComparison.Ordinal));
        await Expect(notice.Locator("p").Nth(1)).ToHaveTextAsync(texts["join.privacyPurpose"].Replace("{purpose}", texts["join.privacyDefaultPurpose"], StringComparison.Ordinal));
        Assert.DoesNotContain(code, page.Url, StringComparison.Ordinal);
        if (organizerSetGroup)
        {
            await Expect(page.GetByTestId("badge-greeting")).ToHaveTextAsync(texts["join.badgeHello"].Replace("{name}", "Ayşe Yılmaz", StringComparison.Ordinal));
            await Expect(page.GetByTestId("badge-group")).ToHaveTextAsync(texts["join.badgeGroup"].Replace("{group}", "Kamu kurumu", StringComparison.Ordinal));
            await Expect(page.Locator("#group")).ToHaveCountAsync(0);
            await Expect(page.Locator("#displayName")).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(page.GetByTestId("badge-greeting")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("badge-group")).ToHaveCountAsync(0);
            await Expect(page.Locator("#group option")).ToHaveCountAsync(8);
            await page.Locator("#displayName").FillAsync("Veli Kartlı");
            await page.Locator("#group").SelectOptionAsync(new SelectOptionValue { Label = "Basın" });
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page, $"join with a badge ({language}, {(organizerSetGroup ? "organizer's group" : "blank")})");
        Assert.False(await ClaimedAsync(created.EventId));

        // Confirmed: joined as the badge's participant, with the group the badge allows.
        await page.GetByTestId("join-form").Locator("button[type=submit]").ClickAsync();
        await page.WaitForFunctionAsync("path => location.pathname === path", "/w/" + workshopId, new() { Timeout = 60_000, PollingInterval = 100 });
        Assert.True(await ClaimedAsync(created.EventId));
        var token = await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('ws.sessions')).find(s => s.role === 'participant').token");
        var me = await fixture.Api.GetAsync<JsonElement>("api/me", token);
        Assert.Equal(
            organizerSetGroup ? ("Ayşe Yılmaz", "Kamu kurumu") : ("Veli Kartlı", "Basın"),
            (me.GetProperty("displayName").GetString(), me.GetProperty("group").GetString()));
        await context.CloseAsync();
    }

    private async Task<bool> ClaimedAsync(string eventId) =>
        (await fixture.Api.GetAsync<JsonElement>($"api/events/{eventId}/badges", fixture.AdminToken)).GetProperty("badges")[0].GetProperty("claimed").GetBoolean();

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
