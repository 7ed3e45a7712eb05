using System.Collections.Concurrent;
using System.Globalization;

namespace IncidentHub.Web.Features.Insights;

/// <summary>One row of the month rollup, summed: grouping key, measure, bucket (its width) and the count and total.</summary>
internal readonly record struct MonthCell(string Key, short Measure, int Bucket, int Width, int Count, double Total);

/// <summary>
/// The rollups' rows per filter and month, as last read: the month's figures whole and by block of days, and its day
/// rollup (incidents by service and day, corrective actions). A year of figures sums these instead of reading some
/// 100,000 rows again. The triggers that keep the rollups current tell every instance which months changed
/// (<see cref="Channel"/>, at commit), and those are forgotten; nothing is kept while this instance is not listening.
/// A month still changing is read again after each change, the past stays.
/// </summary>
public sealed class InsightMonthCache
{
    public const string Channel = "insight_months";

    /// <summary>The parts of a month kept: <see cref="WholeMonth"/>, a block of days (0-3) or <see cref="DayRollup"/>.</summary>
    public const int WholeMonth = -1, DayRollup = 9;

    /// <summary>Enough for every part of a month of 150 filters over ten years; beyond, the cache starts again.</summary>
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string Filter, DateOnly Month, int Part), object> entries = new();
    private long generation;
    private volatile bool trusted;

    /// <summary>Taken before reading months from the database and handed to <see cref="Keep"/>.</summary>
    internal long Generation => Interlocked.Read(ref generation);

    internal bool TryGet<T>(string filter, DateOnly month, int part, out T value)
        where T : class
    {
        value = null!;
        if (trusted && entries.TryGetValue((filter, month, part), out var kept) && kept is T typed)
        {
            value = typed;
            return true;
        }

        return false;
    }

    /// <summary>Keeps a part of a month read from the database, unless some month was forgotten since <paramref name="readAt"/>.</summary>
    internal void Keep(string filter, DateOnly month, int part, object value, long readAt)
    {
        if (!trusted || Generation != readAt)
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[(filter, month, part)] = value;
        if (Generation != readAt)
        {
            entries.TryRemove((filter, month, part), out _);
        }
    }

    /// <summary>Forgets the months a notification names (first days, comma-separated); all of them if unreadable.</summary>
    public void Forget(string payload)
    {
        Interlocked.Increment(ref generation);
        var months = new HashSet<DateOnly>();
        foreach (var text in payload.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                entries.Clear();
                return;
            }

            months.Add(month);
        }

        foreach (var key in entries.Keys.Where(key => months.Contains(key.Month)))
        {
            entries.TryRemove(key, out _);
        }
    }

    public void StartTrusting()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
        trusted = true;
    }

    public void StopTrusting()
    {
        trusted = false;
        Interlocked.Increment(ref generation);
        entries.Clear();
    }
}
