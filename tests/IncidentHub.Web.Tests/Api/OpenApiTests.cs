using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Api;

public sealed class OpenApiTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_OpenAPI_document_lists_enum_values_by_name()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var severity = schemas.GetProperty("Severity");
        Assert.Equal(["Unknown", "S1", "S2", "S3", "S4"], severity.GetProperty("enum").EnumerateArray().Select(value => value.GetString()));
        Assert.Contains("/api/v1/incidents/{number}/phase", document.RootElement.GetProperty("paths").EnumerateObject().Select(path => path.Name));
    }

    [Fact]
    public async Task Partial_update_fields_are_described_as_their_values_each_with_its_own_limit()
    {
        using var document =
            JsonDocument.Parse(await Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var details = schemas.GetProperty("IncidentDetailsChanges").GetProperty("properties");
        var action = schemas.GetProperty("CorrectiveActionChanges").GetProperty("properties");

        Assert.DoesNotContain(schemas.EnumerateObject(),
            schema => schema.Name.StartsWith("Optional", StringComparison.Ordinal));
        Assert.Equal(NewIncident.TitleMaxLength, details.GetProperty("title").GetProperty("maxLength").GetInt32());
        Assert.Equal(NewIncident.SummaryMaxLength,
            details.GetProperty("summary").GetProperty("maxLength").GetInt32());
        Assert.Equal(CorrectiveAction.ReasonMaxLength,
            action.GetProperty("wontDoReason").GetProperty("maxLength").GetInt32());
        Assert.Contains("string",
            details.GetProperty("title").GetProperty("type").EnumerateArray().Select(type => type.GetString()));
        Assert.Equal("date-time", details.GetProperty("impactStartedAt").GetProperty("format").GetString());
        Assert.True(details.GetProperty("services").TryGetProperty("maxItems", out _));
    }
}
