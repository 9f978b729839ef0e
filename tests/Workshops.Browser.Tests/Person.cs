using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Workshops.Browser.Tests;

/// <summary>
/// One person's browser tab, remembering every JavaScript dialog (there must be none: user
/// text never runs) and every uncaught page error.
/// </summary>
public sealed class Person
{
    private Person(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => PageErrors.Add(error);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public ConcurrentBag<string> Dialogs { get; } = [];

    public ConcurrentBag<string> PageErrors { get; } = [];

    public static async Task<Person> OpenAsync(IBrowserContext context, string url)
    {
        // Two cores shared with the server and three other browsers: allow slow steps.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        var person = new Person(context, await context.NewPageAsync());
        await person.Page.GotoAsync(url);
        return person;
    }

    /// <summary>Opens a key link (facilitator or moderator) and waits for the page it leads to.</summary>
    public static async Task<Person> SignInAsync(IBrowserContext context, string baseUrl, string key, string expectedPath)
    {
        var person = await OpenAsync(context, $"{baseUrl}/#key={Uri.EscapeDataString(key)}");
        // The page may reach the path through history.replaceState (no navigation event either).
        await person.WaitForPathAsync(expectedPath, "signing in");
        await person.Connection.WaitForAsync();
        return person;
    }

    /// <summary>Joins with the event code (from the QR link), optional name and group, and picks the workshop.</summary>
    public static async Task<Person> JoinAsync(IBrowserContext context, string baseUrl, string code, string workshopId, string? name = null, string? group = null)
    {
        var person = await OpenAsync(context, $"{baseUrl}/?code={code}");
        var page = person.Page;
        await page.GetByTestId("join-form").WaitForAsync();
        if (name is not null)
        {
            await page.Locator("#displayName").FillAsync(name);
        }

        if (group is not null)
        {
            await page.Locator("#group").SelectOptionAsync(new SelectOptionValue { Label = group });
        }

        await page.Locator($"input[name=workshop][value=\"{workshopId}\"]").CheckAsync();
        await page.GetByTestId("join-form").Locator("button[type=submit]").ClickAsync();
        await person.WaitForPathAsync("/w/" + workshopId, "joining");
        await page.GetByTestId("tab").First.WaitForAsync();
        return person;
    }

    /// <summary>
    /// Waits until the page is at <paramref name="path"/>, asking the page for its location.
    /// Not WaitForURLAsync: the .NET client reads its last known URL and only then subscribes to
    /// navigation events, so a navigation that lands between the two (the join page navigates
    /// a few milliseconds after the click, once its POST returns) is missed and the wait runs
    /// into its timeout although the page is already there. Polling the page's own state has no
    /// such window; a page that never gets there is reported with what it shows.
    /// </summary>
    internal async Task WaitForPathAsync(string path, string step)
    {
        try
        {
            await Page.WaitForFunctionAsync("path => location.pathname === path", path, new() { Timeout = 60_000, PollingInterval = 100 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{step} did not lead to {path}; the page at {Page.Url} shows: {await Page.Locator("body").InnerTextAsync()}", e);
        }
    }

    public ILocator Idea(string text) => Page.GetByTestId("idea").Filter(new LocatorFilterOptions { HasText = text });

    public ILocator Connection => Page.GetByTestId("connection");

    /// <summary>Waits until the page shows the phase (the badge carries its wire name).</summary>
    public Task WaitForPhaseAsync(string phase) =>
        Page.Locator($"[data-testid=phase][data-phase={phase}]").First.WaitForAsync();

    public async Task AddIdeaAsync(string text)
    {
        await Page.GetByTestId("idea-input").FillAsync(text);
        await Page.GetByTestId("add-idea").ClickAsync();
        await Idea(text).First.WaitForAsync();
    }

    public async Task SelectTabAsync(int index) => await Page.GetByTestId("tab").Nth(index).ClickAsync();
}
