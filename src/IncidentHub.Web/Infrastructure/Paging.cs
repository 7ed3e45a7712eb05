using System.Buffers.Text;
using System.Globalization;
using System.Text;
using FluentValidation;
using FluentValidation.Results;

namespace IncidentHub.Web.Infrastructure;

/// <summary>Every list answers with one page of items and the cursor of the next page, or null at the end.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>Takes a result fetched with one extra row (limit + 1): the extra row only says that more exist.</summary>
    public static Page<T> From(IReadOnlyList<T> fetched, int limit, Func<T, string> cursorOf) =>
        fetched.Count > limit
            ? new Page<T>([.. fetched.Take(limit)], cursorOf(fetched[limit - 1]))
            : new Page<T>(fetched, null);
}

/// <summary>
/// Keyset cursors: the sort key of the last row a client saw, opaque to the client
/// (base64url of the values joined by a separator no value contains).
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const char Separator = '\u001f';

    public static string Encode(params object[] values) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, values.Select(value => Convert.ToString(value, CultureInfo.InvariantCulture)))));

    /// <summary>The values of a cursor made by <see cref="Encode"/>, or a validation error naming the field.</summary>
    public static string[] Decode(string cursor, int expectedParts)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(Separator);
            if (parts.Length == expectedParts)
            {
                return parts;
            }
        }
        catch (FormatException)
        {
        }

        throw Invalid();
    }

    public static T Parse<T>(string value)
        where T : IParsable<T> =>
        T.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Invalid();

    public static ValidationException Invalid() =>
        new([new ValidationFailure("cursor", "This cursor is not valid here; use the nextCursor of the previous page of the same list.")]);
}

public static class PagingRules
{
    public static IRuleBuilderOptions<T, int?> ValidLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Cursor.MaxLimit).WithMessage($"Ask for 1 to {Cursor.MaxLimit} items.");
}
