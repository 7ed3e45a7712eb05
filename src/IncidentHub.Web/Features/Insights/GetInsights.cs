using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using Mediator;
using Severity = IncidentHub.Domain.Severity;

namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// How incidents went over a period, for one severity, service, source or team if asked: how many, how they were
/// found, how fast they were detected, mitigated and resolved (median and 90th percentile, not means), by month,
/// severity, source and service, beside the period just before; and what became of their corrective actions.
/// Incidents count in the period they were declared in; drafts never declared do not count. Times run from the
/// impact's start as the incident page counts them: detection defaults to the declaration, the impact's start to the
/// detection. The figures come from rollups the database keeps current (docs/design.md, "Insights"): counts are exact,
/// medians and 90th percentiles are read from fine duration buckets (within a bucket's width, under 10 %).
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

    /// <summary>For recurrence: a service's incident recurs when it comes within this many days of its previous one.</summary>
    public int? RecurrenceDays { get; init; }

    public const int DefaultRecurrenceDays = 7;
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
    IReadOnlyList<InsightsFigures> ByRootCause,
    CorrectiveActionFigures CorrectiveActions,
    IReadOnlyList<CorrectiveActionFigures> CorrectiveActionsByKind,
    IReadOnlyList<ResponseTimeRange> ResponseTimes,
    int RecurrenceDays,
    IReadOnlyList<RecurringService> Recurrence);

/// <summary>One row of figures: the whole period, or one month, severity, source or service of it.</summary>
public sealed record InsightsFigures(
    string Key,
    int Declared,
    int Dismissed,
    int Duplicates,
    int Reopened,
    int DetectedByMonitoring,
    double? InternallyDetectedShare,
    Durations TimeToDetect,
    Durations TimeToMitigate,
    Durations TimeToResolve,
    double? MitigatedWithin30MinutesShare);

/// <summary>Seconds; null when no incident of the row has both times.</summary>
public sealed record Durations(int Count, double? MedianSeconds, double? P90Seconds);

/// <summary>
/// How many incidents of the period were mitigated and resolved within a range of time after the impact started
/// (<see cref="FromSeconds"/> included, <see cref="ToSeconds"/> excluded; null: no end).
/// </summary>
public sealed record ResponseTimeRange(string Key, int FromSeconds, int? ToSeconds, int Mitigated, int Resolved)
{
    /// <summary>The ranges, from under five minutes to over a day.</summary>
    public static readonly IReadOnlyList<(string Key, int From, int? To)> Ranges =
    [
        ("<5 min", 0, 300), ("5-15 min", 300, 900), ("15-30 min", 900, 1800), ("30-60 min", 1800, 3600),
        ("1-2 h", 3600, 7200), ("2-4 h", 7200, 14400), ("4-24 h", 14400, 86400), (">1 day", 86400, null),
    ];
}

/// <summary>A service with incidents that came within the recurrence window of an earlier one of its own.</summary>
public sealed record RecurringService(string Service, int Incidents, int Recurrences);

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
        RuleFor(query => query.RecurrenceDays).InclusiveBetween(1, 90);

        // The rollups keep figures per filter, not per pair of them: the second filter given is refused.
        RuleFor(query => query).Custom((query, context) =>
        {
            var given = new[] { ("severity", query.Severity), ("service", query.Service), ("source", query.Source),
                ("team", query.Team) }.Where(filter => !string.IsNullOrWhiteSpace(filter.Item2)).ToList();
            if (given.Count > 1)
            {
                context.AddFailure(given[1].Item1, "Choose one filter at a time: a severity, a service, a source or a team.");
            }
        });
    }
}

public sealed class GetInsightsHandler(IncidentHubDbContext db, InsightMonthCache cache, TimeProvider clock)
    : IQueryHandler<GetInsights, InsightsView>
{
    public async ValueTask<InsightsView> Handle(GetInsights query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var to = query.To ?? today;
        var from = query.From ?? to.AddYears(-1).AddDays(1);
        var days = to.DayNumber - from.DayNumber + 1;
        var previousTo = from.AddDays(-1);
        var previousFrom = previousTo.AddDays(1 - days);
        var filter = FilterKey(query);
        var rollup = new InsightRollup(db, cache);

        var tallies = await rollup.TalliesAsync(
            filter, [(from, to, true), (previousFrom, previousTo, false)], cancellationToken);
        var (current, previous) = (tallies[0], tallies[1]);
        var keys = current.Keys.ToList();
        List<InsightsFigures> Rows(string prefix) =>
            [.. keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                .Select(key => current.Figures(key, key[prefix.Length..]))];
        var whole = current.Figures("", "all");

        // A severity or source filter leaves one row in its own grouping: the whole period.
        var bySeverity = query.Severity is { Length: > 0 } severity
            ? whole.Declared > 0 ? [whole with { Key = EnumText.Parse<Severity>(severity)!.Value.ToString() }] : []
            : Rows("severity:");
        var bySource = query.Source is { Length: > 0 } source
            ? whole.Declared > 0 ? [whole with { Key = EnumText.Parse<IncidentSource>(source)!.Value.ToString() }] : []
            : Rows("source:");
        var dayRows = await rollup.DaysAsync(filter, from, to, cancellationToken);
        var actions = InsightRollup.Actions(dayRows);
        var recurrenceDays = query.RecurrenceDays ?? GetInsights.DefaultRecurrenceDays;
        return new InsightsView(
            from, to, previousFrom, previousTo, whole, previous.Figures("", "all"),
            Rows("month:"), [.. bySeverity.OrderBy(row => SeverityOrder(row.Key))], bySource,
            [.. Rows("service:").OrderByDescending(row => row.Declared).ThenBy(row => row.Key, StringComparer.Ordinal)],
            [.. Rows("cause:").OrderByDescending(row => row.Declared).ThenBy(row => row.Key, StringComparer.Ordinal)],
            ActionFigures("all", actions, today, now),
            [.. actions.Select(row => row.Key).Distinct().Order(StringComparer.Ordinal)
                .Select(kind => ActionFigures(kind, actions.Where(row => row.Key == kind), today, now))],
            [.. ResponseTimeRange.Ranges.Select(range => new ResponseTimeRange(range.Key, range.From, range.To,
                current.Within("", InsightTallies.TimeToMitigate, range.From, range.To),
                current.Within("", InsightTallies.TimeToResolve, range.From, range.To)))],
            recurrenceDays,
            InsightRollup.Recurrence(dayRows, recurrenceDays));
    }

    /// <summary>The rollups' key for the one filter given: '' for none.</summary>
    private static string FilterKey(GetInsights query) =>
        EnumText.Parse<Severity>(query.Severity) is { } severity ? $"severity:{severity}"
        : EnumText.Parse<IncidentSource>(query.Source) is { } source ? $"source:{source}"
        : !string.IsNullOrWhiteSpace(query.Service) ? $"service:{query.Service.Trim()}"
        : !string.IsNullOrWhiteSpace(query.Team) ? $"team:{query.Team.Trim().ToLowerInvariant()}"
        : "";

    private static CorrectiveActionFigures ActionFigures(
        string key, IEnumerable<ActionRow> rows, DateOnly today, DateTimeOffset now)
    {
        var list = rows.ToList();
        int Sum(short measure, Func<ActionRow, bool>? where = null) =>
            list.Where(row => row.Measure == measure && (where is null || where(row))).Sum(row => row.Count);

        // Open actions are kept by the day they were opened: their age counts from that day's noon (UTC).
        var ages = list.Where(row => row.Measure == 33 && row.Opened is not null && row.Count > 0)
            .Select(row => (Days: (now - new DateTimeOffset(row.Opened!.Value.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)).TotalDays,
                row.Count))
            .OrderBy(age => age.Days).ToList();
        return new CorrectiveActionFigures(
            key, Sum(30), Sum(31), Sum(32), Sum(33, row => row.Due < today), Sum(33), Median(ages));
    }

    private static double? Median(List<(double Value, int Count)> sorted)
    {
        var count = sorted.Sum(item => item.Count);
        if (count == 0)
        {
            return null;
        }

        double At(int index)
        {
            foreach (var (value, weight) in sorted)
            {
                if (index < weight)
                {
                    return value;
                }

                index -= weight;
            }

            return sorted[^1].Value;
        }

        return count % 2 == 1 ? At(count / 2) : (At((count / 2) - 1) + At(count / 2)) / 2;
    }

    private static int SeverityOrder(string key) =>
        Enum.TryParse<Severity>(key, out var severity) && severity != Severity.Unknown ? (int)severity : 9;
}
