using System.Globalization;
using IncidentHub.Domain;
using IncidentHub.Web.Features;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IncidentHub.Web.Pages;

/// <summary>How values look on the pages: times (local in the browser, UTC on hover), durations, badges. Words for enum values: <see cref="Words"/>.</summary>
public static class Display
{
    /// <summary>
    /// A UTC time, written in UTC so it reads right without script; site.js rewrites the text in the
    /// viewer's time zone and keeps the UTC time in the tooltip.
    /// </summary>
    public static IHtmlContent Time(DateTimeOffset? value, string empty = "—")
    {
        if (value is not { } time)
        {
            return new HtmlString(empty);
        }

        var utc = time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var tag = new TagBuilder("time");
        tag.Attributes["datetime"] = time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        tag.Attributes["title"] = utc;
        tag.InnerHtml.Append(utc);
        return tag;
    }

    public static string Duration(double? seconds) => Durations.Describe(seconds);

    /// <summary>"due in 7 min" or "overdue by 3 min" (site.js counts it down in the browser).</summary>
    public static string DueIn(DateTimeOffset due, DateTimeOffset now) => due < now
        ? $"overdue by {Duration((now - due).TotalSeconds)}"
        : $"due in {Duration((due - now).TotalSeconds)}";

    public static string Since(DateTimeOffset? then, DateTimeOffset now) =>
        then is { } time ? $"{Duration((now - time).TotalSeconds)} ago" : "never";

    /// <summary>"12 min ago", with the exact time (UTC) on hover.</summary>
    public static IHtmlContent Ago(DateTimeOffset? then, DateTimeOffset now)
    {
        if (then is not { } time)
        {
            return new HtmlString("—");
        }

        var tag = new TagBuilder("span");
        tag.AddCssClass("ago");
        tag.Attributes["title"] = time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        tag.InnerHtml.Append(Since(time, now));
        return tag;
    }

    public static IHtmlContent AlertStatusBadge(AlertStatus status)
    {
        var tag = new TagBuilder("span");
        tag.AddCssClass("badge");
        tag.AddCssClass($"alert-{status.ToString().ToLowerInvariant()}");
        tag.InnerHtml.Append(status.ToString());
        return tag;
    }

    public static IHtmlContent SeverityBadge(Severity? severity)
    {
        var tag = new TagBuilder("span");
        tag.AddCssClass("badge");
        tag.AddCssClass($"sev-{(severity?.ToString() ?? "none").ToLowerInvariant()}");
        tag.InnerHtml.Append(severity?.ToString() ?? "No severity");
        if (severity is { } known)
        {
            tag.Attributes["title"] = known.Describe();
        }

        return tag;
    }

    public static IHtmlContent PhaseBadge(Phase phase)
    {
        var tag = new TagBuilder("span");
        tag.AddCssClass("badge");
        tag.AddCssClass($"phase-{phase.ToString().ToLowerInvariant()}");
        tag.InnerHtml.Append(phase.ToString());
        return tag;
    }

    /// <summary>
    /// The badge on a timeline entry: kinds grouped the way people scan them ("Roles" for assigned and
    /// unassigned). The words for each value come from <see cref="Words"/>, the one source.
    /// </summary>
    public static string Category(this TimelineEventKind kind) => kind switch
    {
        TimelineEventKind.PhaseChanged => "Phase",
        TimelineEventKind.DetailsUpdated => "Details",
        TimelineEventKind.SeverityChanged => "Severity",
        TimelineEventKind.RoleAssigned or TimelineEventKind.RoleUnassigned => "Roles",
        TimelineEventKind.CorrectiveActionAdded or TimelineEventKind.CorrectiveActionUpdated => "Corrective action",
        TimelineEventKind.ReviewSaved => "Review",
        _ => kind.Describe(),
    };

    /// <summary>A value for an &lt;input type="datetime-local"&gt; in UTC (the form says so).</summary>
    public static string LocalInput(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "";
}
