using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Workshops.Browser.Tests;

/// <summary>Runs axe-core on a page; a serious or critical violation fails the test with its details.</summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string view)
    {
        // Judge the resting state: an idea or output still fading in has, for a moment, too little contrast.
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");
        var result = await page.RunAxe();
        var bad = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.True(bad.Count == 0, $"axe found on the {view} view:\n" + string.Join("\n", bad));
        Assert.NotEmpty(result.Passes);
    }
}
