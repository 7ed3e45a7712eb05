using IncidentHub.Web.Features.Insights;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Tests.Insights;

/// <summary>The insights' figures an instance keeps stay within the memory given them, and changed months go.</summary>
public sealed class InsightMonthCacheTests
{
    [Fact]
    public void Beyond_its_budget_the_parts_kept_first_go_first()
    {
        var cache = new InsightMonthCache(Options.Create(new InsightOptions { CacheMegabytes = 1 }));
        cache.StartTrusting();

        for (var month = 1; month <= 10; month++)
        {
            cache.Keep("", new DateOnly(2026, month, 1), InsightMonthCache.WholeMonth, $"month {month}", 200_000, cache.Generation);
        }

        Assert.InRange(cache.Bytes, 800_000, 1024 * 1024);
        Assert.False(cache.TryGet<string>("", new DateOnly(2026, 1, 1), InsightMonthCache.WholeMonth, out _));
        Assert.True(cache.TryGet<string>("", new DateOnly(2026, 10, 1), InsightMonthCache.WholeMonth, out var kept));
        Assert.Equal("month 10", kept);
    }

    [Fact]
    public void A_changed_month_is_forgotten_and_what_was_read_before_the_change_is_not_kept()
    {
        var cache = new InsightMonthCache(Options.Create(new InsightOptions()));
        cache.StartTrusting();
        var march = new DateOnly(2026, 3, 1);
        cache.Keep("", march, 0, "block", 100, cache.Generation);
        cache.Keep("", march.AddMonths(1), 0, "block", 100, cache.Generation);

        var readBefore = cache.Generation;
        cache.Forget("2026-03-01");
        cache.Keep("severity:S1", march, 0, "read before the change", 100, readBefore);

        Assert.False(cache.TryGet<string>("", march, 0, out _));
        Assert.False(cache.TryGet<string>("severity:S1", march, 0, out _));
        Assert.True(cache.TryGet<string>("", march.AddMonths(1), 0, out _));
        Assert.Equal(100, cache.Bytes);
    }
}
