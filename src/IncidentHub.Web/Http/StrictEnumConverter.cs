using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IncidentHub.Web.Http;

/// <summary>
/// Enums in JSON by exactly one declared name (any case). The framework's string converter also
/// reads numbers and combinations ("S1, S2" as S3), which would store a value the client never sent.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                && EnumText.TryParse<T>(reader.GetString(), out var value)
                && value is { } named
                ? named
                : throw new JsonException($"The JSON value could not be converted to {typeof(T).FullName}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}

/// <summary>Describes enums in the OpenAPI document by their names, as the API reads and writes them.</summary>
public sealed class EnumNamesSchema : IOpenApiSchemaTransformer
{
    public Task TransformAsync(
        OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            schema.Type = underlying == type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Enum = [.. Enum.GetNames(underlying).Select(name => (JsonNode)JsonValue.Create(name))];
        }

        return Task.CompletedTask;
    }
}
