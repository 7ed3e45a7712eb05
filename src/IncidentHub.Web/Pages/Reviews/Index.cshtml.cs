using IncidentHub.Web.Features;
using IncidentHub.Web.Features.People;
using IncidentHub.Web.Features.Reviews;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Reviews;

/// <summary>The reviews that are needed and not yet published, soonest due first; overdue ones marked.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListReviews Filter { get; set; } = new();

    public Page<ReviewListItem> Reviews { get; private set; } = new([], null);

    public IReadOnlyList<PersonView> People { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var (succeeded, page) = await this.TrySendQueryAsync(sender, Filter, "Filter.");
        Reviews = succeeded ? page! : new Page<ReviewListItem>([], null);
        People = (await sender.Send(new ListPeople { Limit = Cursor.MaxLimit }, HttpContext.RequestAborted)).Items;
    }

    public string NextPageUrl() => Url.Page("/Reviews/Index", new
    {
        state = Filter.State,
        ownerId = Filter.OwnerId,
        overdue = Filter.Overdue,
        limit = Filter.Limit,
        cursor = Reviews.NextCursor,
    }) ?? "/reviews";
}
