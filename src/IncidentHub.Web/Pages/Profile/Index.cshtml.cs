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

    public CreatedToken? Created { get; private set; }

    [BindProperty]
    public CreateToken Input { get; set; } = new() { ExpiresInDays = CreateToken.DefaultLifetimeDays };

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (succeeded, created) = await this.TrySendAsync(sender, Input with { AccountId = null });
        if (succeeded)
        {
            Created = created;
            Input = new() { ExpiresInDays = CreateToken.DefaultLifetimeDays };
            ModelState.Clear();
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
