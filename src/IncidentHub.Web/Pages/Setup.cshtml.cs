using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Accounts;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages;

/// <summary>The one-time setup page: it exists only while no account does.</summary>
public sealed class SetupModel(ISender sender, AccountRegistry registry, SignInManager<Account> signIn) : PageModel
{
    [BindProperty]
    public SetUpFirstAdmin Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await registry.AnyAsync(HttpContext.RequestAborted) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await registry.AnyAsync(HttpContext.RequestAborted))
        {
            return NotFound();
        }

        var (succeeded, account) = await this.TrySendAsync(sender, Input);
        if (!succeeded)
        {
            return Page();
        }

        await signIn.SignInAsync((await signIn.UserManager.FindByIdAsync(account!.Id.ToString()))!, isPersistent: false);
        return RedirectToPage("/Index");
    }
}
