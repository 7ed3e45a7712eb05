using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using IncidentHub.Domain;

namespace IncidentHub.Web.Http;

public static class Json
{
    public const string NulMessage = "Remove the NUL character (\\u0000): text cannot hold it.";

    /// <summary>
    /// The API's JSON rules: camelCase, enums by name only, and unknown fields refused so a typo never goes unnoticed.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new OptionalConverterFactory());
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;

        // Contract changes rather than converters, so that the OpenAPI document keeps describing every type.
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(JsonContract.RefuseIgnoredMembers)
            .WithAddedModifier(JsonContract.RefuseTextPostgresCannotStore);
    }
}

/// <summary>
/// A value the client sent that cannot be used, with a message meant for a person. <see cref="BadRequestProblems"/>
/// shows the message as it is (or, when it wraps the JsonException of a nested read, describes that one) under the
/// field the JSON path names, plus <see cref="Suffix"/> (e.g. "[2]").
/// </summary>
public sealed class JsonFieldException(string message, string suffix = "", Exception? innerException = null)
    : JsonException(message, innerException)
{
    public string Suffix { get; } = suffix;
}

/// <summary>Changes to the JSON contract of every type the API reads.</summary>
internal static class JsonContract
{
    /// <summary>
    /// Members marked [JsonIgnore] (an incident's number, an expected version) are set from the URL and
    /// the headers, never from the body: sending them is refused like any unknown field, not silently dropped.
    /// </summary>
    public static void RefuseIgnoredMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];
            if (property is { Get: null, Set: null }
                && property.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) == true)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// PostgreSQL text cannot hold the NUL character: refuse it in every text the body carries, naming the field.
    /// </summary>
    public static void RefuseTextPostgresCannotStore(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is { } set && CarriesText(property.PropertyType))
            {
                property.Set = (target, value) =>
                {
                    EnsureStorable(value);
                    set(target, value);
                };
            }
        }
    }

    private static bool CarriesText(Type type) =>
        type == typeof(string)
        || type == typeof(Optional<string>)
        || type == typeof(Optional<IReadOnlyList<string>>)
        || typeof(IEnumerable<string>).IsAssignableFrom(type);

    private static void EnsureStorable(object? value)
    {
        switch (value)
        {
            case string text when text.Contains('\0', StringComparison.Ordinal):
                throw new JsonFieldException(Json.NulMessage);
            case string:
                break;
            case Optional<string> { IsSet: true } optional:
                EnsureStorable(optional.Value);
                break;
            case Optional<IReadOnlyList<string>> { IsSet: true } optional:
                EnsureStorable(optional.Value);
                break;
            case IEnumerable<string> texts:
                var index = 0;
                foreach (var text in texts)
                {
                    if (text is not null && text.Contains('\0', StringComparison.Ordinal))
                    {
                        throw new JsonFieldException(Json.NulMessage, $"[{index}]");
                    }

                    index++;
                }

                break;
        }
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
        (JsonConverter)Activator.CreateInstance(
            typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        private static readonly bool AcceptsNull = !typeof(T).IsValueType
            || Nullable.GetUnderlyingType(typeof(T)) is not null;

        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return AcceptsNull
                    ? new Optional<T>(default!)
                    : throw new JsonFieldException("This field cannot be null.");
            }

            try
            {
                return new Optional<T>(JsonSerializer.Deserialize<T>(ref reader, options)!);
            }
            catch (JsonException inner) when (inner.Path is not null)
            {
                // The nested read reports a path of its own ("$", "$[2]"): hand the problem on without it, so
                // that the outer read names the field, and keep the inner path as a suffix.
                throw new JsonFieldException(
                    inner is JsonFieldException field ? field.Message : "", NestedSuffix(inner), inner);
            }
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

        private static string NestedSuffix(JsonException inner) =>
            (inner.Path is { Length: > 1 } path ? path[1..] : "") +
                (inner is JsonFieldException field ? field.Suffix : "");
    }
}
