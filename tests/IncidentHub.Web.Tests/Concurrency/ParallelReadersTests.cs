using System.Net;
using System.Text.Json.Nodes;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Concurrency;

/// <summary>
/// Many API requests at once share the few pooled database connections. Each must get its own
/// answer: a connection handed back to the pool while a request still reads from it would mix two
/// requests' results (or fail them with a protocol error).
/// </summary>
public sealed class ParallelReadersTests(AppFixture app) : AppTest(app)
{
    private const int Workers = 16;
    private const int RequestsPerWorker = 250;

    [Fact]
    public async Task Sixteen_token_clients_reading_at_once_all_get_their_own_complete_answers()
    {
        var numbers = new List<long>();
        for (var created = 0; created < 3; created++)
        {
            numbers.Add(await Client.DeclareIncidentAsync());
        }

        // A request that never gets its answer is a failure too, not a hung test run.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // As while the instance cannot hear credential changes: no token is cached, so every request reads its
        // token from the database between the other reads (the reader of that read was once disposed twice).
        var tokens = App.Factory.Services.GetRequiredService<ApiTokenCache>();
        tokens.StopTrusting();
        List<string>[] failures;
        try
        {
            failures = await Concurrently.RunAsync(Workers, ReadAsync);
        }
        finally
        {
            // The instance's listener is still connected, so the cache may be trusted again.
            tokens.StartTrusting();
        }

        var all = failures.SelectMany(problems => problems).ToList();
        Assert.True(
            all.Count == 0,
            $"{all.Count} of {Workers * RequestsPerWorker} requests failed:\n{string.Join("\n", all.Take(5))}");

        async Task<List<string>> ReadAsync(int worker)
        {
            List<string> problems = [];
            for (var request = 0; request < RequestsPerWorker; request++)
            {
                var number = numbers[(worker + request) % numbers.Count];
                // Alternate a list and one incident, so that answers of different shapes interleave on the connections.
                var path = request % 2 == 0 ? "/api/v1/incidents?limit=5" : $"/api/v1/incidents/{number}";
                using var response = await Client.GetAsync(new Uri(path, UriKind.Relative), patience.Token);
                var body = await response.Content.ReadAsStringAsync(patience.Token);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problems.Add($"{path}: {(int)response.StatusCode} {body}");
                }
                else if (request % 2 == 1 && JsonNode.Parse(body)?["number"]?.GetValue<long>() != number)
                {
                    problems.Add($"{path}: the answer is another incident's: {body}");
                }
            }

            return problems;
        }
    }
}
