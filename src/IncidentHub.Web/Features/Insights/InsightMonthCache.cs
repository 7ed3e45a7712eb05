using System.Collections.Concurrent;
using System.Globalization;

namespace IncidentHub.Web.Features.Insights;

/// <summary>One row of the month rollup, summed: grouping key, measure, bucket (its width) and the count and total.</summary>
internal readonly record struct MonthCell(string Key, short Measure, int Bucket, int Width, int Count, double Total);

/// <summary>
/// The month rollup's rows per filter and month, as last read: a year of figures sums twelve of them instead of reading
/// ~40,000 rows again. The triggers that keep the rollup current tell every instance which months changed
/// (<see cref="Channel"/>, at commit), and those are forgotten; nothing is kept while this instance is not listening.
/// A month still changing is read again after each change, the past stays.
/// </summary>
public sealed class InsightMonthCache
{
    public const string Channel = "insight_months";

    /// <summary>Enough for every filter over ten years of months; beyond, the cache starts again.</summary>
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<(string Filter, DateOnly Month), MonthCell[]> entries = new();
    private long generation;
    private volatile bool trusted;

    /// <summary>Taken before reading months from the database and handed to <see cref="Keep"/>.</summary>
    internal long Generation => Interlocked.Read(ref generation);

    internal bool TryGet(string filter, DateOnly month, out MonthCell[] cells)
    {
        cells = [];
        return trusted && entries.TryGetValue((filter, month), out cells!);
    }

    /// <summary>Keeps a month read from the database, unless some month was forgotten since <paramref name="readAt"/>.</summary>
    internal void Keep(string filter, DateOnly month, MonthCell[] cells, long readAt)
    {
        if (!trusted || Generation != readAt)
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[(filter, month)] = cells;
        if (Generation != readAt)
        {
            entries.TryRemove((filter, month), out _);
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
