using IncidentHub.Web.Features;
using IncidentHub.Web.Features.People;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.People;

/// <summary>
/// The people who can hold roles and own actions, including those without a sign-in (a contractor,
/// a partner's engineer). Incident Managers add them here; accounts are for admins.
/// </summary>
public sealed class IndexModel(ISender sender, CommandAuthorization authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListPeople Filter { get; set; } = new();

    [BindProperty]
    public AddPerson Input { get; set; } = new();

    public Page<PersonView> People { get; private set; } = new([], null);

    /// <summary>Whether to offer the form: asked of the authorization <see cref="AddPerson"/> passes.</summary>
    public bool CanAdd { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (succeeded, person) = await this.TrySendAsync(sender, Input);
        if (succeeded)
        {
            TempData["Added"] = $"{person!.DisplayName} can now hold roles and own corrective actions.";
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var (succeeded, page) = await this.TrySendQueryAsync(sender, Filter, "Filter.");
        People = succeeded ? page! : new Page<PersonView>([], null);
        CanAdd = await authorization.AllowsAsync(new AddPerson(), HttpContext.RequestAborted);
    }
}
