using IncidentHub.Web.Features;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Features.People;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.CorrectiveActions;

/// <summary>Corrective actions across all incidents, soonest due first, filtered by status, owner, kind and overdue.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListCorrectiveActions Filter { get; set; } = new();

    public Page<CorrectiveActionView> Actions { get; private set; } = new([], null);

    public IReadOnlyList<PersonView> People { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var (succeeded, page) = await this.TrySendQueryAsync(sender, Filter with { IncidentNumber = null }, "Filter.");
        Actions = succeeded ? page! : new Page<CorrectiveActionView>([], null);
        People = (await sender.Send(new ListPeople { Limit = Cursor.MaxLimit }, HttpContext.RequestAborted)).Items;
    }

    public string NextPageUrl() => Url.Page("/CorrectiveActions/Index", new
    {
        status = Filter.Status,
        kind = Filter.Kind,
        priority = Filter.Priority,
        ownerId = Filter.OwnerId,
        overdue = Filter.Overdue,
        limit = Filter.Limit,
        cursor = Actions.NextCursor,
    }) ?? "/corrective-actions";
}
