namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// A period of whole days as the rollups can sum it: whole months and blocks of days inside a month (1-8, 9-16, 17-24,
/// 25 to the end, as insight_block numbers them) from the month rollup, and the rest from the incidents' facts. A
/// partly covered month is summed as its covered blocks, or as the whole month less its uncovered ones, whichever reads
/// fewer days incident by incident; a partly covered block likewise, so no edge reads more than half a block of days.
/// </summary>
internal sealed record InsightPeriod(
    IReadOnlyList<(DateOnly Month, int Sign)> Months,
    IReadOnlyList<(DateOnly Month, int Block, int Sign)> Blocks,
    IReadOnlyList<(DateOnly From, DateOnly Until, int Sign)> Days)
{
    public const int BlockDays = 8, BlocksPerMonth = 4;

    public static InsightPeriod Of(DateOnly from, DateOnly to)
    {
        var period = new Parts();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            var start = from > month ? from : month;
            var end = to < last ? to : last;
            if (start == month && end == last)
            {
                period.Months.Add((month, 1));
                continue;
            }

            var covered = new Parts();
            covered.Add(month, start, end, 1);
            var rest = new Parts();
            rest.Months.Add((month, 1));
            rest.Add(month, month, start.AddDays(-1), -1);
            rest.Add(month, end.AddDays(1), last, -1);
            period.Append(covered.Cost <= rest.Cost ? covered : rest);
        }

        return new(period.Months, period.Blocks, period.Days);
    }

    public static DateOnly BlockStart(DateOnly month, int block) => month.AddDays(block * BlockDays);

    private static DateOnly BlockEnd(DateOnly month, int block) =>
        block < BlocksPerMonth - 1 ? month.AddDays(((block + 1) * BlockDays) - 1) : month.AddMonths(1).AddDays(-1);

    private sealed class Parts
    {
        public List<(DateOnly Month, int Sign)> Months { get; } = [];

        public List<(DateOnly Month, int Block, int Sign)> Blocks { get; } = [];

        public List<(DateOnly From, DateOnly Until, int Sign)> Days { get; } = [];

        /// <summary>Days read incident by incident cost far more than a rollup's part, which is mostly in memory.</summary>
        public int Cost => (100 * Days.Sum(days => days.Until.DayNumber - days.From.DayNumber)) + Months.Count + Blocks.Count;

        /// <summary>The days from <paramref name="start"/> to <paramref name="end"/> (included) of one month, by block.</summary>
        public void Add(DateOnly month, DateOnly start, DateOnly end, int sign)
        {
            for (var block = 0; block < BlocksPerMonth; block++)
            {
                var (blockStart, blockEnd) = (BlockStart(month, block), BlockEnd(month, block));
                var (first, last) = (start > blockStart ? start : blockStart, end < blockEnd ? end : blockEnd);
                if (first > last)
                {
                    continue;
                }

                var covered = last.DayNumber - first.DayNumber + 1;
                var left = blockEnd.DayNumber - blockStart.DayNumber + 1 - covered;
                // Half a block either way: read the days at its end, as the period on the other side of them does.
                if (left > 0 && (covered < left || (covered == left && last == blockEnd)))
                {
                    Days.Add((first, last.AddDays(1), sign));
                    continue;
                }

                Blocks.Add((month, block, sign));
                if (first > blockStart)
                {
                    Days.Add((blockStart, first, -sign));
                }

                if (last < blockEnd)
                {
                    Days.Add((last.AddDays(1), blockEnd.AddDays(1), -sign));
                }
            }
        }

        public void Append(Parts other)
        {
            Months.AddRange(other.Months);
            Blocks.AddRange(other.Blocks);
            Days.AddRange(other.Days);
        }
    }
}
