using IncidentHub.Web.Features.Accounts;
using IncidentHub.Web.Features.Tokens;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Profile;

/// <summary>One's own account and API tokens: create (shown once) and revoke.</summary>
public sealed class AccountModel(ISender sender) : PageModel
{
    public MeView? Me { get; private set; }

    public IReadOnlyList<TokenView> Tokens { get; private set; } = [];

    /// <summary>The token just created, carried over the redirect once (TempData is encrypted and read once), so a reload cannot make another.</summary>
    [TempData]
    public string? CreatedName { get; set; }

    [TempData]
    public string? CreatedSecret { get; set; }

    [BindProperty]
    public CreateToken Input { get; set; } = new() { ExpiresInDays = CreateToken.DefaultLifetimeDays };

    // Pages with forms already answer "Cache-Control: no-cache, no-store" (antiforgery), so the secret is not cached either.
    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (succeeded, created) = await this.TrySendAsync(sender, Input with { AccountId = null });
        if (succeeded)
        {
            CreatedName = created!.Name;
            CreatedSecret = created.Token;
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        await this.TrySendAsync(sender, new RevokeToken(id));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Me = await sender.Send(new GetMe(), HttpContext.RequestAborted);
        Tokens = await sender.Send(new ListTokens(), HttpContext.RequestAborted);
    }
}
