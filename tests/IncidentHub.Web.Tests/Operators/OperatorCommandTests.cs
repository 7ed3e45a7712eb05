using System.Net;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentHub.Web.Tests.Operators;

/// <summary>
/// The operator's verbs, run as real processes against the test database, their results used through the API.
/// </summary>
public sealed class OperatorCommandTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_token_made_on_the_command_line_opens_the_API_and_is_stored_only_as_a_hash()
    {
        var account = await RunAsync("correct horse battery staple\n",
            "accounts",
            "create",
            "--email",
            "Ops@Example.com",
            "--name",
            "Ops Pipeline",
            "--role",
            "Responder",
            "--password-stdin");
        Assert.True(account.ExitCode == 0, account.ToString());
        var accountId = Guid.Parse(account.Out.Trim());

        var made = await RunAsync(
            null,
            "tokens",
            "create",
            "--email",
            "ops@example.com",
            "--name",
            "ci",
            "--scopes",
            "incidents:read,incidents:write",
            "--expires-in-days",
            "30");

        Assert.True(made.ExitCode == 0, made.ToString());
        var token = Assert.Single(made.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(Secrets.TokenPrefix, token, StringComparison.Ordinal);
        Assert.DoesNotContain(token, made.Error, StringComparison.Ordinal);
        using var client = App.CreateClient(token);
        Assert.Equal(
            HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative))).StatusCode);
        Assert.Empty(await App.FindInDatabaseAsync(token));
        await using var db = App.Factory.CreateDbContext();
        var stored = await db.ApiTokens.SingleAsync(candidate => candidate.AccountId == accountId);
        Assert.Equal((Secrets.Hash(token), "ci"), (stored.TokenHash, stored.Name));
        Assert.Equal(["incidents:read", "incidents:write"], stored.Scopes);
        Assert.Equal(TimeSpan.FromDays(30), stored.ExpiresAt - stored.CreatedAt);
    }

    [Fact]
    public async Task A_service_account_gets_tokens_without_ever_having_a_password()
    {
        var account = await RunAsync(
            null,
            "accounts",
            "create",
            "--email",
            "deploy@example.com",
            "--name",
            "Deploy bot",
            "--role",
            "Admin",
            "--service-account");
        var made = await RunAsync(
            null, "tokens", "create", "--email", "deploy@example.com", "--name", "terraform", "--scopes", "admin");

        Assert.True(account.ExitCode == 0 && made.ExitCode == 0, $"{account}\n{made}");
        using var client = App.CreateClient(made.Out.Trim());
        Assert.Equal(
            HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/accounts", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Making_an_account_twice_is_refused_in_one_line()
    {
        string[] args =
        [
            "accounts", "create", "--email", "dup@example.com", "--name", "Dup", "--role", "Viewer", "--password-stdin",
        ];
        Assert.Equal(0, (await RunAsync("a long enough password\n", args)).ExitCode);

        var again = await RunAsync("a long enough password\n", args);

        AssertOneLineFailure(again, 1, "dup@example.com already has an account");
    }

    [Theory]
    [InlineData("there is no command \"frobnicate\"", "frobnicate")]
    [InlineData("--name is required", "tokens", "create", "--email", "admin@example.com", "--scopes", "incidents:read")]
    [InlineData("never given on the command line", "accounts", "create", "--email", "x@example.com", "--name", "X", "--role", "Viewer", "--password", "hunter2hunter2")]
    [InlineData("exactly one of --password-stdin", "accounts", "create", "--email", "x@example.com", "--name", "X", "--role", "Viewer")]
    [InlineData("there is no role \"Boss\"", "accounts", "create", "--email", "x@example.com", "--name", "X", "--role", "Boss", "--service-account")]
    [InlineData("--expires-in-days takes a whole number", "tokens", "create", "--email", "admin@example.com", "--name", "ci", "--scopes", "incidents:read", "--expires-in-days", "soon")]
    [InlineData("A token lasts from 1 to 365 days", "tokens", "create", "--email", "admin@example.com", "--name", "ci", "--scopes", "incidents:read", "--expires-in-days", "400")]
    [InlineData("Use the scopes", "tokens", "create", "--email", "admin@example.com", "--name", "ci", "--scopes", "incidents:delete")]
    [InlineData("there is no option --scope ", "tokens", "create", "--email", "admin@example.com", "--name", "ci", "--scope", "incidents:read")]
    [InlineData("Give a password of at least", "accounts", "create", "--email", "x@example.com", "--name", "X", "--role", "Viewer", "--password-stdin")]
    public async Task Bad_arguments_exit_with_2_and_say_what_is_wrong(string message, params string[] args)
    {
        var result = await RunAsync("", args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        if (args[0] != "frobnicate")
        {
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public async Task A_token_stays_within_its_owners_role()
    {
        var viewer = await App.CreateAccountAsync(Domain.AccountRole.Viewer, "viewer@example.com");

        var result = await RunAsync(
            null, "tokens", "create", "--email", viewer.Email, "--name", "ci", "--scopes", "admin");

        AssertOneLineFailure(result, 2, "Only an admin's token can have the admin scope.");
    }

    [Fact]
    public async Task A_token_for_nobody_is_refused()
    {
        var result = await RunAsync(
            null, "tokens", "create", "--email", "nobody@example.com", "--name", "ci", "--scopes", "incidents:read");

        AssertOneLineFailure(result, 1, "there is no account nobody@example.com");
    }

    [Fact]
    public async Task Help_lists_every_command_and_exits_0()
    {
        var result = await RunAsync(null, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.All(new[] { "migrate", "accounts create", "tokens create", "--password-stdin", "--expires-in-days" },
            expected => Assert.Contains(expected, result.Out, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_builds_an_empty_database_and_then_finds_it_up_to_date()
    {
        await using var empty = await EmptyDatabase.CreateAsync(App.ConnectionString);

        var first = await OperatorProcess.RunAsync(empty.ConnectionString, null, "migrate");
        var second = await OperatorProcess.RunAsync(empty.ConnectionString, null, "migrate");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Applied", first.Error, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("The database is up to date.", second.Error.Trim());
        await using var connection = new NpgsqlConnection(empty.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM accounts", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_command_on_a_database_never_migrated_says_to_migrate_first()
    {
        await using var empty = await EmptyDatabase.CreateAsync(App.ConnectionString);

        var result = await OperatorProcess.RunAsync(
            empty.ConnectionString,
            null,
            "tokens",
            "create",
            "--email",
            "a@example.com",
            "--name",
            "ci",
            "--scopes",
            "incidents:read");

        AssertOneLineFailure(result, 3, "has no IncidentHub tables yet: run migrate first");
    }

    [Fact]
    public async Task An_unreachable_database_is_one_line_and_exit_3()
    {
        var nowhere =
            new NpgsqlConnectionStringBuilder(App.ConnectionString) { Port = 1, Timeout = 3 }.ConnectionString;

        var result = await OperatorProcess.RunAsync(nowhere, null, "migrate");

        AssertOneLineFailure(result, 3, "is unavailable");
    }

    private Task<CommandResult> RunAsync(string? standardInput, params string[] args) =>
        OperatorProcess.RunAsync(App.ConnectionString, standardInput, args);

    private static void AssertOneLineFailure(CommandResult result, int exitCode, string message)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Empty(result.Out);
        Assert.Contains(
            message,
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)),
            StringComparison.Ordinal);
    }
}
