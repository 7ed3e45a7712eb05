using System.Text.Json;
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
}
