using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data.Configurations;

/// <summary>Values kept whole in one jsonb column, enums by name.</summary>
internal static class JsonColumns
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Default)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Compared and snapshotted with <paramref name="comparer"/>, entry by entry: through JSON, as at first, every
    /// tracked alert cost six serializations per save, a third of ingestion's CPU in the app.
    /// </summary>
    public static void AsJson<T>(PropertyBuilder<T> property, ValueComparer<T> comparer)
        where T : class => property
        .HasColumnType("jsonb")
        .HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            text => JsonSerializer.Deserialize<T>(text, Options)!,
            comparer);

    /// <summary>Lists of records, equal when their items are, in order.</summary>
    public static ValueComparer<List<T>> SameItems<T>() => new(
        (left, right) => left == right || (left != null && right != null && left.SequenceEqual(right)),
        value => value.Count,
        value => value.ToList());
}
