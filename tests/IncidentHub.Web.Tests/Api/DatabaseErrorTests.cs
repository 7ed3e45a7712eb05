using System.Text;
using IncidentHub.Web.Tests.Support;
using Npgsql;

namespace IncidentHub.Web.Tests.Api;

/// <summary>
/// A database error that is not an outage (here: a permission the app's account lacks) in the steps that run
/// before an endpoint — the token lookup, the Idempotency-Key bookkeeping — still answers the API's way: a 500
/// problem with a trace id, in Production, whatever Accept says.
/// </summary>
public sealed class DatabaseErrorTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("api_tokens", "")]
    [InlineData("api_tokens", "text/html")]
    [InlineData("idempotency_keys", "")]
    [InlineData("idempotency_keys", "application/xml")]
    public async Task A_database_error_before_the_endpoint_is_a_500_problem_with_a_trace_id(string deniedTable, string accept)
    {
        var role = $"ih_limited_{Guid.NewGuid():N}";
        await App.ExecuteSqlAsync($"""
            CREATE ROLE {role} LOGIN;
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT ALL ON ALL TABLES IN SCHEMA public TO {role};
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE ALL ON {deniedTable} FROM {role};
            """);
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(App.ConnectionString) { Username = role, Password = null }.ConnectionString;
            await using var limited = new IncidentHubFactory(connectionString, App.Clock,
                ("environment", "Production"), ("IncidentHub:Database:MigrateOnStart", "false"));
            using var client = limited.CreateApiClient(Admin.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people")
            {
                Content = new StringContent("""{"displayName":"Pat","email":"pat@example.com"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", "person-pat");
            if (accept.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            using var response = await client.SendAsync(request);

            await ErrorAnswerTests.AssertProblemAsync(response, 500, accept);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await App.ExecuteSqlAsync($"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    }
}
