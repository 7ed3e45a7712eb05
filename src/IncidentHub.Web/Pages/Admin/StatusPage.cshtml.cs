using IncidentHub.Web.Features.StatusPage;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Admin;

/// <summary>Admins set what the public status page says of itself, and see which services it lists.</summary>
public sealed class StatusPageModel(ISender sender) : PageModel
{
    public StatusPageSettingsView Settings { get; private set; } = null!;

    public string? Message { get; private set; }

    [BindProperty]
    public UpdateStatusPageSettings Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input = new UpdateStatusPageSettings { Title = Settings.Title, AllGoodMessage = Settings.AllGoodMessage };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (succeeded, _) = await this.TrySendAsync(sender, Input);
        if (succeeded)
        {
            Message = "Saved. The public page shows it now.";
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Settings = await sender.Send(new GetStatusPageSettings(), HttpContext.RequestAborted);
}
