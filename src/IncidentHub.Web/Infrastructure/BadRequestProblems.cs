using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace IncidentHub.Web.Infrastructure;

/// <summary>Turns a request the framework could not read (malformed JSON, wrong types, unknown fields) into per-field errors.</summary>
public static partial class BadRequestProblems
{
    public static ProblemDetails From(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var (field, message) = Describe(json);
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
                Detail = "See the errors for each field.",
            };
        }

        var status = exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : StatusCodes.Status400BadRequest;
        var detail = status switch
        {
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            _ when exception.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase) => "A JSON body is required.",
            _ => "The request could not be read.",
        };
        return new ProblemDetails { Status = status, Title = "The request is not valid", Detail = detail };
    }

    private static (string Field, string Message) Describe(JsonException json)
    {
        var field = FieldFromPath(json.Path);
        var text = json.Message;
        if (text.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = UnmappedName().Match(text) is { Success: true } match ? match.Groups[1].Value : field;
            return (name, "This field is not part of this request.");
        }

        if (text.Contains("missing required properties", StringComparison.Ordinal))
        {
            return (field, "Required fields are missing.");
        }

        if (json.Path is null || json.LineNumber is null || text.Contains("invalid", StringComparison.OrdinalIgnoreCase) && !text.Contains("converted", StringComparison.Ordinal))
        {
            return (field.Length == 0 ? "body" : field, "The body is not valid JSON.");
        }

        var type = ConvertedType().Match(text) is { Success: true } typeMatch ? typeMatch.Groups[1].Value : "";
        return (field.Length == 0 ? "body" : field, ExpectedFor(type));
    }

    private static string ExpectedFor(string typeName)
    {
        var underlying = typeName.StartsWith("System.Nullable`1[", StringComparison.Ordinal)
            ? typeName["System.Nullable`1[".Length..].Split(',', ']')[0]
            : typeName;
        var type = Type.GetType(underlying) ?? typeof(Domain.Incident).Assembly.GetType(underlying);
        if (type is { IsEnum: true })
        {
            return $"Use one of: {string.Join(", ", Enum.GetNames(type))}.";
        }

        return type switch
        {
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "Use an ISO 8601 date and time with an offset, e.g. 2026-11-26T17:30:00Z.",
            _ when type == typeof(DateOnly) => "Use a date like 2026-12-31.",
            _ when type == typeof(Guid) => "Use an id like 0193a1f2-7c1e-7d4b-9a51-3f2c9e6b1a20.",
            _ when type == typeof(long) || type == typeof(int) || type == typeof(uint) => "Use a whole number in range.",
            _ when type == typeof(string) => "Use text.",
            _ when type == typeof(bool) => "Use true or false.",
            _ when type is not null && type.IsArray || underlying.Contains("List", StringComparison.Ordinal) => "Use a list.",
            _ => "The value is not valid here.",
        };
    }

    private static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return trimmed.Length == 0 ? "" : char.ToLowerInvariant(trimmed[0]) + trimmed[1..];
    }

    [GeneratedRegex("The JSON property '([^']+)'")]
    private static partial Regex UnmappedName();

    [GeneratedRegex("could not be converted to ([^ .]+(?:\\.[^ .]+)*(?:\\[[^\\]]*\\])?)")]
    private static partial Regex ConvertedType();
}
