using Microsoft.Playwright;
using Workshops.Testing;

namespace Workshops.Browser.Tests;

/// <summary>Screenshots of the views: in the test output folder, and in docs/screenshots for the README.</summary>
public static class Screenshots
{
    public static string OutputFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string DocsFolder => Path.Combine(RepoPaths.Root, "docs", "screenshots");

    public static async Task SaveAsync(IPage page, string name, bool fullPage = false)
    {
        // Let entry animations and bar transitions finish: the picture should show the end state.
        await page.WaitForTimeoutAsync(1600);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        Directory.CreateDirectory(OutputFolder);
        var path = Path.Combine(OutputFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        Directory.CreateDirectory(DocsFolder);
        File.Copy(path, Path.Combine(DocsFolder, name + ".png"), overwrite: true);
    }

    /// <summary>One part of a page (the printed kit's sheets, below the fold).</summary>
    public static async Task SaveElementAsync(ILocator element, string name)
    {
        await element.ScrollIntoViewIfNeededAsync();
        await element.Page.WaitForTimeoutAsync(1600);
        Directory.CreateDirectory(OutputFolder);
        var path = Path.Combine(OutputFolder, name + ".png");
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
        Directory.CreateDirectory(DocsFolder);
        File.Copy(path, Path.Combine(DocsFolder, name + ".png"), overwrite: true);
    }
}
