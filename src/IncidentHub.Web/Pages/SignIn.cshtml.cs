using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Accounts;
using IncidentHub.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace IncidentHub.Web.Pages;

[EnableRateLimiting(RateLimits.SignInPolicy)]
public sealed class SignInModel(SignInManager<Account> signIn, AccountRegistry registry, SignInThrottle throttle, SecurityEvents securityEvents) : PageModel
{
    [BindProperty]
    public Credentials Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class Credentials
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() =>
        await registry.AnyAsync(HttpContext.RequestAborted) ? Page() : RedirectToPage("/Setup");

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError(string.Empty, "Give your email and password.");
            return Page();
        }

        if (throttle.TryAttempt(Input.Email) is { } wait)
        {
            await RateLimits.WriteTooManyAsync(HttpContext, wait);
            return new EmptyResult();
        }

        // A new session on every sign-in: whatever session this browser had ends first.
        await signIn.SignOutAsync();
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim().ToLowerInvariant(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var account = await signIn.UserManager.FindByNameAsync(Input.Email.Trim().ToLowerInvariant());
            securityEvents.SignedIn(HttpContext, account!.Id);
            return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Index");
        }

        if (result.IsLockedOut)
        {
            securityEvents.LockedOut(HttpContext, Input.Email);
            ModelState.AddModelError(string.Empty,
                $"Too many failed attempts: this account is locked for {SecuritySetup.LockoutDuration.TotalMinutes:0} minutes.");
        }
        else
        {
            securityEvents.SignInFailed(HttpContext, Input.Email, result.IsNotAllowed ? "not allowed" : "wrong email or password");
            ModelState.AddModelError(string.Empty, "The email or the password is wrong, or the account is deactivated.");
        }

        Input.Password = "";
        return Page();
    }
}
