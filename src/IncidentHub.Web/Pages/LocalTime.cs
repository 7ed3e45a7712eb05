namespace IncidentHub.Web.Pages;

/// <summary>
/// Times typed into a page are in the viewer's local time; site.js sends the browser's offset from
/// UTC with the form (minutes, as JavaScript's getTimezoneOffset gives it). Without it, UTC.
/// </summary>
public static class LocalTime
{
    public static DateTimeOffset? ToUtc(DateTime? local, int? timeZoneOffsetMinutes) =>
        local is { } value && timeZoneOffsetMinutes is var offset && Math.Abs(offset ?? 0) <= 14 * 60
            ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.FromMinutes(-(offset ?? 0))).ToUniversalTime()
            : null;
}
