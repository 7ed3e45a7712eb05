using IncidentHub.Web.Features.Insights;

namespace IncidentHub.Web.Tests.Insights;

/// <summary>
/// How a period is cut into what the rollups can sum: every day inside it counted once, every day outside it not at
/// all, and few days read incident by incident, for every period starting and ending anywhere in five months
/// (February of a leap year, months of 30 and 31 days).
/// </summary>
public sealed class InsightPeriodTests
{
    private static readonly DateOnly First = new(2024, 1, 1), Last = new(2024, 5, 31);

    [Fact]
    public void Each_day_of_any_period_counts_once_and_no_other_day_counts()
    {
        for (var from = First; from <= Last; from = from.AddDays(1))
        {
            for (var to = from; to <= Last; to = to.AddDays(1))
            {
                var period = InsightPeriod.Of(from, to);
                var counted = Counted(period);
                for (var day = First.AddDays(-1); day <= Last.AddDays(1); day = day.AddDays(1))
                {
                    var expected = day >= from && day <= to ? 1 : 0;
                    Assert.True(counted.GetValueOrDefault(day) == expected, $"{from}..{to}: {day} counted {counted.GetValueOrDefault(day)} times");
                }
            }
        }
    }

    [Fact]
    public void No_more_than_four_days_are_read_incident_by_incident_at_each_end()
    {
        var worst = 0;
        for (var from = First; from <= Last; from = from.AddDays(1))
        {
            for (var to = from; to <= Last; to = to.AddDays(1))
            {
                var read = InsightPeriod.Of(from, to).Days.Sum(days => days.Until.DayNumber - days.From.DayNumber);
                worst = Math.Max(worst, read);
            }
        }

        Assert.InRange(worst, 1, 8);
    }

    [Fact]
    public void A_year_from_the_middle_of_a_block_reads_whole_months_and_a_few_blocks()
    {
        var period = InsightPeriod.Of(new DateOnly(2024, 3, 13), new DateOnly(2025, 3, 12));

        Assert.Equal(11, period.Months.Count);
        Assert.Equal(
            [(new DateOnly(2024, 3, 1), 2, 1), (new DateOnly(2024, 3, 1), 3, 1), (new DateOnly(2025, 3, 1), 0, 1), (new DateOnly(2025, 3, 1), 1, 1)],
            period.Blocks);
        // 13-16 March of 2024 (4 of block 1's 8 days), and 13-16 March of 2025 taken away from its block 1.
        Assert.Equal(
            [(new DateOnly(2024, 3, 13), new DateOnly(2024, 3, 17), 1), (new DateOnly(2025, 3, 13), new DateOnly(2025, 3, 17), -1)],
            period.Days);
    }

    [Fact]
    public void A_period_and_the_one_before_it_read_the_same_days_around_the_day_between_them()
    {
        for (var from = First; from <= Last; from = from.AddDays(1))
        {
            var current = InsightPeriod.Of(from, from.AddDays(364));
            var previous = InsightPeriod.Of(from.AddDays(-365), from.AddDays(-1));

            var atStart = current.Days.Where(days => days.From <= from.AddDays(8) && days.Until >= from.AddDays(-8));
            foreach (var days in atStart)
            {
                Assert.Contains(previous.Days, other => other.From == days.From && other.Until == days.Until);
            }
        }
    }

    private static Dictionary<DateOnly, int> Counted(InsightPeriod period)
    {
        var counted = new Dictionary<DateOnly, int>();
        void Count(DateOnly from, DateOnly until, int sign)
        {
            for (var day = from; day < until; day = day.AddDays(1))
            {
                counted[day] = counted.GetValueOrDefault(day) + sign;
            }
        }

        foreach (var (month, sign) in period.Months)
        {
            Count(month, month.AddMonths(1), sign);
        }

        foreach (var (month, block, sign) in period.Blocks)
        {
            var start = InsightPeriod.BlockStart(month, block);
            Count(start, block == InsightPeriod.BlocksPerMonth - 1 ? month.AddMonths(1) : start.AddDays(InsightPeriod.BlockDays), sign);
        }

        foreach (var (from, until, sign) in period.Days)
        {
            Count(from, until, sign);
        }

        return counted;
    }
}
