using System.Text;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Severity = IncidentHub.Domain.Severity;

namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// How incidents went over a period, for one severity, service, source or team if asked: how many, how they were
/// found, how fast they were detected, mitigated and resolved (median and 90th percentile, not means), by month,
/// severity, source and service, beside the period just before; and what became of their corrective actions.
/// Incidents count in the period they were declared in; drafts never declared do not count. Times run from the
/// impact's start as the incident page counts them: detection defaults to the declaration, the impact's start to the
/// detection.
/// </summary>
public sealed record GetInsights : IQuery<InsightsView>
{
    /// <summary>The first day of the period (UTC); absent: a year before <c>to</c>.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day of the period, included (UTC); absent: today.</summary>
    public DateOnly? To { get; init; }

    public string? Severity { get; init; }

    public string? Service { get; init; }

    public string? Source { get; init; }

    /// <summary>Incidents naming a service this team owns (the catalogue's owning team).</summary>
    public string? Team { get; init; }
}

public sealed record InsightsView(
    DateOnly From,
    DateOnly To,
    DateOnly PreviousFrom,
    DateOnly PreviousTo,
    InsightsFigures Current,
    InsightsFigures Previous,
    IReadOnlyList<InsightsFigures> ByMonth,
    IReadOnlyList<InsightsFigures> BySeverity,
    IReadOnlyList<InsightsFigures> BySource,
    IReadOnlyList<InsightsFigures> ByService,
    CorrectiveActionFigures CorrectiveActions,
    IReadOnlyList<CorrectiveActionFigures> CorrectiveActionsByKind);

/// <summary>One row of figures: the whole period, or one month, severity, source or service of it.</summary>
public sealed record InsightsFigures(
    string Key,
    int Declared,
    int Dismissed,
    int Duplicates,
    int DetectedByMonitoring,
    double? InternallyDetectedShare,
    Durations TimeToDetect,
    Durations TimeToMitigate,
    Durations TimeToResolve,
    double? MitigatedWithin30MinutesShare);

/// <summary>Seconds; null when no incident of the row has both times.</summary>
public sealed record Durations(int Count, double? MedianSeconds, double? P90Seconds);

public sealed record CorrectiveActionFigures(
    string Key, int Opened, int Done, int DoneOnTime, int Overdue, int Open, double? MedianOpenAgeDays);

public sealed class GetInsightsValidator : AbstractValidator<GetInsights>
{
    public GetInsightsValidator()
    {
        RuleFor(query => query.Severity).IsEnumName<GetInsights, Severity>();
        RuleFor(query => query.Source).IsEnumName<GetInsights, IncidentSource>();
        RuleFor(query => query.Service).MaximumLength(ServiceSlug.MaxLength).StorableText();
        RuleFor(query => query.Team).MaximumLength(Service.OwnerTeamMaxLength).StorableText();
        RuleFor(query => query.To).Must((query, to) => query.From is null || to is null || query.From <= to)
            .WithMessage("End the period on or after its first day.");
        RuleFor(query => query.From)
            .Must((query, from) => from is null || query.To is null || query.To.Value.DayNumber - from.Value.DayNumber < 3660)
            .WithMessage("Ask for at most ten years at once.");
    }
}

public sealed class GetInsightsHandler(IncidentHubDbContext db, TimeProvider clock) : IQueryHandler<GetInsights, InsightsView>
{
    private const string TimesFrom = """
        FROM incidents AS i
        CROSS JOIN LATERAL (SELECT COALESCE(i.detected_at, i.declared_at) AS detected_at) AS d
        CROSS JOIN LATERAL (SELECT COALESCE(i.impact_started_at, d.detected_at) AS impact_started_at) AS s
        CROSS JOIN LATERAL (SELECT
            extract(epoch FROM d.detected_at - s.impact_started_at)::float8 AS ttd,
            extract(epoch FROM i.mitigated_at - s.impact_started_at)::float8 AS ttm,
            extract(epoch FROM i.resolved_at - s.impact_started_at)::float8 AS ttr) AS t
        """;

    private const string Figures = """
        count(*)::int AS declared,
        count(*) FILTER (WHERE i.phase = 'Dismissed')::int AS dismissed,
        count(*) FILTER (WHERE i.duplicate_of IS NOT NULL)::int AS duplicates,
        count(*) FILTER (WHERE i.source = 'Monitoring')::int AS detected_by_monitoring,
        count(*) FILTER (WHERE i.source IS NOT NULL)::int AS with_source,
        count(t.ttd)::int AS ttd_count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ttd) AS ttd_median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY t.ttd) AS ttd_p90,
        count(t.ttm)::int AS ttm_count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ttm) AS ttm_median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY t.ttm) AS ttm_p90,
        count(t.ttr)::int AS ttr_count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ttr) AS ttr_median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY t.ttr) AS ttr_p90,
        count(*) FILTER (WHERE t.ttm <= 1800)::int AS mitigated_within30
        """;

    private const string Filters = """
        i.declared_at >= @from AND i.declared_at < @to
        AND (@severity::text IS NULL OR i.severity = @severity)
        AND (@source::text IS NULL OR i.source = @source)
        AND (@service::text IS NULL OR i.services @> ARRAY[@service::text])
        AND (@team::text IS NULL OR EXISTS (
            SELECT 1 FROM services AS owned WHERE lower(owned.owner_team) = lower(@team) AND owned.slug = ANY (i.services)))
        """;

    public async ValueTask<InsightsView> Handle(GetInsights query, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = query.To ?? today;
        var from = query.From ?? to.AddYears(-1).AddDays(1);
        var days = to.DayNumber - from.DayNumber + 1;
        var previousTo = from.AddDays(-1);
        var previousFrom = previousTo.AddDays(1 - days);

        var current = await RowsAsync("'all'", "", query, from, to, cancellationToken);
        var previous = await RowsAsync("'all'", "", query, previousFrom, previousTo, cancellationToken);
        var byMonth = await RowsAsync(
            "to_char(date_trunc('month', i.declared_at AT TIME ZONE 'UTC'), 'YYYY-MM')", "", query, from, to, cancellationToken);
        var bySeverity = await RowsAsync("COALESCE(i.severity, 'None')", "", query, from, to, cancellationToken);
        var bySource = await RowsAsync("COALESCE(i.source, 'None')", "", query, from, to, cancellationToken);
        var byService = await RowsAsync(
            "named.service", "CROSS JOIN LATERAL unnest(i.services) AS named(service)", query, from, to, cancellationToken);
        var actions = await ActionsAsync("'all'", query, from, to, cancellationToken);
        var actionsByKind = await ActionsAsync("a.kind", query, from, to, cancellationToken);
        return new InsightsView(
            from, to, previousFrom, previousTo,
            current.SingleOrDefault() ?? Empty("all"), previous.SingleOrDefault() ?? Empty("all"),
            byMonth, [.. bySeverity.OrderBy(row => SeverityOrder(row.Key))], bySource,
            [.. byService.OrderByDescending(row => row.Declared).ThenBy(row => row.Key, StringComparer.Ordinal)],
            actions.SingleOrDefault() ?? new CorrectiveActionFigures("all", 0, 0, 0, 0, 0, null),
            actionsByKind);
    }

    private async Task<List<InsightsFigures>> RowsAsync(
        string key, string join, GetInsights query, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {key} AS key, {Figures}
            {TimesFrom}
            {join}
            WHERE {Filters}
            GROUP BY 1 ORDER BY 1
            """;
        var rows = await db.Database.SqlQueryRaw<FigureRow>(sql, Parameters(query, from, to))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(row => row.ToFigures())];
    }

    private async Task<List<CorrectiveActionFigures>> ActionsAsync(
        string key, GetInsights query, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var sql = $"""
            SELECT {key} AS key,
                count(*)::int AS opened,
                count(*) FILTER (WHERE a.status = 'Done')::int AS done,
                count(*) FILTER (WHERE a.status = 'Done' AND a.due_date IS NOT NULL
                    AND (a.completed_at AT TIME ZONE 'UTC')::date <= a.due_date)::int AS done_on_time,
                count(*) FILTER (WHERE a.status IN ('Open', 'InProgress') AND a.due_date < @today)::int AS overdue,
                count(*) FILTER (WHERE a.status IN ('Open', 'InProgress'))::int AS open,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM @now - a.created_at)::float8 / 86400)
                    FILTER (WHERE a.status IN ('Open', 'InProgress')) AS median_open_age_days
            FROM corrective_actions AS a JOIN incidents AS i ON i.id = a.incident_id
            WHERE {Filters}
            GROUP BY 1 ORDER BY 1
            """;
        NpgsqlParameter[] parameters =
        [
            .. Parameters(query, from, to),
            new("today", today),
            new("now", now),
        ];
        return await db.Database.SqlQueryRaw<CorrectiveActionFigures>(sql, parameters).ToListAsync(cancellationToken);
    }

    private static NpgsqlParameter[] Parameters(GetInsights query, DateOnly from, DateOnly to) =>
    [
        new("from", new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        new("to", new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        new("severity", (object?)EnumText.Parse<Severity>(query.Severity)?.ToString() ?? DBNull.Value),
        new("source", (object?)EnumText.Parse<IncidentSource>(query.Source)?.ToString() ?? DBNull.Value),
        new("service", (object?)(string.IsNullOrWhiteSpace(query.Service) ? null : query.Service.Trim()) ?? DBNull.Value),
        new("team", (object?)(string.IsNullOrWhiteSpace(query.Team) ? null : query.Team.Trim()) ?? DBNull.Value),
    ];

    private static int SeverityOrder(string key) =>
        Enum.TryParse<Severity>(key, out var severity) && severity != Severity.Unknown ? (int)severity : 9;

    private static InsightsFigures Empty(string key) =>
        new(key, 0, 0, 0, 0, null, new(0, null, null), new(0, null, null), new(0, null, null), null);

    private sealed record FigureRow(
        string Key,
        int Declared,
        int Dismissed,
        int Duplicates,
        int DetectedByMonitoring,
        int WithSource,
        int TtdCount,
        double? TtdMedian,
        double? TtdP90,
        int TtmCount,
        double? TtmMedian,
        double? TtmP90,
        int TtrCount,
        double? TtrMedian,
        double? TtrP90,
        int MitigatedWithin30)
    {
        public InsightsFigures ToFigures() => new(
            Key, Declared, Dismissed, Duplicates, DetectedByMonitoring,
            WithSource == 0 ? null : (double)DetectedByMonitoring / WithSource,
            new(TtdCount, TtdMedian, TtdP90), new(TtmCount, TtmMedian, TtmP90), new(TtrCount, TtrMedian, TtrP90),
            TtmCount == 0 ? null : (double)MitigatedWithin30 / TtmCount);
    }
}

/// <summary>The tables of <see cref="InsightsView"/> as CSV, one row per line, for a spreadsheet.</summary>
public static class InsightsCsv
{
    public static readonly IReadOnlyList<string> Tables =
        ["by-month", "by-severity", "by-source", "by-service", "corrective-actions"];

    public static string Write(InsightsView view, string table)
    {
        var csv = new StringBuilder();
        if (table == "corrective-actions")
        {
            csv.AppendLine("kind,opened,done,done_on_time,overdue,open,median_open_age_days");
            foreach (var row in view.CorrectiveActionsByKind.Append(view.CorrectiveActions))
            {
                csv.AppendLine(string.Join(',', Field(row.Key), row.Opened, row.Done, row.DoneOnTime, row.Overdue, row.Open,
                    Number(row.MedianOpenAgeDays)));
            }

            return csv.ToString();
        }

        var rows = table switch
        {
            "by-month" => view.ByMonth,
            "by-severity" => view.BySeverity,
            "by-source" => view.BySource,
            _ => view.ByService,
        };
        csv.AppendLine(
            "key,declared,dismissed,duplicates,detected_by_monitoring,internally_detected_share,"
            + "ttd_median_s,ttd_p90_s,ttm_median_s,ttm_p90_s,ttr_median_s,ttr_p90_s,mitigated_within_30_min_share");
        foreach (var row in rows.Append(view.Current))
        {
            csv.AppendLine(string.Join(',', Field(row.Key), row.Declared, row.Dismissed, row.Duplicates,
                row.DetectedByMonitoring, Number(row.InternallyDetectedShare), Number(row.TimeToDetect.MedianSeconds),
                Number(row.TimeToDetect.P90Seconds), Number(row.TimeToMitigate.MedianSeconds),
                Number(row.TimeToMitigate.P90Seconds), Number(row.TimeToResolve.MedianSeconds),
                Number(row.TimeToResolve.P90Seconds), Number(row.MitigatedWithin30MinutesShare)));
        }

        return csv.ToString();
    }

    private static string Number(double? value) =>
        value?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quoted when it must be, and never read as a formula by a spreadsheet.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
