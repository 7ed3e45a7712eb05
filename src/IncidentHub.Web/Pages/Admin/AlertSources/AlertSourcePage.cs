using System.Globalization;
using IncidentHub.Domain;

namespace IncidentHub.Web.Pages.Admin.AlertSources;

/// <summary>Words for a source on its pages.</summary>
public static class AlertSourcePage
{
    public static string Describe(AlertSourceKind kind) => kind switch
    {
        AlertSourceKind.Alertmanager => "Alertmanager or Grafana (webhook)",
        AlertSourceKind.Events => "Events (PagerDuty Events v2)",
        _ => "Generic JSON",
    };

    /// <summary>The exact time behind "5 min ago", for its tooltip.</summary>
    public static string? Exact(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
