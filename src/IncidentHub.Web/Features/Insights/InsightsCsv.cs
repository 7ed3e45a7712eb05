using System.Globalization;
using System.Text;

namespace IncidentHub.Web.Features.Insights;

/// <summary>The tables of <see cref="InsightsView"/> as CSV, one row per line, for a spreadsheet.</summary>
public static class InsightsCsv
{
    public static readonly IReadOnlyList<string> Tables =
        ["by-month", "by-severity", "by-source", "by-service", "by-root-cause", "corrective-actions", "response-times", "recurrence"];

    public static string Write(InsightsView view, string table)
    {
        var csv = new StringBuilder();
        if (table == "corrective-actions")
        {
            csv.AppendLine("kind,opened,done,done_on_time,overdue,open,median_open_age_days");
            foreach (var row in view.CorrectiveActionsByKind.Append(view.CorrectiveActions))
            {
                csv.AppendLine(string.Join(',', Field(row.Key), row.Opened, row.Done, row.DoneOnTime, row.Overdue, row.Open,
                    Number(row.MedianOpenAgeDays)));
            }

            return csv.ToString();
        }

        if (table == "response-times")
        {
            csv.AppendLine("range,from_s,to_s,mitigated,resolved");
            foreach (var row in view.ResponseTimes)
            {
                csv.AppendLine(string.Join(',', Field(row.Key), row.FromSeconds, row.ToSeconds?.ToString(CultureInfo.InvariantCulture) ?? "",
                    row.Mitigated, row.Resolved));
            }

            return csv.ToString();
        }

        if (table == "recurrence")
        {
            csv.AppendLine($"service,incidents,within_{view.RecurrenceDays}_days_of_another");
            foreach (var row in view.Recurrence)
            {
                csv.AppendLine(string.Join(',', Field(row.Service), row.Incidents, row.Recurrences));
            }

            return csv.ToString();
        }

        var rows = table switch
        {
            "by-month" => view.ByMonth,
            "by-severity" => view.BySeverity,
            "by-source" => view.BySource,
            "by-root-cause" => view.ByRootCause,
            _ => view.ByService,
        };
        csv.AppendLine(
            "key,declared,dismissed,duplicates,reopened,detected_by_monitoring,internally_detected_share,"
            + "ttd_median_s,ttd_p90_s,ttm_median_s,ttm_p90_s,ttr_median_s,ttr_p90_s,mitigated_within_30_min_share");
        foreach (var row in rows.Append(view.Current))
        {
            csv.AppendLine(string.Join(',', Field(row.Key), row.Declared, row.Dismissed, row.Duplicates, row.Reopened,
                row.DetectedByMonitoring, Number(row.InternallyDetectedShare), Number(row.TimeToDetect.MedianSeconds),
                Number(row.TimeToDetect.P90Seconds), Number(row.TimeToMitigate.MedianSeconds),
                Number(row.TimeToMitigate.P90Seconds), Number(row.TimeToResolve.MedianSeconds),
                Number(row.TimeToResolve.P90Seconds), Number(row.MitigatedWithin30MinutesShare)));
        }

        return csv.ToString();
    }

    private static string Number(double? value) =>
        value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quoted when it must be, and never read as a formula by a spreadsheet.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
