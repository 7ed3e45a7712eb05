using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// Reads the insight rollups the database keeps current (migration InsightRollups; docs/design.md, "Insights"): the
/// month rollup (through <see cref="InsightMonthCache"/>) for whole months, the incidents' facts for the days around
/// them, the day rollup for corrective actions and recurrence. A filter is one key: '' (none), severity:S2,
/// source:Monitoring, service:checkout or team:payments.
/// </summary>
internal sealed class InsightRollup(IncidentHubDbContext db, InsightMonthCache cache)
{
    /// <summary>The figures of each period: every grouping for a grouped one, else only the whole.</summary>
    public async Task<InsightTallies[]> TalliesAsync(
        string filter, IReadOnlyList<(DateOnly From, DateOnly To, bool Grouped)> periods, CancellationToken cancellationToken)
    {
        var parts = periods.Select(period => InsightPeriod.Of(period.From, period.To)).ToList();
        var months = await MonthsAsync(
            filter, parts.SelectMany(part => part.Months.Select(month => month.Month)).Distinct().ToList(), cancellationToken);
        var tallies = periods.Select(_ => new InsightTallies()).ToArray();
        for (var i = 0; i < periods.Count; i++)
        {
            foreach (var (month, sign) in parts[i].Months)
            {
                foreach (var cell in months[month])
                {
                    if (periods[i].Grouped || cell.Key.Length == 0)
                    {
                        AddCell(tallies[i], cell.Key, cell, sign);
                    }

                    if (periods[i].Grouped && cell.Key.Length == 0)
                    {
                        AddCell(tallies[i], MonthKey(month), cell, sign);
                    }
                }
            }
        }

        foreach (var fact in await EdgesAsync(filter, parts, cancellationToken))
        {
            AddFact(tallies[fact.Period], fact, periods[fact.Period].Grouped);
        }

        return tallies;
    }

    public static string MonthKey(DateOnly month) => $"month:{month:yyyy-MM}";

    /// <summary>Corrective actions by kind of the incidents declared in the period, as the day rollup keeps them.</summary>
    public Task<List<ActionRow>> ActionsAsync(string filter, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<ActionRow>(
            """
            SELECT key, measure, due, opened, sum(n)::int AS count FROM insight_days
            WHERE a = @filter AND day >= @from AND day <= @to AND measure >= 30
            GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
            """,
            new NpgsqlParameter("filter", filter), new NpgsqlParameter("from", from), new NpgsqlParameter("to", to))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Services with an incident declared within <paramref name="days"/> days (by UTC day, the same day included) after an
    /// earlier one of theirs in the period: how many incidents, and how many of them came so soon after another.
    /// </summary>
    public Task<List<RecurringService>> RecurrenceAsync(
        string filter, DateOnly from, DateOnly to, int days, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<RecurringService>(
            """
            WITH daily AS (
                SELECT key AS service, day, sum(n)::int AS n FROM insight_days
                WHERE a = @filter AND measure = 20 AND day >= @from AND day <= @to
                GROUP BY 1, 2 HAVING sum(n) > 0
            ), spaced AS (
                SELECT service, n, sum(n) OVER (PARTITION BY service ORDER BY day
                    RANGE BETWEEN make_interval(days => @days) PRECEDING AND interval '1 day' PRECEDING) AS earlier
                FROM daily
            )
            SELECT service, sum(n)::int AS incidents,
                sum(CASE WHEN earlier > 0 THEN n ELSE n - 1 END)::int AS recurrences
            FROM spaced GROUP BY 1 HAVING sum(CASE WHEN earlier > 0 THEN n ELSE n - 1 END) > 0
            ORDER BY 3 DESC, 1
            """,
            new NpgsqlParameter("filter", filter), new NpgsqlParameter("from", from), new NpgsqlParameter("to", to),
            new NpgsqlParameter("days", days))
            .ToListAsync(cancellationToken);

    private static void AddCell(InsightTallies tallies, string key, MonthCell cell, int sign) =>
        tallies.Add(key, cell.Measure, cell.Bucket, cell.Width, sign * cell.Count, sign * cell.Total);

    /// <summary>What one incident adds, as insight_contributions adds it to the month rollup.</summary>
    private static void AddFact(InsightTallies tallies, EdgeFact fact, bool grouped)
    {
        List<string> keys = [""];
        if (grouped)
        {
            keys.Add(MonthKey(fact.Month));
            keys.Add($"severity:{fact.Severity ?? "None"}");
            keys.Add($"source:{fact.Source ?? "None"}");
            keys.AddRange(fact.Services.Distinct(StringComparer.Ordinal).Select(service => $"service:{service}"));
        }

        foreach (var key in keys)
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
                    tallies.Add(key, measure, 0, 0, fact.Sign, 0);
                }
            }

            void Duration(short measure, double? seconds)
            {
                if (seconds is { } value)
                {
                    var (bucket, width) = InsightBuckets.Of(value);
                    tallies.Add(key, measure, bucket, width, fact.Sign, fact.Sign * value);
                }
            }
        }
    }

    private async Task<Dictionary<DateOnly, MonthCell[]>> MonthsAsync(
        string filter, List<DateOnly> months, CancellationToken cancellationToken)
    {
        var found = new Dictionary<DateOnly, MonthCell[]>();
        foreach (var month in months)
        {
            if (cache.TryGet(filter, month, out var cells))
            {
                found[month] = cells;
            }
        }

        var missing = months.Where(month => !found.ContainsKey(month)).ToArray();
        if (missing.Length == 0)
        {
            return found;
        }

        var readAt = cache.Generation;
        var rows = await db.Database.SqlQueryRaw<MonthRow>(
            """
            SELECT month, b AS key, measure, bucket, sum(n)::int AS count, sum(total) AS total
            FROM insight_months WHERE a = @filter AND month = ANY (@months)
            GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 OR sum(total) <> 0
            """,
            new NpgsqlParameter("filter", filter), new NpgsqlParameter("months", missing))
            .ToListAsync(cancellationToken);
        var read = rows.ToLookup(row => row.Month);
        foreach (var month in missing)
        {
            var cells = read[month].Select(row => new MonthCell(
                    row.Key, row.Measure, row.Bucket, InsightBuckets.WidthAt(row.Bucket), row.Count, row.Total))
                .ToArray();
            found[month] = cells;
            cache.Keep(filter, month, cells, readAt);
        }

        return found;
    }

    private Task<List<EdgeFact>> EdgesAsync(string filter, List<InsightPeriod> parts, CancellationToken cancellationToken)
    {
        var days = parts.SelectMany((part, period) => part.Days.Select(day => (day.From, day.Until, day.Sign, period))).ToList();
        if (days.Count == 0)
        {
            return Task.FromResult(new List<EdgeFact>());
        }

        var (kind, value) = filter.Split(':', 2) is [var k, var v] ? (k, v) : ("", "");
        return db.Database.SqlQueryRaw<EdgeFact>(
            """
            SELECT r.period, r.sign, date_trunc('month', f.declared_at AT TIME ZONE 'UTC')::date AS month,
                f.severity, f.source, f.services, f.dismissed, f.duplicate, f.reopened, f.ttd, f.ttm, f.ttr
            FROM unnest(@lo, @hi, @sign, @period) AS r(lo, hi, sign, period)
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
            new NpgsqlParameter("sign", days.Select(day => day.Sign).ToArray()),
            new NpgsqlParameter("period", days.Select(day => day.period).ToArray()),
            new NpgsqlParameter("kind", kind),
            new NpgsqlParameter("value", value))
            .ToListAsync(cancellationToken);
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private sealed record MonthRow(DateOnly Month, string Key, short Measure, int Bucket, int Count, double Total);

    private sealed record EdgeFact(
        int Period, int Sign, DateOnly Month, string? Severity, string? Source, string[] Services, bool Dismissed,
        bool Duplicate, bool Reopened, double? Ttd, double? Ttm, double? Ttr);
}

/// <summary>One row of the day rollup's corrective actions: kind, measure (30-33), due date and opening day of open ones.</summary>
internal sealed record ActionRow(string Key, short Measure, DateOnly? Due, DateOnly? Opened, int Count);
