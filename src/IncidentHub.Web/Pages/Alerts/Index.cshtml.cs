using IncidentHub.Domain;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Alerts;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Alerts;

/// <summary>Alerts from monitoring: firing and acknowledged first, filters in the address, keyset paging.</summary>
public sealed class IndexModel(ISender sender, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListAlerts Filter { get; set; } = new();

    public Page<AlertListItem> Alerts { get; private set; } = new([], null);

    public IReadOnlyList<AlertSourceChoice> Sources { get; private set; } = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool Filtered => Filter.Status is not null || Filter.Severity is not null || Filter.SourceId is not null
        || !string.IsNullOrWhiteSpace(Filter.Service) || Filter.IncidentNumber is not null;

    public static IEnumerable<AlertStatus> Statuses => Enum.GetValues<AlertStatus>();

    public async Task<IActionResult> OnGetAsync()
    {
        var (succeeded, page) = await this.TrySendQueryAsync(sender, Filter, "Filter.");
        Alerts = succeeded ? page! : new Page<AlertListItem>([], null);
        Sources = await sender.Send(new ListAlertSourceChoices(), HttpContext.RequestAborted);
        return Page();
    }

    public string NextPageUrl() => Url.Page("/Alerts/Index", new
    {
        status = Filter.Status,
        severity = Filter.Severity,
        sourceId = Filter.SourceId,
        service = Filter.Service,
        incidentNumber = Filter.IncidentNumber,
        limit = Filter.Limit,
        cursor = Alerts.NextCursor,
    }) ?? "/alerts";
}
