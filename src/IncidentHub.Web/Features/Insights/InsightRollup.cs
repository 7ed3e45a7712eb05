using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// Reads the insight rollups the database keeps current (migrations InsightRollups and InsightBlocks; docs/design.md,
/// "Insights"), through <see cref="InsightMonthCache"/>: the month rollup for whole months and blocks of days, the
/// incidents' facts for the few days around them, the day rollup for corrective actions and recurrence. A filter is one key: '' (none), severity:S2,
/// source:Monitoring, service:checkout or team:payments.
/// </summary>
internal sealed class InsightRollup(IncidentHubDbContext db, InsightMonthCache cache)
{
    /// <summary>The figures of each period: every grouping for a grouped one, else only the whole.</summary>
    public async Task<InsightTallies[]> TalliesAsync(
        string filter, IReadOnlyList<(DateOnly From, DateOnly To, bool Grouped)> periods, CancellationToken cancellationToken)
    {
        var parts = periods.Select(period => InsightPeriod.Of(period.From, period.To)).ToList();
        var wanted = parts.SelectMany(part => part.Months.Select(month => (month.Month, InsightMonthCache.WholeMonth))
            .Concat(part.Blocks.Select(block => (block.Month, block.Block)))).Distinct().ToList();
        var cells = await CellsAsync(filter, wanted, cancellationToken);
        var tallies = periods.Select(_ => new InsightTallies()).ToArray();
        for (var i = 0; i < periods.Count; i++)
        {
            var summed = parts[i].Months.Select(month => (month.Month, InsightMonthCache.WholeMonth, month.Sign))
                .Concat(parts[i].Blocks.Select(block => (block.Month, block.Block, block.Sign)));
            foreach (var (month, part, sign) in summed)
            {
                cells[(month, part)].AddTo(
                    tallies[i], periods[i].Grouped, periods[i].Grouped ? tallies[i].RowOf(MonthKey(month)) : null, sign);
            }
        }

        // The day before a period is often read by both periods (the same days, with opposite signs): read once.
        var ranges = parts.SelectMany((part, period) => part.Days.Select(days => (days.From, days.Until, days.Sign, Period: period)))
            .GroupBy(days => (days.From, days.Until))
            .Select(range => (range.Key.From, range.Key.Until, Uses: range.Select(use => (use.Period, use.Sign)).ToList()))
            .ToList();
        foreach (var fact in await EdgesAsync(filter, [.. ranges.Select(range => (range.From, range.Until))], cancellationToken))
        {
            foreach (var (period, sign) in ranges[fact.Range].Uses)
            {
                AddFact(tallies[period], fact, sign, periods[period].Grouped);
            }
        }

        return tallies;
    }

    public static string MonthKey(DateOnly month) => $"month:{month:yyyy-MM}";

    /// <summary>The day rollup's rows of the days from <paramref name="from"/> to <paramref name="to"/> (included).</summary>
    public async Task<List<DayRow>> DaysAsync(string filter, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        List<DateOnly> months = [];
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        var found = new Dictionary<DateOnly, DayRow[]>();
        foreach (var month in months)
        {
            if (cache.TryGet<DayRow[]>(filter, month, InsightMonthCache.DayRollup, out var rows))
            {
                found[month] = rows;
            }
        }

        var missing = months.Where(month => !found.ContainsKey(month)).ToArray();
        if (missing.Length > 0)
        {
            var readAt = cache.Generation;
            var read = (await db.Database.SqlQueryRaw<DayRecord>(
                """
                SELECT d.day, d.key, d.measure, d.due, d.opened, sum(d.n)::int AS count
                FROM unnest(@months) AS m(month)
                -- Lateral, so that even a generic plan reads each month through the index.
                CROSS JOIN LATERAL (SELECT * FROM insight_days AS d
                    WHERE d.a = @filter AND d.day >= m.month AND d.day < (m.month + interval '1 month')::date OFFSET 0) AS d
                GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.n) <> 0
                """,
                new NpgsqlParameter("filter", filter), new NpgsqlParameter("months", missing))
                .ToListAsync(cancellationToken))
                .Select(row => new DayRow(row.Day, row.Key, row.Measure, row.Due, row.Opened, row.Count))
                .ToLookup(row => new DateOnly(row.Day.Year, row.Day.Month, 1));
            foreach (var month in missing)
            {
                var rows = read[month].ToArray();
                found[month] = rows;
                cache.Keep(filter, month, InsightMonthCache.DayRollup, rows, DayRow.Bytes * rows.Length, readAt);
            }
        }

        return [.. months.SelectMany(month => found[month]).Where(row => row.Day >= from && row.Day <= to)];
    }

    /// <summary>Corrective actions by kind of the incidents declared on these days (measures 30-33 of the day rollup).</summary>
    public static List<ActionRow> Actions(IEnumerable<DayRow> days) =>
        [.. days.Where(row => row.Measure >= 30)
            .GroupBy(row => (row.Key, row.Measure, row.Due, row.Opened))
            .Select(group => new ActionRow(group.Key.Key, group.Key.Measure, group.Key.Due, group.Key.Opened, group.Sum(row => row.Count)))
            .Where(row => row.Count != 0)];

    /// <summary>
    /// Services with an incident declared within <paramref name="withinDays"/> days (by UTC day, the same day included)
    /// after an earlier one of theirs on these days: how many incidents, and how many of them came so soon after another.
    /// </summary>
    public static List<RecurringService> Recurrence(IEnumerable<DayRow> days, int withinDays)
    {
        List<RecurringService> recurring = [];
        var byService = days.Where(row => row.Measure == 20).GroupBy(row => row.Key, StringComparer.Ordinal);
        foreach (var service in byService)
        {
            var daily = service.GroupBy(row => row.Day).Select(day => (Day: day.Key.DayNumber, N: day.Sum(row => row.Count)))
                .Where(day => day.N > 0).OrderBy(day => day.Day).ToList();
            int incidents = 0, recurrences = 0, windowStart = 0, earlier = 0;
            for (var i = 0; i < daily.Count; i++)
            {
                // earlier: the incidents of the days [day − withinDays, day − 1], kept as a sliding sum.
                if (i > 0)
                {
                    earlier += daily[i - 1].N;
                }

                while (windowStart < i && daily[windowStart].Day < daily[i].Day - withinDays)
                {
                    earlier -= daily[windowStart++].N;
                }

                incidents += daily[i].N;
                recurrences += earlier > 0 ? daily[i].N : daily[i].N - 1;
            }

            if (recurrences > 0)
            {
                recurring.Add(new RecurringService(service.Key, incidents, recurrences));
            }
        }

        return [.. recurring.OrderByDescending(row => row.Recurrences).ThenBy(row => row.Service, StringComparer.Ordinal)];
    }

    /// <summary>What one incident adds, as insight_contributions adds it to the month rollup.</summary>
    private static void AddFact(InsightTallies tallies, EdgeFact fact, int sign, bool grouped)
    {
        AddFactTo(tallies.RowOf(""), fact, sign);
        if (!grouped)
        {
            return;
        }

        AddFactTo(tallies.RowOf(MonthKey(fact.Month)), fact, sign);
        AddFactTo(tallies.RowOf($"severity:{fact.Severity ?? "None"}"), fact, sign);
        AddFactTo(tallies.RowOf($"source:{fact.Source ?? "None"}"), fact, sign);
        foreach (var service in fact.Services.Distinct(StringComparer.Ordinal))
        {
            AddFactTo(tallies.RowOf($"service:{service}"), fact, sign);
        }

        if (fact.RootCause is { } cause)
        {
            AddFactTo(tallies.RowOf($"cause:{cause}"), fact, sign);
        }
    }

    private static void AddFactTo(InsightTallies.Row row, EdgeFact fact, int sign)
    {
        Count(InsightTallies.Declared, true);
        Count(InsightTallies.Dismissed, fact.Dismissed);
        Count(InsightTallies.Duplicates, fact.Duplicate);
        Count(InsightTallies.ByMonitoring, fact.Source == "Monitoring");
        Count(InsightTallies.WithSource, fact.Source is not null);
        Count(InsightTallies.Reopened, fact.Reopened);
        Count(InsightTallies.MitigatedWithin30, fact.Ttm <= 1800);
        Duration(InsightTallies.TimeToDetect, fact.Ttd);
        Duration(InsightTallies.TimeToMitigate, fact.Ttm);
        Duration(InsightTallies.TimeToResolve, fact.Ttr);

        void Count(short measure, bool counted)
        {
            if (counted)
            {
                row.Add(measure, 0, sign, 0);
            }
        }

        void Duration(short measure, double? seconds)
        {
            if (seconds is { } value)
            {
                row.Add(measure, InsightBuckets.Of(value).Low, sign, sign * value);
            }
        }
    }

    /// <summary>The cells of each month part wanted: from the cache, or read for whole months and kept by part.</summary>
    private async Task<Dictionary<(DateOnly Month, int Part), MonthCells>> CellsAsync(
        string filter, List<(DateOnly Month, int Part)> wanted, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(DateOnly Month, int Part), MonthCells>();
        foreach (var (month, part) in wanted)
        {
            if (cache.TryGet<MonthCells>(filter, month, part, out var kept))
            {
                found[(month, part)] = kept;
            }
        }

        var missing = wanted.Where(part => !found.ContainsKey(part)).Select(part => part.Month).Distinct().ToArray();
        if (missing.Length == 0)
        {
            return found;
        }

        var readAt = cache.Generation;
        var rows = await db.Database.SqlQueryRaw<MonthRow>(
            """
            SELECT month, block, b AS key, measure, bucket, sum(n)::int AS count, sum(total) AS total
            FROM insight_months WHERE a = @filter AND month = ANY (@months)
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 OR sum(total) <> 0
            """,
            new NpgsqlParameter("filter", filter), new NpgsqlParameter("months", missing))
            .ToListAsync(cancellationToken);
        var read = rows.ToLookup(row => row.Month);
        foreach (var month in missing)
        {
            var monthRows = read[month].ToList();
            var parts = Enumerable.Range(0, InsightPeriod.BlocksPerMonth)
                .Select(block => (Part: block, Cells: Cells(monthRows.Where(row => row.Block == block))))
                .Append((InsightMonthCache.WholeMonth, Cells(monthRows)));
            foreach (var (part, value) in parts)
            {
                found[(month, part)] = value;
                cache.Keep(filter, month, part, value, value.Bytes, readAt);
            }
        }

        return found;

        static MonthCells Cells(IEnumerable<MonthRow> rows) =>
            new(rows.GroupBy(row => (row.Key, row.Measure, row.Bucket))
                .Select(cell => (cell.Key.Key, cell.Key.Measure, cell.Key.Bucket, cell.Sum(row => row.Count), cell.Sum(row => row.Total))));
    }

    /// <summary>The facts of the incidents declared in each range of days [From, Until), by the range's index.</summary>
    private Task<List<EdgeFact>> EdgesAsync(
        string filter, List<(DateOnly From, DateOnly Until)> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return Task.FromResult(new List<EdgeFact>());
        }

        var (kind, value) = filter.Split(':', 2) is [var k, var v] ? (k, v) : ("", "");
        return db.Database.SqlQueryRaw<EdgeFact>(
            """
            SELECT r.range, date_trunc('month', f.declared_at AT TIME ZONE 'UTC')::date AS month,
                f.severity, f.source, f.services, f.dismissed, f.duplicate, f.reopened, f.ttd, f.ttm, f.ttr,
                f.root_cause
            FROM unnest(@lo, @hi, @range) AS r(lo, hi, range)
            -- Lateral, so that even a generic plan reads each range through the index.
            CROSS JOIN LATERAL (
                SELECT * FROM insight_facts AS f WHERE f.declared_at >= r.lo AND f.declared_at < r.hi OFFSET 0) AS f
            WHERE CASE @kind
                WHEN 'severity' THEN coalesce(f.severity, 'None') = @value
                WHEN 'source' THEN coalesce(f.source, 'None') = @value
                WHEN 'service' THEN f.services @> ARRAY[@value]
                WHEN 'team' THEN f.teams @> ARRAY[@value]
                ELSE TRUE END
            """,
            new NpgsqlParameter("lo", days.Select(day => Midnight(day.From)).ToArray()),
            new NpgsqlParameter("hi", days.Select(day => Midnight(day.Until)).ToArray()),
            new NpgsqlParameter("range", Enumerable.Range(0, days.Count).ToArray()),
            new NpgsqlParameter("kind", kind),
            new NpgsqlParameter("value", value))
            .ToListAsync(cancellationToken);
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>As read; kept as a <see cref="DayRow"/>, which EF cannot read into.</summary>
    private sealed record DayRecord(DateOnly Day, string Key, short Measure, DateOnly? Due, DateOnly? Opened, int Count);

    private sealed record MonthRow(DateOnly Month, short Block, string Key, short Measure, int Bucket, int Count, double Total);

    private sealed record EdgeFact(
        int Range, DateOnly Month, string? Severity, string? Source, string[] Services, bool Dismissed,
        bool Duplicate, bool Reopened, double? Ttd, double? Ttm, double? Ttr, string? RootCause);
}

/// <summary>
/// One row of the day rollup: a day's incidents of a service (measure 20, key the service) or corrective actions of a
/// kind (30 opened, 31 done, 32 done on time, 33 open with its due date and opening day; key the kind).
/// </summary>
internal readonly record struct DayRow(DateOnly Day, string Key, short Measure, DateOnly? Due, DateOnly? Opened, int Count)
{
    /// <summary>What one takes in an array, roughly.</summary>
    public const int Bytes = 40;
}

/// <summary>One row of the day rollup's corrective actions: kind, measure (30-33), due date and opening day of open ones.</summary>
internal sealed record ActionRow(string Key, short Measure, DateOnly? Due, DateOnly? Opened, int Count);
