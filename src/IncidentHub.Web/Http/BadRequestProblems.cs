using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentHub.Domain;
using Microsoft.AspNetCore.Mvc;

namespace IncidentHub.Web.Http;

/// <summary>
/// Turns a request the framework could not read (malformed JSON, wrong types, unknown fields, query
/// values that do not parse, a missing body) into per-field errors, named as the client sent them.
/// The messages of System.Text.Json and of minimal-API binding are matched here; the corpus in
/// tests/IncidentHub.Web.Tests/BadInput pins every one of them, so a framework upgrade that rewords one fails a test.
/// </summary>
public static partial class BadRequestProblems
{
    /// <summary>The name under which problems with the body as a whole are reported.</summary>
    public const string Body = "body";

    private const string SendJsonBody = "Send a JSON object with the fields of this request as the body.";

    public static ProblemDetails From(BadHttpRequestException exception)
    {
        try
        {
            return Describe(exception);
        }
        catch (Exception unexpected) when (unexpected is not OutOfMemoryException)
        {
            // Describing a bad request must never turn it into a server error.
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
                Detail = "The request could not be read.",
            };
        }
    }

    private static ProblemDetails Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return Invalid(DescribeJson(json));
        }

        var message = exception.Message;
        switch (exception.StatusCode)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported media type",
                    Detail = "Send the body as JSON with Content-Type: application/json.",
                };
            case StatusCodes.Status413PayloadTooLarge:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request is too large",
                    Detail = "The request body is too large.",
                };
        }

        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            return Invalid([(CamelCase(bind.Groups["name"].Value), ExpectedFor(Unwrap(bind.Groups["type"].Value)))]);
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body"
                ? Invalid([(Body, SendJsonBody)])
                : Invalid([(CamelCase(missing.Groups["name"].Value), "Give a value.")]);
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid([(Body, SendJsonBody)]);
        }

        var status = exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : StatusCodes.Status400BadRequest;
        return new ProblemDetails
        {
            Status = status,
            Title = "The request is not valid",
            Detail = "The request could not be read.",
        };
    }

    private static ValidationProblemDetails Invalid(IEnumerable<(string Field, string Message)> errors) =>
        new(
            errors.GroupBy(error => error.Field)
                .ToDictionary(group => group.Key, group => group.Select(error => error.Message).Distinct().ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Detail = "See the errors for each field.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };

    private static List<(string Field, string Message)> DescribeJson(JsonException json)
    {
        var field = FieldFromPath(json.Path);
        if (json is JsonFieldException fieldException)
        {
            var name = field + fieldException.Suffix;
            return [(name.Length == 0 ? Body : name, MessageFor(fieldException))];
        }

        if (IsSyntaxError(json))
        {
            return [(Body, NotJson(json))];
        }

        var text = json.Message;
        if (text.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = UnmappedName().Match(text) is { Success: true } match ? match.Groups[1].Value
                : field.Length == 0 ? Body
                : field;
            return [(name, "This field is not part of this request.")];
        }

        if (text.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = QuotedName()
                .Matches(text[text.IndexOf("including:", StringComparison.Ordinal)..])
                .Select(match => match.Groups[1].Value)
                .ToList();
            return names.Count > 0
                ? [.. names.Select(name => (CamelCase(name), "This field is required."))]
                : [(field.Length == 0 ? Body : field, "Required fields are missing.")];
        }

        return [(field.Length == 0 ? Body : field, MessageFor(json))];
    }

    /// <summary>What the client should send instead, for one value that could not be read.</summary>
    private static string MessageFor(JsonException json)
    {
        if (json is JsonFieldException field)
        {
            return field.InnerException is JsonException inner ? MessageFor(inner) : field.Message;
        }

        var text = json.Message;
        if (IsSyntaxError(json))
        {
            return NotJson(json);
        }

        if (text.Contains("doesn't allow setting null values", StringComparison.Ordinal)
            || text.Contains("cannot be null", StringComparison.OrdinalIgnoreCase))
        {
            return "This field cannot be null.";
        }

        if (ConvertedTo().Match(text) is { Success: true } converted)
        {
            var type = Unwrap(converted.Groups["type"].Value);
            // Invalid UTF-8 or a lone surrogate ("\ud800") cannot become a string ("Cannot transcode invalid UTF-8…",
            // "Cannot read incomplete UTF-16…"); another token (a number, an object) is just not text ("…of a token
            // type…").
            if (type == typeof(string).FullName
                && json.InnerException is InvalidOperationException { Message: var reason }
                && !reason.Contains("token type", StringComparison.Ordinal))
            {
                return "Use valid Unicode text.";
            }

            return json.Path is null or "$" && IsObject(type) ? SendJsonBody : ExpectedFor(type);
        }

        return "The value is not valid here.";
    }

    /// <summary>Errors of the JSON syntax itself come from the reader, wrapped by the serializer.</summary>
    private static bool IsSyntaxError(JsonException json) =>
        json.InnerException?.GetType().Name == "JsonReaderException";

    private static string NotJson(JsonException json) =>
        json.LineNumber is { } line && json.BytePositionInLine is { } position
            ? $"The body is not valid JSON (line {line + 1}, position {position + 1})."
            : "The body is not valid JSON.";

    /// <summary>
    /// The type under the wrappers that only make a value optional:
    /// "IncidentHub.Domain.Optional`1[System.Nullable`1[System.DateTimeOffset]]" (JSON) → "System.DateTimeOffset",
    /// "Nullable&lt;int&gt;" or "int?" (minimal-API binding) → "int".
    /// </summary>
    private static string Unwrap(string typeName)
    {
        var name = typeName.Trim();
        foreach (var (start, end) in (ReadOnlySpan<(string, char)>)
            [("IncidentHub.Domain.Optional`1[", ']'), ("System.Nullable`1[", ']'), ("Nullable<", '>')])
        {
            if (name.StartsWith(start, StringComparison.Ordinal) && name.EndsWith(end))
            {
                return Unwrap(name[start.Length..^1]);
            }
        }

        if (name.EndsWith('?'))
        {
            return Unwrap(name[..^1]);
        }

        // Assembly-qualified generic arguments: "System.Nullable`1[[System.Int64, System.Private.CoreLib, ...]]".
        return name.Split(',')[0].Trim('[', ']', ' ');
    }

    private static bool IsObject(string typeName) =>
        Resolve(typeName) is { } type
            && type != typeof(string)
            && !type.IsValueType
            && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    /// <summary>
    /// The expectation for a type, by its full name (JSON) or its C# name (minimal-API binding, e.g. "int", "Guid").
    /// </summary>
    private static string ExpectedFor(string typeName)
    {
        if (IsList(typeName))
        {
            return "Use a list.";
        }

        var type = Resolve(typeName);
        if (type is { IsEnum: true })
        {
            return $"Use one of: {string.Join(", ", Enum.GetNames(type))}.";
        }

        return type switch
        {
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) =>
                "Use an ISO 8601 date and time with an offset, e.g. 2026-11-26T17:30:00Z.",
            _ when type == typeof(DateOnly) => "Use a date like 2026-12-31.",
            _ when type == typeof(Guid) => "Use an id like 0193a1f2-7c1e-7d4b-9a51-3f2c9e6b1a20.",
            _ when type == typeof(long) || type == typeof(int) || type == typeof(uint) || type == typeof(short) =>
                "Use a whole number in range.",
            _ when type == typeof(double) || type == typeof(decimal) => "Use a number.",
            _ when type == typeof(string) => "Use text.",
            _ when type == typeof(bool) => "Use true or false.",
            _ => "The value is not valid here.",
        };
    }

    private static bool IsList(string typeName) =>
        typeName.EndsWith("[]", StringComparison.Ordinal) || typeName.Contains("List`1", StringComparison.Ordinal)
        || typeName.Contains("IEnumerable`1", StringComparison.Ordinal)
        || typeName.Contains("Collection`1", StringComparison.Ordinal);

    private static readonly Dictionary<string, Type> Aliases = new(StringComparer.Ordinal)
    {
        ["int"] = typeof(int),
        ["long"] = typeof(long),
        ["uint"] = typeof(uint),
        ["short"] = typeof(short),
        ["bool"] = typeof(bool),
        ["string"] = typeof(string),
        ["double"] = typeof(double),
        ["decimal"] = typeof(decimal),
        ["Guid"] = typeof(Guid),
        ["DateTime"] = typeof(DateTime),
        ["DateTimeOffset"] = typeof(DateTimeOffset),
        ["DateOnly"] = typeof(DateOnly),
    };

    private static Type? Resolve(string typeName)
    {
        if (typeName.Length == 0)
        {
            return null;
        }

        if (Aliases.TryGetValue(typeName, out var alias))
        {
            return alias;
        }

        return typeof(object).Assembly.GetType(typeName, throwOnError: false)
            ?? typeof(Incident).Assembly.GetType(typeName, throwOnError: false)
            ?? typeof(BadRequestProblems).Assembly.GetType(typeName, throwOnError: false);
    }

    /// <summary>"$.fiveWhys[2]" → "fiveWhys[2]"; "$" → "".</summary>
    private static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return CamelCase(trimmed);
    }

    private static string CamelCase(string name) =>
        name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex("The JSON property '([^']+)'")]
    private static partial Regex UnmappedName();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"could not be converted to (?<type>.+?)(?:\. Path: |\.?$)", RegexOptions.Singleline)]
    private static partial Regex ConvertedTo();

    /// <summary>
    /// Minimal-API binding of route, query and header values: <c>Failed to bind parameter "int? limit" from "abc".</c>
    /// </summary>
    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    /// <summary><c>Required parameter "AddPerson body" was not provided from body.</c></summary>
    [GeneratedRegex(
        """^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>[^.]+)\.""",
        RegexOptions.Singleline)]
    private static partial Regex NotProvided();
}
