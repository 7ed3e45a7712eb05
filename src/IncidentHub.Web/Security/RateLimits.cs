using System.Globalization;
using System.Threading.RateLimiting;
using IncidentHub.Web.Features.Ingestion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace IncidentHub.Web.Security;

public sealed class RateLimitOptions
{
    public const string Section = "IncidentHub:RateLimits";

    /// <summary>Sign-in attempts per minute from one client address.</summary>
    public int SignInPerAddressPerMinute { get; set; } = 20;

    /// <summary>Sign-in attempts per minute for one account (on top of the lockout after repeated failures).</summary>
    public int SignInPerAccountPerMinute { get; set; } = 10;

    /// <summary>
    /// API requests per second for one token (or one client address without a token), with bursts up to
    /// <see cref="ApiBurst"/>.
    /// </summary>
    public int ApiPerSecond { get; set; } = 50;

    public int ApiBurst { get; set; } = 200;

    /// <summary>Deliveries per second to one alert source's URL, with bursts up to <see cref="IngestBurst"/>.</summary>
    public int IngestPerSecond { get; set; } = 50;

    public int IngestBurst { get; set; } = 1_000;
}

/// <summary>
/// The built-in rate limiter: sign-in by client address (and by account, see <see cref="SignInThrottle"/>), the API by
/// token.
/// </summary>
public static class RateLimits
{
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddIncidentHubRateLimits(
        this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()
            ?? new RateLimitOptions();
        services.AddSingleton(new SignInThrottle(limits.SignInPerAccountPerMinute));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            // Showing the form is not an attempt: only posts count.
            options.AddPolicy(SignInPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    ClientAddress(http),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.SignInPerAddressPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                    })
                : RateLimitPartition.GetNoLimiter(""));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments(AlertIngestion.PathPrefix, out var sourcePath)
                    ? RateLimitPartition.GetTokenBucketLimiter(
                        "ingest" + sourcePath.Value,
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = limits.IngestBurst,
                            TokensPerPeriod = limits.IngestPerSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                        })
                : http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetTokenBucketLimiter(
                        http.User.FindFirst(ClaimNames.TokenId)?.Value ?? ClientAddress(http),
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = limits.ApiBurst,
                            TokensPerPeriod = limits.ApiPerSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter(""));
        });
    }

    public static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : TimeSpan.FromSeconds(1);
        await WriteTooManyAsync(http, retryAfter);
    }

    public static async Task WriteTooManyAsync(HttpContext http, TimeSpan retryAfter)
    {
        http.RequestServices.GetRequiredService<SecurityEvents>().RateLimited(http);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            .ToString(CultureInfo.InvariantCulture);
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            // Pages get the error page, from the status code pages, as for any other status.
            return;
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "Slow down and retry after the time given in Retry-After.",
            },
        });
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>Sign-in attempts per account, whatever address they come from.</summary>
public sealed class SignInThrottle(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(
            account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public TimeSpan? TryAttempt(string email)
    {
        using var lease = limiter.AttemptAcquire(email.Trim().ToLowerInvariant());
        return lease.IsAcquired
            ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
