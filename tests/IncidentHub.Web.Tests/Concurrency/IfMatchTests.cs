using System.Net;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Concurrency;

/// <summary>If-Match makes a change conditional on the version the client read; the ETag names that version.</summary>
public sealed class IfMatchTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_change_sent_with_an_ETag_that_is_no_longer_current_is_refused_with_412_and_changes_nothing()
    {
        var number = await Client.DeclareIncidentAsync();
        var read = await Client.GetIncidentReplyAsync(number);
        (await PatchTitleAsync(number, "Checkout down in EU", read.ETag)).Is(HttpStatusCode.OK);

        var stale = await PatchTitleAsync(number, "Checkout down in US", read.ETag);

        stale.IsProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(
            "Checkout down in EU", (await Client.GetIncidentReplyAsync(number)).Json["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("garbage")]
    [InlineData("\"\"")]
    [InlineData("\"-1\"")]
    [InlineData("W/\"{current}\"")]
    [InlineData("{current}")]
    public async Task An_If_Match_that_is_malformed_or_names_no_version_of_the_incident_is_refused_with_412_and_changes_nothing(string ifMatch)
    {
        var number = await Client.DeclareIncidentAsync();
        var read = await Client.GetIncidentReplyAsync(number);
        var current = read.ETag!.Trim('"');

        var reply = await PatchTitleAsync(
            number, "Checkout down in EU", ifMatch.Replace("{current}", current, StringComparison.Ordinal));

        reply.IsProblem(HttpStatusCode.PreconditionFailed);
        var after = await Client.GetIncidentReplyAsync(number);
        Assert.Equal("Checkout down", after.Json["title"]!.GetValue<string>());
        Assert.Equal(read.ETag, after.ETag);
    }

    [Fact]
    public async Task If_Match_star_applies_the_change_whatever_the_current_version_like_no_If_Match()
    {
        var number = await Client.DeclareIncidentAsync();
        (await PatchTitleAsync(number, "Checkout down in EU", ifMatch: null)).Is(HttpStatusCode.OK);

        var reply = await PatchTitleAsync(number, "Checkout down in US", ifMatch: "*");

        reply.Is(HttpStatusCode.OK);
        var stored = await Client.GetIncidentReplyAsync(number);
        Assert.Equal("Checkout down in US", stored.Json["title"]!.GetValue<string>());
        Assert.Equal(reply.ETag, stored.ETag);
    }

    [Fact]
    public async Task Every_change_of_an_incident_gives_it_a_new_ETag_and_makes_the_old_one_stale()
    {
        var number = await Client.DeclareIncidentAsync(severity: "S3");
        var person = await Client.AddPersonAsync("Erin Engineer", "erin@example.com");
        var incident = $"/api/v1/incidents/{number}";
        (string Name, Func<Task<Reply>> Send)[] changes =
        [
            ("update details", () => PatchTitleAsync(number, "Checkout down in EU", ifMatch: null)),
            ("change severity", () => Client.SendForReplyAsync(
                HttpMethod.Post,
                $"{incident}/severity",
                new { severity = "S4", reason = "Only internal tools are slow" })),
            ("assign a role", () => Client.SendForReplyAsync(
                HttpMethod.Put, $"{incident}/roles/EngineerOnCall", new { personId = person })),
            ("add a timeline entry", () => Client.SendForReplyAsync(
                HttpMethod.Post, $"{incident}/timeline", new { text = "Rolled back the deploy" })),
            ("post a status update", () => Client.SendForReplyAsync(
                HttpMethod.Post,
                $"{incident}/status-updates",
                new { audience = "Internal", text = "Rollback running" })),
            ("change phase", () => Client.SendForReplyAsync(
                HttpMethod.Post, $"{incident}/phase", new { target = "Investigation" })),
            ("unassign a role", () => Client.SendForReplyAsync(
                HttpMethod.Delete, $"{incident}/roles/EngineerOnCall", new { })),
        ];

        var seen = new List<string> { (await Client.GetIncidentReplyAsync(number)).ETag! };
        foreach (var (name, send) in changes)
        {
            var reply = await send();
            Assert.True(
                reply.Status is HttpStatusCode.OK or HttpStatusCode.Created,
                $"{name}: {(int)reply.Status} {reply.Body}");
            var after = (await Client.GetIncidentReplyAsync(number)).ETag!;
            Assert.False(seen.Contains(after), $"The ETag did not change after \"{name}\": still {after}.");
            if (reply.Status == HttpStatusCode.OK)
            {
                Assert.Equal(after, reply.ETag);
            }

            seen.Add(after);
        }

        foreach (var old in seen[..^1])
        {
            (await PatchTitleAsync(number, "Checkout down everywhere", old)).IsProblem(
                HttpStatusCode.PreconditionFailed);
        }

        (await PatchTitleAsync(number, "Checkout down everywhere", seen[^1])).Is(HttpStatusCode.OK);
    }

    private Task<Reply> PatchTitleAsync(long number, string title, string? ifMatch) =>
        Client.SendForReplyAsync(HttpMethod.Patch, $"/api/v1/incidents/{number}", new { title }, ifMatch);
}
