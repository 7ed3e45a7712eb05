using IncidentHub.Domain;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages;

/// <summary>The incident list: open incidents first, newest first, with filters and keyset paging.</summary>
public sealed class IndexModel(ISender sender, CommandAuthorization authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListIncidents Filter { get; set; } = new();

    public Page<IncidentListItem> Incidents { get; private set; } = new([], null);

    /// <summary>Whether to offer "Declare an incident": asked of the authorization the command itself passes.</summary>
    public bool CanDeclare { get; private set; }

    public bool Filtered => Filter.Phase is not null || Filter.Status is not null || Filter.Severity is not null
        || !string.IsNullOrWhiteSpace(Filter.Service) || !string.IsNullOrWhiteSpace(Filter.Q) || Filter.Overdue is not null;

    public async Task<IActionResult> OnGetAsync()
    {
        var (succeeded, page) = await this.TrySendQueryAsync(sender, Filter with { Sort = Filter.Sort ?? nameof(IncidentSort.Open) }, "Filter.");
        Incidents = succeeded ? page! : new Page<IncidentListItem>([], null);
        CanDeclare = await authorization.AllowsAsync(new DeclareIncident(new NewIncident()), HttpContext.RequestAborted);
        return Page();
    }

    public string NextPageUrl() => Url.Page("/Index", new
    {
        phase = Filter.Phase,
        status = Filter.Status,
        severity = Filter.Severity,
        service = Filter.Service,
        q = Filter.Q,
        overdue = Filter.Overdue,
        sort = Filter.Sort,
        limit = Filter.Limit,
        cursor = Incidents.NextCursor,
    }) ?? "/";

    public static IEnumerable<Phase> Phases => Enum.GetValues<Phase>();
}
