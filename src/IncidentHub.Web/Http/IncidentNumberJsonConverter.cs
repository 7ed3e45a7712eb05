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
            case JsonTokenType.String when TryParse(reader.GetString()!, out var parsed):
                return parsed;
        }

        throw new JsonFieldException(Message);
    }

    /// <summary>"42", "INC-42" or "inc-42", with white space around it; the number may be 0 (validators refuse it).</summary>
    public static bool TryParse(string text, out long number)
    {
        text = text.Trim();
        var digits = text.StartsWith("INC-", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
        number = 0;
        return digits.Length <= 19
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
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
