using IncidentHub.Web.Features.Preparation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Preparation;

/// <summary>The Preparation board: the page a team opens at its weekly reliability meeting.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public GetPreparationBoard Filter { get; set; } = new();

    public PreparationBoardView? Board { get; private set; }

    public async Task OnGetAsync()
    {
        var (succeeded, board) = await this.TrySendQueryAsync(sender, Filter, "Filter.");
        Board = succeeded ? board : null;
    }
}
