using System.Reflection;
using System.Text.Json.Serialization;
using IncidentHub.Domain;
using IncidentHub.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IncidentHub.Web.Api.OpenApi;

/// <summary>
/// Request properties get the limits their validators enforce; problem details get the fields the API adds to
/// them (ProblemDetailsExceptionHandler and the traceId of Program.cs), which the framework's schema does not know.
/// </summary>
public sealed class ApiSchemas(ValidatorLimits limits) : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(
        OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (OptionalValueType(context.JsonTypeInfo.Type) is { } valueType)
        {
            await DescribeAsValueAsync(schema, valueType, context, cancellationToken);
        }

        if (context.JsonPropertyInfo is { AttributeProvider: PropertyInfo reference }
            && reference.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType
                == typeof(IncidentNumberJsonConverter))
        {
            // Read by a converter, which the schema generator cannot see through: say what it accepts.
            schema.Type = JsonSchemaType.Integer | JsonSchemaType.String;
            schema.Description = "An incident number: 42 or \"INC-42\".";
            schema.Minimum = "1";
            schema.Maximum = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            schema.MaxLength = ApiOperations.IncidentNumberMaxLength;
        }

        if (context.JsonPropertyInfo is { AttributeProvider: PropertyInfo property } json
            && limits.For(property) is { } found)
        {
            ValidatorLimits.Apply(found, schema, OptionalValueType(json.PropertyType) ?? json.PropertyType);
        }
        else if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Type == typeof(ProblemDetails))
        {
            AddTraceId(schema);
            schema.Description = "RFC 9457 problem details. A 409 \"Refused by a rule\" also names the rules.";
            schema.Properties!["rule"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "On a 409 refused by a rule: the code of the first rule the change breaks.",
            };
            schema.Properties["rules"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "On a 409 refused by a rule: every rule the change breaks, with its message.",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["rule"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            };
        }
        else if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
        {
            AddTraceId(schema);
            schema.Description = "RFC 9457 problem details of a request that is not valid: errors lists the messages "
                + "by field, named as the client sent them (body for the body as a whole).";
        }
    }

    public static Type? OptionalValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>)
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>
    /// A partial update's field reads as its value (OptionalConverterFactory): absent leaves it, present sets it.
    /// Without this the generator, which cannot see through the converter, describes it as anything at all.
    /// </summary>
    private static async Task DescribeAsValueAsync(
        OpenApiSchema schema, Type valueType, OpenApiSchemaTransformerContext context, CancellationToken cancellation)
    {
        var value = await context.GetOrCreateSchemaAsync(valueType, cancellationToken: cancellation);
        if (value is OpenApiSchema inline)
        {
            schema.Type = inline.Type;
            schema.Format = inline.Format;
            schema.Enum = inline.Enum;
            schema.Items = inline.Items;
            schema.Pattern = inline.Pattern;
        }
        else
        {
            schema.AllOf = [value];
        }

        // As OptionalConverterFactory reads it: present as null sets a reference or a nullable value to null.
        if (!valueType.IsValueType || Nullable.GetUnderlyingType(valueType) is not null)
        {
            schema.Type = schema.Type is { } type ? type | JsonSchemaType.Null : null;
        }
    }

    private static void AddTraceId(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The request's trace id: quoted in a report, it finds the request in the logs.",
        };
    }
}
