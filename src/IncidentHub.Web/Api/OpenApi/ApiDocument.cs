using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IncidentHub.Web.Api.OpenApi;

/// <summary>What the document says about the API as a whole.</summary>
public sealed class ApiDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "IncidentHub API";
        document.Info.Description = "Incidents, their timeline, status updates and corrective actions, for tooling "
            + "(monitoring, chat bots, scripts). Errors are RFC 9457 problem details; changes take an optional "
            + "If-Match; a POST with an Idempotency-Key runs once; lists are pages with a nextCursor.";
        foreach (var server in document.Servers ?? [])
        {
            // The server is this installation, as the request reached it; its API is for its own users' tooling.
            server.Url = server.Url?.TrimEnd('/');
            server.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            server.Extensions["x-internal"] = new JsonNodeExtension(JsonValue.Create(true));
        }

        return Task.CompletedTask;
    }
}
