using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages;

public sealed class ForbiddenModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
