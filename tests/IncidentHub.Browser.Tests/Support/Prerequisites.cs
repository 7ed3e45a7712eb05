using IncidentHub.Testing;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>
/// What the browser tests need besides .NET and PostgreSQL: Debian's Chromium and axe-core from npm.
/// A missing one fails every browser test with a message that says how to get it; nothing is skipped.
/// </summary>
public static class Prerequisites
{
    /// <summary>Names another Chromium (or Chrome) binary than Debian's.</summary>
    public const string ChromiumVariable = "INCIDENTHUB_CHROMIUM";

    public const string DefaultChromium = "/usr/bin/chromium";

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } given ? given : DefaultChromium;

    /// <summary>The folder of this test project (package.json and node_modules live there).</summary>
    public static string ProjectDirectory => Path.Combine(RepositoryRoot.Path, "tests", "IncidentHub.Browser.Tests");

    public static string AxeScriptPath => Path.Combine(ProjectDirectory, "node_modules", "axe-core", "axe.min.js");

    /// <summary>Throws with what to do when Chromium or axe-core is missing.</summary>
    public static void Check()
    {
        List<string> missing = [];
        if (!File.Exists(ChromiumPath))
        {
            missing.Add($"Chromium is not at {ChromiumPath}. Install Debian's package (`apt-get install chromium`; ./test.sh does it when run as root) "
                + $"or set {ChromiumVariable} to a Chromium binary.");
        }

        if (!File.Exists(AxeScriptPath))
        {
            missing.Add($"axe-core is not at {AxeScriptPath}. Run `npm ci` in {ProjectDirectory} (./test.sh does it when node_modules is missing).");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException("The browser tests cannot run: " + string.Join(" ", missing));
        }
    }
}
