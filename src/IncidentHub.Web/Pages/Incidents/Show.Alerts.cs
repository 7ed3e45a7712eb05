using IncidentHub.Domain;
using IncidentHub.Web.Features.Alerts;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentHub.Web.Pages.Incidents;

/// <summary>The alerts an incident holds, and the triage of an incident that alerts opened.</summary>
public sealed partial class ShowModel
{
    /// <summary>The panel lists this many; the alert list has the rest.</summary>
    public const int AlertsShown = 20;

    public AlertCounts AlertCounts { get; private set; } = new(0, 0, 0);

    public IReadOnlyList<AlertListItem> IncidentAlerts { get; private set; } = [];

    public bool CanMerge { get; private set; }

    public MergeForm MergeInput { get; private set; } = new();

    /// <summary>An incident made by alerts and awaiting triage: declare it, dismiss it or merge it.</summary>
    public bool ShowsTriage => Incident.Phase == Phase.Preparation && AlertCounts.Total > 0;

    public TransitionView? DismissMove =>
        AllowedTransitions.FirstOrDefault(transition => transition.Kind == TransitionKind.Dismiss);

    /// <summary>"3 alerts, 1 firing, 1 acknowledged".</summary>
    public string AlertCountText
    {
        get
        {
            var counts = AlertCounts;
            var text = counts.Total == 1 ? "1 alert" : $"{counts.Total} alerts";
            if (counts.Firing > 0)
            {
                text += $", {counts.Firing} firing";
            }

            if (counts.Acknowledged > 0)
            {
                text += $", {counts.Acknowledged} acknowledged";
            }

            return text;
        }
    }

    public string AllResolvedText => AlertCounts.Total == 1
        ? "Its alert has resolved."
        : $"All {AlertCounts.Total} alerts have resolved.";

    public async Task<IActionResult> OnPostMergeAsync(MergeForm merge)
    {
        MergeInput = merge;
        if (!IncidentNumberJsonConverter.TryParse(merge.Into ?? "", out var into))
        {
            ModelState.AddModelError("merge.into", "Give the number of the incident to merge into, e.g. 42 or INC-42.");
            return await RefusedAsync(null, "merge");
        }

        var (succeeded, _) = await this.TrySendAsync(
            sender, new MergeIncident { Number = Number, Into = into }, fieldPrefix: "merge.");
        return succeeded
            ? RedirectToPage("/Incidents/Show", null, new { number = into }, "alerts")
            : await RefusedAsync(null, "merge");
    }

    private async Task LoadAlertsAsync(CancellationToken cancellationToken)
    {
        AlertCounts = await sender.Send(new GetAlertCounts(Number), cancellationToken);
        if (AlertCounts.Total > 0)
        {
            IncidentAlerts = (await sender.Send(
                new ListIncidentAlerts { Number = Number, Limit = AlertsShown }, cancellationToken)).Items;
        }

        CanMerge = Incident.Phase.CanBeMerged()
            && await authorization.AllowsAsync(new MergeIncident { Number = Number }, cancellationToken);
    }
}
