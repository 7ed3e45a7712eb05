using System.Text.Json;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>axe-core (from npm, see package.json) run inside the page against WCAG 2.0 and 2.1, levels A and AA.</summary>
public static class Axe
{
    private const string Run = """
        async () => {
          const results = await axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            resultTypes: ["violations"],
          });
          return results.violations.map(violation => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            helpUrl: violation.helpUrl,
            targets: violation.nodes.map(node => node.target.join(" ")),
          }));
        }
        """;

    /// <summary>Fails with every serious or critical violation on the page: its rule, what it means and where.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Prerequisites.AxeScriptPath });
        var violations = await page.EvaluateAsync<JsonElement>(Run);
        var serious = violations.EnumerateArray()
            .Where(violation => violation.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(violation =>
                $"- {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}): {violation.GetProperty("help").GetString()}"
                + $" <{violation.GetProperty("helpUrl").GetString()}>\n    at "
                + string.Join("\n    at ", violation.GetProperty("targets").EnumerateArray().Select(target => target.GetString())))
            .ToList();
        Assert.True(serious.Count == 0, $"axe found {serious.Count} serious or critical violation(s) on {page.Url} ({page.ViewportSize?.Width} px wide):\n{string.Join("\n", serious)}");
    }
}
