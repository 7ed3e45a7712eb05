namespace IncidentHub.Web.Features;

public static class Durations
{
    /// <summary>"1 d 3 h", "2 h 5 min", "12 min", "40 s"; a dash for none.</summary>
    public static string Describe(double? seconds)
    {
        if (seconds is not { } total)
        {
            return "—";
        }

        var span = TimeSpan.FromSeconds(Math.Max(0, total));
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min"
            : $"{(int)span.TotalSeconds} s";
    }
}
