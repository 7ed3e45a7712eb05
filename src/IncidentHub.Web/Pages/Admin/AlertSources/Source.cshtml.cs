using IncidentHub.Web.Features.AlertSources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Admin.AlertSources;

/// <summary>
/// One alert source: its address, its settings to change, disable or enable it, a new secret. A secret just made is
/// shown once, with what to paste into the sender; it comes over the redirect in TempData (encrypted, read once), so
/// a reload shows it no more.
/// </summary>
public sealed class SourceModel(ISender sender, TimeProvider clock) : PageModel
{
    public const string SecretKey = "AlertSourceSecret";

    public AlertSourceView Source { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>The secret just made for this source, if any: this response is the only one that holds it.</summary>
    public string? NewSecret { get; private set; }

    public string? Message { get; private set; }

    [BindProperty]
    public AlertSourceForm Input { get; set; } = new();

    /// <summary>The full address the source sends to, as this request reached the app (behind a proxy too).</summary>
    public string IngestUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{Source.IngestPath}";

    public IReadOnlyList<SenderConfig> Configs =>
        NewSecret is null ? [] : SenderConfig.For(Source.Kind, IngestUrl, NewSecret);

    // Pages with forms already answer "Cache-Control: no-cache, no-store" (antiforgery), so the secret is not cached.
    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        Input = AlertSourceForm.From(Source);
        NewSecret = ShownOnce.Take(TempData, SecretKey, id);
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        if (ModelState.IsValid)
        {
            var (succeeded, _) = await this.TrySendAsync(sender, new UpdateAlertSource(id, null, Input.ToChanges()));
            if (succeeded)
            {
                TempData["AlertSourceMessage"] = "Settings saved.";
                return RedirectToPage(new { id });
            }

            AlertSourceForm.MoveListErrorsToTheirField(ModelState);
        }

        // What was typed stays in the form, beside the messages.
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostEnabledAsync(Guid id, bool enabled)
    {
        var (succeeded, _) = await this.TrySendAsync(
            sender, new UpdateAlertSource(id, null, new AlertSourceChanges { Enabled = enabled }), fieldPrefix: "");
        if (succeeded)
        {
            TempData["AlertSourceMessage"] = enabled
                ? "Enabled: its alerts are accepted again."
                : "Disabled: its deliveries are refused until it is enabled again.";
            return RedirectToPage(new { id });
        }

        await LoadAsync(id);
        Input = AlertSourceForm.From(Source);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, bool confirm)
    {
        if (confirm)
        {
            var (succeeded, rotated) = await this.TrySendAsync(sender, new RotateAlertSourceSecret(id), fieldPrefix: "");
            if (succeeded)
            {
                ShownOnce.Carry(TempData, SecretKey, id, rotated!.Secret);
                return RedirectToPage(new { id });
            }
        }
        else
        {
            ModelState.AddModelError("confirm", "Tick the box to confirm: the current secret stops working at once.");
        }

        await LoadAsync(id);
        Input = AlertSourceForm.From(Source);
        return Page();
    }

    private async Task LoadAsync(Guid id)
    {
        Now = clock.GetUtcNow();
        Source = await sender.Send(new GetAlertSource(id), HttpContext.RequestAborted);
        Message = TempData["AlertSourceMessage"] as string;
    }
}
