using System.Net;

namespace IncidentHub.Web.Webhooks;

/// <summary>
/// When a failed delivery is tried again: Standard Webhooks' schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h,
/// 24 h after each failure, about three days in all), each wait spread by up to a tenth either way so that the
/// deliveries that failed together do not return together. A receiver's <c>Retry-After</c> wins, up to a day.
/// </summary>
public static class WebhookSchedule
{
    public static readonly IReadOnlyList<TimeSpan> Waits =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20),
        TimeSpan.FromHours(24),
    ];

    /// <summary>The first try and one after each wait.</summary>
    public static int MaxAttempts => Waits.Count + 1;

    /// <summary>The wait after the given attempt (1-based) failed; null when it was the last.</summary>
    public static TimeSpan? WaitAfter(int attempt, TimeSpan? retryAfter)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked < TimeSpan.FromDays(1) ? asked : TimeSpan.FromDays(1);
        }

        var wait = Waits[attempt - 1];
        return wait * (0.9 + (Random.Shared.NextDouble() * 0.2));
    }

    /// <summary>Network failures, timeouts, 408, 429 and 5xx may pass; other answers will not change by themselves.</summary>
    public static bool IsWorthRetrying(HttpStatusCode? status) => status switch
    {
        null => true,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        >= HttpStatusCode.InternalServerError => true,
        >= HttpStatusCode.BadRequest => false,
        // A redirect is not followed (it could lead anywhere); it is a failure the receiver's owner may fix.
        _ => true,
    };
}
