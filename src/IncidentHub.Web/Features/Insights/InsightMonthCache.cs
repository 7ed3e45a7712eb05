using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Features.Insights;

/// <summary>How much memory each instance gives the insights' figures it keeps (<see cref="InsightMonthCache"/>).</summary>
public sealed class InsightOptions
{
    public const string Section = "IncidentHub:Insights";

    /// <summary>
    /// At a million incidents over three years, every month of 28 filters takes about 190 MB; beyond the budget the
    /// parts kept longest are dropped and read again when asked for. 0 keeps nothing.
    /// </summary>
    public int CacheMegabytes { get; set; } = 256;
}

/// <summary>
/// The rollups' rows per filter and month, as last read: the month's figures whole and by block of days
/// (<see cref="MonthCells"/>), and its day rollup (incidents by service and day, corrective actions). A year of figures
/// sums these instead of reading some 100,000 rows again. The triggers that keep the rollups current tell every
/// instance which months changed (<see cref="Channel"/>, at commit), and those are forgotten; nothing is kept while
/// this instance is not listening. A month still changing is read again after each change, the past stays. What is
/// kept stays within <see cref="InsightOptions.CacheMegabytes"/>: the parts kept first go first.
/// </summary>
public sealed class InsightMonthCache(IOptions<InsightOptions> options)
{
    public const string Channel = "insight_months";

    /// <summary>The parts of a month kept: <see cref="WholeMonth"/>, a block of days (0-3) or <see cref="DayRollup"/>.</summary>
    public const int WholeMonth = -1, DayRollup = 9;

    private readonly long budget = options.Value.CacheMegabytes * 1024L * 1024L;
    private readonly ConcurrentDictionary<(string Filter, DateOnly Month, int Part), (object Value, long Bytes)> entries = new();
    private readonly ConcurrentQueue<(string Filter, DateOnly Month, int Part)> kept = new();
    private long bytes;
    private long generation;
    private volatile bool trusted;

    /// <summary>Taken before reading months from the database and handed to <see cref="Keep"/>.</summary>
    internal long Generation => Interlocked.Read(ref generation);

    /// <summary>What the parts kept take, roughly.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    internal bool TryGet<T>(string filter, DateOnly month, int part, out T value)
        where T : class
    {
        value = null!;
        if (trusted && entries.TryGetValue((filter, month, part), out var entry) && entry.Value is T typed)
        {
            value = typed;
            return true;
        }

        return false;
    }

    /// <summary>Keeps a part of a month read from the database, unless some month was forgotten since <paramref name="readAt"/>.</summary>
    internal void Keep(string filter, DateOnly month, int part, object value, long size, long readAt)
    {
        if (!trusted || Generation != readAt || size > budget)
        {
            return;
        }

        var key = (filter, month, part);
        Remove(key);
        if (entries.TryAdd(key, (value, size)))
        {
            Interlocked.Add(ref bytes, size);
            kept.Enqueue(key);
        }

        if (Generation != readAt)
        {
            Remove(key);
        }

        while (Bytes > budget && kept.TryDequeue(out var oldest))
        {
            Remove(oldest);
        }

        // Parts forgotten or kept again leave stale places in the queue: start it again from what is kept.
        if (kept.Count > (4 * entries.Count) + 1000)
        {
            kept.Clear();
            foreach (var entry in entries.Keys)
            {
                kept.Enqueue(entry);
            }
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
                Clear();
                return;
            }

            months.Add(month);
        }

        foreach (var key in entries.Keys.Where(key => months.Contains(key.Month)))
        {
            Remove(key);
        }
    }

    public void StartTrusting()
    {
        Interlocked.Increment(ref generation);
        Clear();
        trusted = true;
    }

    public void StopTrusting()
    {
        trusted = false;
        Interlocked.Increment(ref generation);
        Clear();
    }

    private void Remove((string Filter, DateOnly Month, int Part) key)
    {
        if (entries.TryRemove(key, out var entry))
        {
            Interlocked.Add(ref bytes, -entry.Bytes);
        }
    }

    private void Clear()
    {
        foreach (var key in entries.Keys)
        {
            Remove(key);
        }

        kept.Clear();
    }
}
