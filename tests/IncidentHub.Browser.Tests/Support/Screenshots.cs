using IncidentHub.Testing;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>
/// Pictures of the main pages. They go to TestResults/screenshots at the repository's root, so that
/// a test run leaves the committed pictures alone; setting INCIDENTHUB_SCREENSHOTS to docs/screenshots
/// refreshes those.
/// </summary>
public static class Screenshots
{
    public const string DirectoryVariable = "INCIDENTHUB_SCREENSHOTS";

    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } given
            ? Path.GetFullPath(given, RepositoryRoot.Path)
            : Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    /// <summary>The visible part of the page (its viewport), as <paramref name="name"/>.png.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Directory, name + ".png"),
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
    }
}
