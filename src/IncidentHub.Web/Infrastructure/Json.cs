using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentHub.Domain;

namespace IncidentHub.Web.Infrastructure;

public static class Json
{
    /// <summary>The API's JSON rules: camelCase, enums by name only, and unknown fields refused so a typo never goes unnoticed.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new OptionalConverterFactory());
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
    }
}

/// <summary>
/// Reads <see cref="Optional{T}"/>: a property that is absent stays unset, one that is present
/// (even as null) is set. Writes the value itself.
/// </summary>
public sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        private static readonly bool AcceptsNull = !typeof(T).IsValueType || Nullable.GetUnderlyingType(typeof(T)) is not null;

        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return AcceptsNull ? new Optional<T>(default!) : throw new JsonException("This field cannot be null.");
            }

            return new Optional<T>(JsonSerializer.Deserialize<T>(ref reader, options)!);
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.IsSet)
            {
                JsonSerializer.Serialize(writer, value.Value, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
