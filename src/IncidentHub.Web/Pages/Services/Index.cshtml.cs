using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Services;

/// <summary>The service catalogue: what incidents and alerts name, who owns it, where its runbook is.</summary>
public sealed class IndexModel(ISender sender, CommandAuthorization authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListServices Filter { get; set; } = new();

    public IReadOnlyList<ServiceView> Services { get; private set; } = [];

    /// <summary>Whether to offer "Add a service": asked of the authorization <see cref="AddService"/> passes.</summary>
    public bool CanAdd { get; private set; }

    public async Task OnGetAsync()
    {
        var (succeeded, services) = await this.TrySendQueryAsync(sender, Filter, "Filter.");
        Services = succeeded ? services!.Items : [];
        CanAdd = await authorization.AllowsAsync(new AddService(), HttpContext.RequestAborted);
    }
}
