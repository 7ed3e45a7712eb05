namespace IncidentHub.Testing;

/// <summary>Settings every test host of the app uses.</summary>
public static class AppSettings
{
    /// <summary>
    /// Rate limits no test reaches: tests send far more requests from one address than any person
    /// would. The limits have their own tests, which set them low again.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> WithoutRateLimits =
    [
        new("IncidentHub:RateLimits:ApiPerSecond", "100000"),
        new("IncidentHub:RateLimits:ApiBurst", "100000"),
        new("IncidentHub:RateLimits:SignInPerAddressPerMinute", "100000"),
        new("IncidentHub:RateLimits:SignInPerAccountPerMinute", "100000"),
        new("IncidentHub:RateLimits:IngestPerSecond", "100000"),
        new("IncidentHub:RateLimits:IngestBurst", "100000"),

        // The tests' webhook receivers listen on 127.0.0.1, which the app refuses to call unless allowed; other
        // loopback addresses stay refused, for the tests of that fence. A short timeout keeps the timeout tests short.
        new("IncidentHub:Webhooks:AllowedNetworks", "127.0.0.1/32"),
        new("IncidentHub:Webhooks:TimeoutSeconds", "2"),
    ];
}
