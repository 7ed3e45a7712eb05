using System.Net;
using System.Text.RegularExpressions;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IncidentHub.Web.Tests.Lifecycle;

/// <summary>PostgreSQL's system column xmin is the row version: used, never created.</summary>
public sealed partial class ConcurrencyTokenTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_migrations_never_create_a_column_named_xmin()
    {
        await using var db = App.Factory.CreateDbContext();

        var migrations = db.GetService<IMigrator>().GenerateScript();
        var create = db.Database.GenerateCreateScript();

        foreach (var script in new[] { migrations, create })
        {
            Assert.Contains("CREATE TABLE incidents", script, StringComparison.Ordinal);
            Assert.Contains("CREATE TABLE corrective_actions", script, StringComparison.Ordinal);
            Assert.DoesNotMatch(Xmin(), script);
        }
    }

    [Theory]
    [InlineData(typeof(Incident))]
    [InlineData(typeof(CorrectiveAction))]
    public async Task The_row_version_is_mapped_to_xmin_as_a_concurrency_token(Type entity)
    {
        await using var db = App.Factory.CreateDbContext();

        var version = db.Model.FindEntityType(entity)?.FindProperty("Version");

        Assert.NotNull(version);
        Assert.Equal("xmin", version.GetColumnName());
        Assert.True(version.IsConcurrencyToken);
        Assert.Equal(ValueGenerated.OnAddOrUpdate, version.ValueGenerated);
    }

    [Fact]
    public async Task The_etag_of_an_incident_is_its_xmin()
    {
        var declared = await Client.PostAsync(
            ApiClient.Incidents,
            System.Net.Http.Json.JsonContent.Create(
                new { title = "Checkout is failing", severity = "S3", source = "Monitoring" }));
        var number = (await declared.ReadAsync(HttpStatusCode.Created)).Number();

        var read = await Client.GetAsync(ApiClient.IncidentUrl(number));

        var xmin = await XminOfAsync(number);
        Assert.Equal($"\"{xmin}\"", read.Headers.ETag?.ToString());
        Assert.Equal(read.Headers.ETag, declared.Headers.ETag);
    }

    [Fact]
    public async Task A_change_with_a_stale_if_match_is_refused_with_412()
    {
        var number = (await Client.DeclareAsync("Checkout is failing")).Number();
        var stale = (await Client.GetAsync(ApiClient.IncidentUrl(number))).Headers.ETag?.ToString();

        var renamed = await Client.SendJsonAsync(
            HttpMethod.Patch,
            ApiClient.IncidentUrl(number),
            new { title = "Checkout fails for card payments" },
            ifMatch: stale);
        await renamed.ReadAsync();
        var current = renamed.Headers.ETag?.ToString();
        Assert.NotEqual(stale, current);
        Assert.Equal($"\"{await XminOfAsync(number)}\"", current);

        await (await Client.SendJsonAsync(
            HttpMethod.Patch,
            ApiClient.IncidentUrl(number),
            new { title = "Checkout is down" },
            ifMatch: stale)).ProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Client.SendJsonAsync(
            HttpMethod.Post,
            $"{ApiClient.IncidentUrl(number)}/phase",
            new { target = "Dismissed", reason = "Duplicate" },
            ifMatch: stale)).ProblemAsync(HttpStatusCode.PreconditionFailed);

        var incident = await Client.GetIncidentAsync(number);
        Assert.Equal(
            ("Checkout fails for card payments", "Identification"), (incident.Text("title"), incident.Text("phase")));
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("abc")]
    [InlineData("\"-1\"")]
    public async Task An_if_match_that_is_not_an_etag_of_ours_is_refused_with_412(string ifMatch)
    {
        var number = (await Client.DeclareAsync("Checkout is failing")).Number();

        await (await Client.SendJsonAsync(
            HttpMethod.Patch,
            ApiClient.IncidentUrl(number),
            new { title = "Renamed" },
            ifMatch)).ProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal("Checkout is failing", (await Client.GetIncidentAsync(number)).Text("title"));
    }

    [GeneratedRegex(@"\bxmin\b", RegexOptions.IgnoreCase)]
    private static partial Regex Xmin();

    private async Task<string> XminOfAsync(long number)
    {
        await using var db = App.Factory.CreateDbContext();
        return await db.Database
            .SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM incidents WHERE number = {number}")
            .SingleAsync();
    }
}
