using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Services;

/// <summary>Add a service to the catalogue: Incident Managers and admins.</summary>
public sealed class NewModel(ISender sender, CommandAuthorization authorization) : PageModel
{
    [BindProperty]
    public AddService Input { get; set; } = new();

    /// <summary>Why this user may not add services, asked of the command's own authorization; null when they may.</summary>
    public string? Refusal { get; private set; }

    public ServiceFieldsModel Fields => ServiceFieldsModel.From(nameof(Input), Input);

    public async Task OnGetAsync()
    {
        Refusal = await authorization.RefusalAsync(new AddService(), HttpContext.RequestAborted);
        if (Refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (succeeded, service) = await this.TrySendAsync(sender, Input);
        return succeeded ? RedirectToPage("/Services/Show", new { slug = service!.Slug }) : Page();
    }
}
