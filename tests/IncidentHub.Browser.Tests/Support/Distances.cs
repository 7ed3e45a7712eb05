using System.Globalization;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>
/// How far down a page things are, in screens (the viewport's height): 0 is the top of the page,
/// 1 the top of the second screen. Issue 14's yardstick for whether a job is at hand.
/// </summary>
public static class Distances
{
    // The top, in page coordinates, of the highest element matching the selector that takes up
    // space (content of a closed <details> does not: its summary is what one taps first).
    private const string TopOf = """
        (selector) => {
          const tops = [...document.querySelectorAll(selector)]
            .map(element => element.getBoundingClientRect())
            .filter(box => box.width > 0 || box.height > 0)
            .map(box => box.top + window.scrollY);
          return tops.length === 0 ? -1 : Math.min(...tops);
        }
        """;

    /// <summary>The page's full height, in screens.</summary>
    public static async Task<double> PageHeightAsync(IPage page)
    {
        var height = await page.EvaluateAsync<double>("() => document.documentElement.scrollHeight");
        return height / Viewport(page);
    }

    /// <summary>Where the first element matching <paramref name="selector"/> begins, in screens.</summary>
    public static async Task<double> ScreensToAsync(IPage page, string selector)
    {
        var top = await page.EvaluateAsync<double>(TopOf, selector);
        Assert.True(top >= 0, $"Nothing matching {selector} is shown on {page.Url}.");
        return top / Viewport(page);
    }

    public static string Format(double screens) => screens.ToString("0.00", CultureInfo.InvariantCulture);

    private static double Viewport(IPage page) =>
        page.ViewportSize?.Height ?? throw new InvalidOperationException("The page has no viewport.");
}
