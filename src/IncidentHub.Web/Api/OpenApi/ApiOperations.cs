using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features;
using IncidentHub.Web.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IncidentHub.Web.Api.OpenApi;

/// <summary>
/// Per operation, what the API's conventions add to a route (docs/design.md, "API conventions"): the limits of
/// its parameters from the validators, <c>If-Match</c> and <c>ETag</c>, <c>Idempotency-Key</c> on the POSTs
/// that honour it, and <c>Retry-After</c> on 429 and 503.
/// </summary>
public sealed class ApiOperations(ValidatorLimits limits) : IOpenApiOperationTransformer
{
    public static readonly int IncidentNumberMaxLength = IncidentNumbers.MaxLength;

    public Task TransformAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var query = metadata.OfType<QueryParametersOf>().LastOrDefault()?.Query;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            DescribeParameter(parameter, query);
        }

        if (metadata.OfType<ReadsIfMatch>().Any())
        {
            AddHeaderParameter(operation, "If-Match", IfMatchSchema(),
                "The ETag the change was made against; a stale one is a 412. Absent or * changes whatever the "
                + "version.");
        }

        var successes = (operation.Responses ?? []).Where(response => response.Key.StartsWith('2'))
            .Select(response => response.Value).OfType<OpenApiResponse>().ToList();
        if (metadata.OfType<AnswersETag>().Any())
        {
            successes.ForEach(response =>
                AddHeader(response, "ETag", IfMatchSchema(), "The version of the resource in the answer."));
        }

        if (metadata.OfType<HonoursIdempotencyKey>().Any())
        {
            DescribeIdempotency(operation, successes);
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status is "429" or "503" && response is OpenApiResponse waiting)
            {
                AddHeader(waiting, "Retry-After", RetryAfterSchema,
                    "Seconds to wait before retrying.");
            }
        }

        return Task.CompletedTask;
    }

    private void DescribeParameter(OpenApiParameter parameter, Type? query)
    {
        if (parameter.Schema is not OpenApiSchema schema)
        {
            return;
        }

        if (parameter.In == ParameterLocation.Path && parameter.Name == "number")
        {
            schema.MaxLength = IncidentNumberMaxLength;
            schema.Pattern = "^([Ii][Nn][Cc]-)?[0-9]+$";
            parameter.Description = "The incident's number, 42 or INC-42.";
        }
        else if (parameter.In == ParameterLocation.Path && parameter.Name == "entryId")
        {
            schema.MaxLength = long.MaxValue.ToString(CultureInfo.InvariantCulture).Length;
            schema.Pattern = "^[0-9]+$";
            parameter.Description = "The timeline entry's id, as the timeline lists it.";
        }
        else if (parameter.In == ParameterLocation.Path && parameter.Name == "slug")
        {
            schema.MaxLength = ServiceSlug.MaxLength;
            parameter.Description = "The service's slug, as incidents and alerts name it (payments-api).";
        }
        else if (parameter.In == ParameterLocation.Path && parameter.Name == "role")
        {
            ValidatorLimits.Apply(new Limits { EnumNames = Enum.GetNames<IncidentRole>() }, schema, typeof(string));
            parameter.Description = "The role by name, in any case.";
        }
        else if (parameter.In == ParameterLocation.Query
            && query?.GetProperty(parameter.Name ?? "", QueryProperty) is { } property)
        {
            // A parameter no rule limits is still bounded by its type (e.g. an incident number).
            ValidatorLimits.Apply(limits.For(property) ?? new Limits(), schema, property.PropertyType);
            parameter.Description ??= Paging.GetValueOrDefault(property.Name);
        }
    }

    private const BindingFlags QueryProperty = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;

    private static readonly Dictionary<string, string> Paging = new()
    {
        ["Cursor"] = "The nextCursor of the previous page; absent for the first page.",
        ["Limit"] = $"How many items a page holds; {Cursor.DefaultLimit} when absent.",
    };

    private static void DescribeIdempotency(OpenApiOperation operation, List<OpenApiResponse> successes)
    {
        AddHeaderParameter(operation, IdempotencyMiddleware.Header,
            new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = IdempotencyRecord.KeyMaxLength,
            },
            "Runs the request once: a retry with the same key and body within "
            + $"{IdempotencyMiddleware.Lifetime.TotalHours} hours gets the first answer; the same key with another "
            + "body is a 422, a retry while it still runs a 409.");
        successes.ForEach(response => AddHeader(response, IdempotencyMiddleware.ReplayedHeader,
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
            "Present when the answer is the kept answer to an earlier request with the same Idempotency-Key."));
    }

    private static OpenApiSchema RetryAfterSchema => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = "1",
        Maximum = int.MaxValue.ToString(CultureInfo.InvariantCulture),
    };

    private static OpenApiSchema IfMatchSchema() => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = ETags.For(uint.MaxValue).Length,
        Pattern = "^(\\*|\"[0-9]+\")$",
    };

    private static void AddHeaderParameter(
        OpenApiOperation operation, string name, OpenApiSchema schema, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(
            new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Schema = schema,
                Description = description,
            });
    }

    private static void AddHeader(OpenApiResponse response, string name, OpenApiSchema schema, string description)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Schema = schema, Description = description };
    }
}
