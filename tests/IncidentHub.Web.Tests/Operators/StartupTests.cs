using System.Diagnostics;
using System.Text;
using IncidentHub.Web.Tests.Support;
using Npgsql;

namespace IncidentHub.Web.Tests.Operators;

/// <summary>
/// Starting the app as an operator does (<c>dotnet IncidentHub.Web.dll</c> in Production): a missing database is
/// created, a database that cannot be had stops start-up with one line that says what to do (never a stack
/// trace), and serving plain HTTP with no trusted proxy is said once at start.
/// </summary>
public sealed class StartupTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_missing_database_is_created_and_plain_HTTP_without_a_proxy_is_said_once_at_start()
    {
        var name = $"incidenthub_new_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(
            App.ConnectionString)
        { Database = name }.ConnectionString;
        try
        {
            var output = await RunUntilAsync(
                connectionString, [], line => line.Contains("Serving plain HTTP", StringComparison.Ordinal));

            Assert.Contains($"Created the database", output, StringComparison.Ordinal);
            Assert.Single(output.Split('\n'), line => line.Contains("Serving plain HTTP", StringComparison.Ordinal));
            Assert.Contains("IncidentHub:ForwardedHeaders", output, StringComparison.Ordinal);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var migrated = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
            Assert.True((long)(await migrated.ExecuteScalarAsync())! > 0);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await App.ExecuteSqlAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    [Fact]
    public async Task A_missing_database_the_account_may_not_create_stops_start_up_with_one_line()
    {
        var role = $"ih_nocreatedb_{Guid.NewGuid():N}";
        await App.ExecuteSqlAsync($"CREATE ROLE {role} LOGIN NOCREATEDB");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(App.ConnectionString)
            {
                Database = $"missing_{Guid.NewGuid():N}",
                Username = role,
            }.ConnectionString;

            var (exitCode, output) = await RunToExitAsync(connectionString, []);

            Assert.Equal(1, exitCode);
            Assert.Contains("does not exist", output, StringComparison.Ordinal);
            Assert.Contains("createdb", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            await App.ExecuteSqlAsync($"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task An_unreachable_database_stops_start_up_with_one_line_after_the_wait()
    {
        var connectionString =
            new NpgsqlConnectionStringBuilder(App.ConnectionString) { Host = "127.0.0.1", Port = 9 }.ConnectionString;

        var (exitCode, output) = await RunToExitAsync(
            connectionString, [("IncidentHub__Database__StartupWaitSeconds", "2")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot reach PostgreSQL at 127.0.0.1:9", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static ProcessStartInfo StartInfo(string connectionString, (string Key, string Value)[] environment)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.ArgumentList.Add(app);
        start.Environment["ConnectionStrings__IncidentHub"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static async Task<(int ExitCode, string Output)> RunToExitAsync(
        string connectionString, (string Key, string Value)[] environment)
    {
        using var process = Process.Start(StartInfo(connectionString, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>Runs the app until a line of its output matches, then stops it; returns the output so far.</summary>
    private static async Task<string> RunUntilAsync(
        string connectionString, (string Key, string Value)[] environment, Func<string, bool> until)
    {
        using var process = Process.Start(StartInfo(connectionString, environment))!;
        var output = new StringBuilder();
        var seen = new TaskCompletionSource();
        void Read(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (until(line.Data))
            {
                seen.TrySetResult();
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await seen.Task.WaitAsync(TimeSpan.FromMinutes(1));
            // A moment more, so that a second warning would be seen too.
            await Task.Delay(500);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The app never said what was expected:\n{output}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        lock (output)
        {
            return output.ToString();
        }
    }
}
