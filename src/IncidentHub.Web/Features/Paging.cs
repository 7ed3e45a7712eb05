using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using IncidentHub.Web.Http;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features;

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

    public static ValidationException Invalid() => new([new ValidationFailure("cursor", InvalidMessage)]);

    public const string InvalidMessage = "This cursor is not valid here; use the nextCursor of the previous page of the same list.";

    /// <summary>
    /// Whether a cursor has the given shape and every value in it can be used as a sort key, so that
    /// a cursor a client made up (or took from another list) is refused before the query runs.
    /// </summary>
    public static bool IsValid(string? cursor, IReadOnlyList<CursorPart> shape)
    {
        if (cursor is null)
        {
            return true;
        }

        string[] parts;
        try
        {
            parts = Decode(cursor, shape.Count);
        }
        catch (ValidationException)
        {
            return false;
        }

        return parts.Zip(shape).All(part => IsValidPart(part.First, part.Second));
    }

    private static bool IsValidPart(string value, CursorPart part) => part switch
    {
        CursorPart.Ticks => long.TryParse(value, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks,
        CursorPart.Number => long.TryParse(value, CultureInfo.InvariantCulture, out _),
        CursorPart.Rank => int.TryParse(value, CultureInfo.InvariantCulture, out _),
        CursorPart.Id => Guid.TryParse(value, CultureInfo.InvariantCulture, out _),
        CursorPart.Date => DateOnly.TryParse(value, CultureInfo.InvariantCulture, out _),
        CursorPart.Text => !value.Contains('\0', StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>
/// Keyset paging over a point in time with an id that breaks ties, as lists of what happened to an incident
/// are read. The comparison is a row value, <c>(time, id) &lt; (@time, @id)</c>, so PostgreSQL can seek an
/// index on the pair; the cursor is <c>ticks, id</c>.
/// </summary>
public static class TimeKeyset
{
    public static async Task<Page<TView>> PageAsync<TRow, TId, TView>(
        IQueryable<TRow> rows,
        Expression<Func<TRow, DateTimeOffset>> time,
        Expression<Func<TRow, TId>> id,
        Expression<Func<TRow, TView>> projection,
        Func<TView, (DateTimeOffset Time, TId Id)> keyOf,
        (string? Cursor, int? Limit, bool NewestFirst) request,
        CancellationToken cancellationToken)
        where TId : struct, IParsable<TId>
    {
        var limit = request.Limit ?? Cursor.DefaultLimit;
        if (request.Cursor is not null)
        {
            var parts = Cursor.Decode(request.Cursor, 2);
            var lastTime = new DateTimeOffset(Cursor.Parse<long>(parts[0]), TimeSpan.Zero);
            var lastId = Cursor.Parse<TId>(parts[1]);

            // Captured rather than constants, so EF sends them as parameters and caches one query plan.
            Expression<Func<DateTimeOffset, TId, bool>> after = request.NewestFirst
                ? (rowTime, rowId) => EF.Functions.LessThan(
                    ValueTuple.Create(rowTime, rowId), ValueTuple.Create(lastTime, lastId))
                : (rowTime, rowId) => EF.Functions.GreaterThan(
                    ValueTuple.Create(rowTime, rowId), ValueTuple.Create(lastTime, lastId));
            rows = rows.Where(OnRow(after, time, id));
        }

        var ordered = request.NewestFirst
            ? rows.OrderByDescending(time).ThenByDescending(id)
            : rows.OrderBy(time).ThenBy(id);
        var fetched = await ordered.Take(limit + 1).Select(projection).ToListAsync(cancellationToken);
        return Page<TView>.From(fetched, limit, view =>
        {
            var key = keyOf(view);
            return Cursor.Encode(key.Time.UtcTicks, key.Id);
        });
    }

    /// <summary>The condition on the key's two values, rewritten as one on the row EF can translate.</summary>
    private static Expression<Func<TRow, bool>> OnRow<TRow, TId>(
        Expression<Func<DateTimeOffset, TId, bool>> condition,
        Expression<Func<TRow, DateTimeOffset>> time,
        Expression<Func<TRow, TId>> id)
    {
        var row = time.Parameters[0];
        var idOfRow = new Substitution(id.Parameters[0], row).Visit(id.Body);
        var body = new Substitution(condition.Parameters[0], time.Body).Visit(
            new Substitution(condition.Parameters[1], idOfRow).Visit(condition.Body));
        return Expression.Lambda<Func<TRow, bool>>(body, row);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == parameter ? replacement : base.VisitParameter(node);
    }
}

/// <summary>What one value of a cursor holds.</summary>
public enum CursorPart
{
    /// <summary>A point in time as UTC ticks.</summary>
    Ticks,

    /// <summary>A 64-bit number (an incident number, a timeline event id).</summary>
    Number,

    /// <summary>A 32-bit number (a severity rank).</summary>
    Rank,

    Id,

    Date,

    Text,
}

public static class PagingRules
{
    public static IRuleBuilderOptions<T, int?> ValidLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Cursor.MaxLimit).WithMessage($"Ask for 1 to {Cursor.MaxLimit} items.");

    /// <summary>A cursor of the given shape, at most 500 characters (see <see cref="Cursor.IsValid"/>).</summary>
    public static IRuleBuilderOptions<T, string?> ValidCursor<T>(this IRuleBuilderInitial<T, string?> rule, params CursorPart[] shape) =>
        rule.ValidCursor(_ => shape);

    /// <summary>A cursor whose shape depends on the query (e.g. on its sort order).</summary>
    public static IRuleBuilderOptions<T, string?> ValidCursor<T>(this IRuleBuilderInitial<T, string?> rule, Func<T, CursorPart[]> shape) =>
        rule.Cascade(CascadeMode.Stop)
            .MaximumLength(500).WithMessage(Cursor.InvalidMessage)
            .Must((query, cursor) => Cursor.IsValid(cursor, shape(query))).WithMessage(Cursor.InvalidMessage);

    /// <summary>Text for a search or a filter: PostgreSQL cannot compare text holding the NUL character.</summary>
    public static IRuleBuilderOptions<T, string?> StorableText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Contains('\0', StringComparison.Ordinal)).WithMessage(Json.NulMessage);
}
