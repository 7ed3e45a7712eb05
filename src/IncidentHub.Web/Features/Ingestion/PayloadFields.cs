using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation.Results;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Ingestion;

/// <summary>
/// A delivery that cannot be used, with what is wrong per field, named by its path in the payload as sent (400).
/// Nothing of it is stored.
/// </summary>
public sealed class PayloadRejectedException(Dictionary<string, string[]> errors)
    : Exception("The payload is not valid.")
{
    public Dictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Checks on what a sender put in a payload, gathered per field (named by its JSON path, e.g.
/// <c>alerts[3].labels</c>) so that a refused delivery says everything that is wrong at once.
/// </summary>
public sealed partial class PayloadFields
{
    public const int MaxAlerts = 1_000;
    public const int MaxEntries = 200;
    public const int KeyMaxLength = 256;
    public const int ValueMaxLength = 16_384;
    public const int UrlMaxLength = 4_096;
    public const int GroupKeyMaxLength = 16_384;

    private readonly List<ValidationFailure> failures = [];

    public void Fail(string field, string message) => failures.Add(new ValidationFailure(field, message));

    public void ThrowIfAny()
    {
        if (failures.Count > 0)
        {
            throw new PayloadRejectedException(failures
                .GroupBy(failure => failure.PropertyName, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray()));
        }
    }

    public string? Text(string field, string? value, int maxLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Fail(field, "Give a value.");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Fail(field, $"At most {maxLength.ToString("N0", CultureInfo.InvariantCulture)} characters.");
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Fail(field, "Remove the NUL character (\\u0000): text cannot hold it.");
            return null;
        }

        return value.Trim();
    }

    public IReadOnlyDictionary<string, string> Map(string field, Dictionary<string, string?>? values)
    {
        if (values is null)
        {
            return new Dictionary<string, string>();
        }

        if (values.Count > MaxEntries)
        {
            Fail(field, $"At most {MaxEntries} entries.");
            return new Dictionary<string, string>();
        }

        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (Text($"{field}.{key}", key, KeyMaxLength) is null || value is null)
            {
                continue;
            }

            if (Text($"{field}.{key}", value, ValueMaxLength) is { } text)
            {
                kept[key] = text;
            }
        }

        return kept;
    }

    /// <summary>An RFC 3339 time; Go's zero time (0001-01-01) and absence are null.</summary>
    public DateTimeOffset? Time(string field, string? value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Fail(field, "Give a time, in RFC 3339 (2026-12-03T20:15:00Z).");
            }

            return null;
        }

        // Go writes nanoseconds; .NET reads at most seven fractional digits.
        var trimmed = ExtraFractionDigits().Replace(value.Trim(), "$1");
        if (!DateTimeOffset.TryParse(
                trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var time)
            || !trimmed.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            Fail(field, "Give a time in RFC 3339, e.g. 2026-12-03T20:15:00Z.");
            return null;
        }

        return time.Year <= 1 ? null : time;
    }

    public string? Url(string field, string? value)
    {
        if (Text(field, value, UrlMaxLength) is not { } text)
        {
            return null;
        }

        // A link a sender cannot make safe to click (javascript:, relative) is dropped, not refused: the alert matters more.
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp
            || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
    }

    public static AlertLink? Link(string? href, string text) => href is null ? null : new AlertLink(href, text);

    /// <summary>A fingerprint for a sender that gives none: the same alert described again gets the same one.</summary>
    public static string FingerprintOf(params string?[] parts) =>
        AlertReading.KeyOf(string.Join('\u001f', parts.Select(part => part ?? "")))[..32];

    /// <summary>A sender's free-form JSON value (custom details) as the text shown to people.</summary>
    public static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex ExtraFractionDigits();
}
