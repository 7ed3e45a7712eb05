using System.Diagnostics;

namespace IncidentHub.Web.Tests.Operators;

/// <summary>What a finished operator command left: its exit code and its two output streams.</summary>
public sealed record CommandResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
}

/// <summary>
/// Runs the built app as an operator would: <c>dotnet IncidentHub.Web.dll VERB …</c> in a process of its own.
/// </summary>
public static class OperatorProcess
{
    public static async Task<CommandResult> RunAsync(
        string connectionString, string? standardInput, params string[] args)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__IncidentHub"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"dotnet IncidentHub.Web.dll {string.Join(' ', args)} did not finish in 2 minutes.");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }
}
