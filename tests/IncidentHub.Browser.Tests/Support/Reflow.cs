using System.Text.Json;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>WCAG 1.4.10 (reflow): at 320–375 px nothing may need scrolling sideways.</summary>
public static class Reflow
{
    private const string Overflowing = """
        () => {
          const width = document.documentElement.clientWidth;
          const offenders = [];
          for (const element of document.querySelectorAll("body *")) {
            const box = element.getBoundingClientRect();
            if (box.width > 0 && box.right > width + 1 && !element.closest(".visually-hidden, .skip-link")) {
              const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\s+/).join(".") : "");
              offenders.push(`${name} (right edge at ${Math.round(box.right)} px)`);
            }
          }
          return { scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 10) };
        }
        """;

    public static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>(Overflowing);
        var width = result.GetProperty("width").GetInt32();
        var scrollWidth = result.GetProperty("scrollWidth").GetInt32();
        var offenders = result.GetProperty("offenders").EnumerateArray().Select(offender => offender.GetString());
        Assert.True(scrollWidth <= width,
            $"{page.Url} scrolls sideways at {width} px (content is {scrollWidth} px wide); sticking out:\n- {string.Join("\n- ", offenders)}");
    }
}
