using IncidentHub.Domain;
using IncidentHub.Web.Features.Accounts;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Admin;

/// <summary>Admins list accounts, add them, change their roles, deactivate and reactivate them.</summary>
public sealed class AccountsModel(ISender sender) : PageModel
{
    public IReadOnlyList<AccountView> Accounts { get; private set; } = [];

    public string? Message { get; private set; }

    [BindProperty]
    public CreateAccount Input { get; set; } = new() { Role = AccountRole.Responder };

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (succeeded, account) = await this.TrySendAsync(sender, Input);
        if (succeeded)
        {
            Message = $"{account!.DisplayName} can now sign in as {account.Email}.";
            Input = new() { Role = AccountRole.Responder };
            ModelState.Clear();
        }

        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(Guid id, AccountRole role) => ChangeAsync(id, new AccountChanges { Role = role });

    public Task<IActionResult> OnPostActiveAsync(Guid id, bool active) => ChangeAsync(id, new AccountChanges { Active = active });

    private async Task<IActionResult> ChangeAsync(Guid id, AccountChanges changes)
    {
        var (succeeded, account) = await this.TrySendAsync(sender, new UpdateAccount(id, changes), fieldPrefix: "");
        if (succeeded)
        {
            Message = $"{account!.DisplayName}: {account.Role.Describe()}, {(account.Active ? "active" : "deactivated")}.";
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Accounts = await sender.Send(new ListAccounts(), HttpContext.RequestAborted);
}
