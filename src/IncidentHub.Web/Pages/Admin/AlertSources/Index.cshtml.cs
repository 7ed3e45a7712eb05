using IncidentHub.Web.Features.AlertSources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Admin.AlertSources;

/// <summary>Admins list the alert sources and add one; its secret is shown once, on the source's own page.</summary>
public sealed class IndexModel(ISender sender, TimeProvider clock) : PageModel
{
    public IReadOnlyList<AlertSourceView> Sources { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [BindProperty]
    public AlertSourceForm Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var (succeeded, created) = await this.TrySendAsync(sender, Input.ToCreate());
            if (succeeded)
            {
                ShownOnce.Carry(TempData, SourceModel.SecretKey, created!.Source.Id, created.Secret);
                return RedirectToPage("Source", new { id = created!.Source.Id });
            }

            AlertSourceForm.MoveListErrorsToTheirField(ModelState);
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        Sources = await sender.Send(new ListAlertSources(), HttpContext.RequestAborted);
    }
}
