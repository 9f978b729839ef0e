using Microsoft.Playwright;

namespace Workshops.Browser.Tests;

/// <summary>What a facilitator does on the facilitator view.</summary>
public static class Facilitator
{
    public static async Task SetPhaseAsync(Person facilitator, string phase)
    {
        await facilitator.Page.GetByTestId("phase-" + phase).ClickAsync();
        if (phase == "Closed")
        {
            await facilitator.Page.GetByTestId("confirm").ClickAsync();
        }

        await facilitator.WaitForPhaseAsync(phase);
    }

    public static ILocator Tally(Person facilitator, string ideaText) =>
        facilitator.Idea(ideaText).GetByTestId("tally");
}
