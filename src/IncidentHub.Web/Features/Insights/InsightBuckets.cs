namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// The duration buckets of the insights: the same steps as the database's insight_bucket (migration InsightRollups),
/// which a test holds them to. Each bucket is its lower bound and its width in seconds; beyond 90 days, one open
/// bucket (width 0).
/// </summary>
public static class InsightBuckets
{
    private static readonly (int Below, int Width)[] Steps =
    [
        (600, 30), (1800, 60), (3600, 120), (7200, 300), (14400, 600), (86400, 1200), (604800, 7200),
        (2592000, 43200), (7776000, 172800),
    ];

    public static (int Low, int Width) Of(double seconds)
    {
        foreach (var (below, width) in Steps)
        {
            if (seconds < below)
            {
                return ((int)(Math.Floor(Math.Max(seconds, 0) / width) * width), width);
            }
        }

        return (Steps[^1].Below, 0);
    }

    public static int WidthAt(int low) => Of(low).Width;
}
