using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentHub.Web.Http;

/// <summary>
/// An incident number in a body, as people write it: 42 or "INC-42" (or "42"), like the number in a path.
/// </summary>
public sealed class IncidentNumberJsonConverter : JsonConverter<long?>
{
    public const string Message = "Use an incident number: a whole number such as 42, or \"INC-42\".";

    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String:
                var text = reader.GetString()!.Trim();
                var digits = text.StartsWith("INC-", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
                if (digits.Length <= 19
                    && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
        }

        throw new JsonFieldException(Message);
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
