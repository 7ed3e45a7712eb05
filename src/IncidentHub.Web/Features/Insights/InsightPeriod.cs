namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// A period of whole days as the rollups can sum it: whole months from the month rollup, the rest from the incidents'
/// facts. A partly covered month is read directly when that is fewer days, else as the whole month less the days
/// left out, so no edge reads more than half a month of incidents.
/// </summary>
internal sealed record InsightPeriod(IReadOnlyList<(DateOnly Month, int Sign)> Months,
    IReadOnlyList<(DateOnly From, DateOnly Until, int Sign)> Days)
{
    public static InsightPeriod Of(DateOnly from, DateOnly to)
    {
        List<(DateOnly, int)> months = [];
        List<(DateOnly, DateOnly, int)> days = [];
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            var start = from > month ? from : month;
            var end = to < last ? to : last;
            var covered = end.DayNumber - start.DayNumber + 1;
            var left = last.DayNumber - month.DayNumber + 1 - covered;
            if (left > 0 && covered <= left)
            {
                days.Add((start, end.AddDays(1), 1));
                continue;
            }

            months.Add((month, 1));
            if (start > month)
            {
                days.Add((month, start, -1));
            }

            if (end < last)
            {
                days.Add((end.AddDays(1), last.AddDays(1), -1));
            }
        }

        return new(months, days);
    }
}
