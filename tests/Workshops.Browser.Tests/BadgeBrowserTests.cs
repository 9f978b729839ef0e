using Microsoft.Playwright;
using Workshops.Contracts;
using Workshops.Testing;
using static Microsoft.Playwright.Assertions;

namespace Workshops.Browser.Tests;

/// <summary>
/// Personal badges (PROTOCOL.md section 8) as an organizer and a participant meet them: make
/// badges from a pasted list, print them (A4, QR of /?badge=CODE), and join with a badge link;
/// axe on the badges view and on its print view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BadgeBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Organizer_makes_and_prints_badges_and_the_badge_link_joins_its_holder_as_the_organizer_named_them()
    {
        WholeWorkshopTests.SetExpectTimeout();
        var text = Texts.Of("tr");
        var baseUrl = fixture.BaseUrl;
        var created = await fixture.CreateEventAsync(settings: new WorkshopSettings { JoinWith = WorkshopSettings.JoinWithBadge });
        var workshop = created.Workshops[1];

        // The badges view, signed in with the admin key link.
        var organizer = await Person.OpenAsync(await fixture.LaptopAsync(), $"{baseUrl}/admin/{created.EventId}/badges#key={Uri.EscapeDataString(fixture.Server.AdminKey)}");
        var page = organizer.Page;
        await page.GetByTestId("badge-form").WaitForAsync();
        await Expect(page.GetByTestId("no-badges")).ToHaveTextAsync(text["badges.none"]);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console badges");

        // A list with a group the event does not have is refused beside the field, and makes nothing.
        await page.Locator("#badge-mode-list").CheckAsync();
        await page.GetByTestId("badge-people").FillAsync("Ayşe Yılmaz; Çankaya Belediyesi; Kamu kurumu\nİsmail Işık;;Gazeteciler");
        await page.GetByTestId("badge-create").ClickAsync();
        await Expect(page.GetByTestId("badge-error")).ToContainTextAsync("Gazeteciler");
        await Expect(page.GetByTestId("badge-people")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("badge-people")).ToHaveAttributeAsync("aria-invalid", "true");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console badges (refused)");
        await page.GetByTestId("badge-people").FillAsync("Ayşe Yılmaz; Çankaya Belediyesi; Kamu kurumu\nİsmail Işık;;Basın");
        await page.GetByTestId("badge-create").ClickAsync();

        // The print view, offered from the creation reply: the codes are there and nowhere else.
        await Expect(page.GetByTestId("badge-card")).ToHaveCountAsync(2);
        await Expect(page.Locator("#badge-print-heading")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("badge-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("badge-status").First).ToHaveTextAsync(text["badges.status.unused"]);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "console badges (print view)");
        var code = (await page.GetByTestId("badge-code").First.InnerTextAsync()).Replace("-", "", StringComparison.Ordinal);
        Assert.Equal(12, code.Length);

        using var folder = new TempDirectory();
        var pdfPath = Path.Combine(folder.Path, "badges.pdf");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Accessibility.AssertNoSeriousViolationsAsync(page, "badges (printed)");
        await page.PdfAsync(new PagePdfOptions { Path = pdfPath, PreferCSSPageSize = true, PrintBackground = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        var pdf = new PrintedPdf(pdfPath);
        Assert.Equal(1, await pdf.PageCountAsync());
        var sheet = await pdf.PageTextAsync(1);
        Assert.Contains("Ayşe Yılmaz", sheet, StringComparison.Ordinal);
        Assert.Contains("İsmail Işık", sheet, StringComparison.Ordinal);
        Assert.Contains(code[..4] + "-" + code[4..8] + "-" + code[8..], sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(text["badges.make"], sheet, StringComparison.Ordinal);
        var qr = (await pdf.RenderPageAsync(1, 200)).DecodeQr();
        Assert.StartsWith(baseUrl + "/?badge=", qr, StringComparison.Ordinal);

        // The shared code is refused in this event, with a page that says a badge is needed.
        var stranger = await Person.OpenAsync(await fixture.PhoneAsync(), $"{baseUrl}/?code={created.JoinCode}");
        await Expect(stranger.Page.Locator(".error")).ToHaveTextAsync(text["join.needBadge"].Replace("{title}", "2. Ulusal Danışma Toplantısı", StringComparison.Ordinal));

        // The badge link: greeted by the organizer's name, one click into the workshop.
        var holder = await Person.OpenAsync(await fixture.PhoneAsync(), $"{baseUrl}/?badge={code}");
        await Expect(holder.Page.GetByTestId("badge-greeting")).ToHaveTextAsync(text["join.badgeHello"].Replace("{name}", "Ayşe Yılmaz", StringComparison.Ordinal));
        Assert.DoesNotContain(code, holder.Page.Url, StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(holder.Page, "join (badge)");
        await holder.Page.Locator($"input[name=workshop][value=\"{workshop.WorkshopId}\"]").CheckAsync();
        await holder.Page.GetByTestId("join-form").Locator("button[type=submit]").ClickAsync();
        await holder.Page.WaitForFunctionAsync("path => location.pathname === path", "/w/" + workshop.WorkshopId, new() { Timeout = 60_000, PollingInterval = 100 });
        await holder.Page.GetByTestId("tab").First.WaitForAsync();

        // The console shows the badge in use.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=badge-row][data-status=claimed]")).ToHaveCountAsync(1);
        Assert.Empty(organizer.PageErrors);
        Assert.Empty(holder.PageErrors);
    }
}
