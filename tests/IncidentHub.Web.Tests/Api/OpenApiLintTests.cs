using System.Diagnostics;
using System.Text.Json;
using IncidentHub.Testing;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Api;

/// <summary>
/// The OpenAPI document, as the running app serves it, passes Spectral with the rulesets in OpenApiLint/.spectral.yaml
/// (spectral:oas and the OWASP API security ruleset). Warnings are reported, only errors fail.
/// </summary>
public sealed class OpenApiLintTests(AppFixture app) : AppTest(app)
{
    private static string LintDirectory =>
        Path.Combine(RepositoryRoot.Path, "tests", "IncidentHub.Web.Tests", "OpenApiLint");

    private static string Spectral => Path.Combine(LintDirectory, "node_modules", ".bin", "spectral");

    [Fact]
    public async Task The_OpenAPI_document_has_no_Spectral_errors()
    {
        // A missing linter fails rather than skips, so that CI can never pass without linting.
        Assert.True(File.Exists(Spectral),
            $"Spectral is not at {Spectral}. Run `npm ci` in {LintDirectory} "
            + "(./test.sh does it when node_modules is missing).");

        var document = Path.Combine(Path.GetTempPath(), $"incidenthub-openapi-{Guid.NewGuid():N}.json");
        var report = Path.ChangeExtension(document, ".spectral.json");
        try
        {
            var served = await Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            await File.WriteAllTextAsync(document, served);
            var (exitCode, output) = await RunSpectralAsync(document, report);
            Assert.True(File.Exists(report), $"Spectral wrote no report (exit code {exitCode}):\n{output}");

            var findings = ReadFindings(await File.ReadAllTextAsync(report));
            var errors = findings.Where(finding => finding.Severity == 0).ToList();
            Assert.True(errors.Count == 0,
                $"Spectral found {errors.Count} error(s) and {findings.Count - errors.Count} other finding(s):\n"
                + string.Join("\n", errors.Select(error => error.ToString())));
        }
        finally
        {
            File.Delete(document);
            File.Delete(report);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunSpectralAsync(string document, string report)
    {
        var start = new ProcessStartInfo(Spectral)
        {
            WorkingDirectory = LintDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
            ["lint", document, "--ruleset", ".spectral.yaml", "--format", "json", "--output", report, "--quiet"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var spectral = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {Spectral}.");
        var stdout = spectral.StandardOutput.ReadToEndAsync();
        var stderr = spectral.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await spectral.WaitForExitAsync(timeout.Token);
        return (spectral.ExitCode, await stdout + await stderr);
    }

    private static List<Finding> ReadFindings(string json)
    {
        using var report = JsonDocument.Parse(json);
        return [.. report.RootElement.EnumerateArray().Select(finding => new Finding(
            finding.GetProperty("code").GetString() ?? "",
            finding.GetProperty("severity").GetInt32(),
            finding.GetProperty("message").GetString() ?? "",
            string.Join('.', finding.GetProperty("path").EnumerateArray().Select(part => part.ToString()))))];
    }

    /// <summary>One Spectral result; severity 0 is an error, 1 a warning, 2 information, 3 a hint.</summary>
    private sealed record Finding(string Rule, int Severity, string Message, string Path)
    {
        public override string ToString() => $"{Rule}: {Message} at {Path}";
    }
}
