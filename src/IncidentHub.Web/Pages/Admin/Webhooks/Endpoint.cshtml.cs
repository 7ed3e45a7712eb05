using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Admin.Webhooks;

/// <summary>
/// One endpoint: its settings, a test message, enable or disable, a new secret, removal, and its deliveries with every
/// attempt and a button to send one again. A secret just made comes over the redirect in TempData (encrypted, read
/// once) and is shown this once.
/// </summary>
public sealed class EndpointModel(ISender sender) : PageModel
{
    public const string SecretKey = "WebhookSecret";
    private const string MessageKey = "WebhookMessage";

    public WebhookEndpointView Endpoint { get; private set; } = null!;

    public Page<WebhookDeliveryView> Deliveries { get; private set; } = new([], null);

    public string? NewSecret { get; private set; }

    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    [BindProperty]
    public WebhookForm Input { get; set; } = new();

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        Input = WebhookForm.From(Endpoint);
        NewSecret = ShownOnce.Take(TempData, SecretKey, id);
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        if (ModelState.IsValid)
        {
            var (succeeded, _) = await this.TrySendAsync(sender, new UpdateWebhookEndpoint(id, null, Input.ToChanges()));
            if (succeeded)
            {
                return Done(id, "Settings saved.");
            }

            WebhookForm.MoveListErrorsToTheirField(ModelState);
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostEnabledAsync(Guid id, bool enabled)
    {
        var changes = new WebhookEndpointChanges { Enabled = enabled };
        var (succeeded, _) = await this.TrySendAsync(sender, new UpdateWebhookEndpoint(id, null, changes), fieldPrefix: "");
        return succeeded
            ? Done(id, enabled ? "Enabled: new events are sent again." : "Disabled: no event is sent until it is enabled again.")
            : await AgainAsync(id);
    }

    public async Task<IActionResult> OnPostPingAsync(Guid id)
    {
        var (succeeded, _) = await this.TrySendAsync(sender, new PingWebhookEndpoint(id), fieldPrefix: "");
        return succeeded ? Done(id, "Test message queued: it shows below in a moment (reload).") : await AgainAsync(id);
    }

    public async Task<IActionResult> OnPostReplayAsync(Guid id, Guid deliveryId)
    {
        var (succeeded, _) = await this.TrySendAsync(sender, new ReplayWebhookDelivery(id, deliveryId), fieldPrefix: "");
        return succeeded ? Done(id, "Sent again, as a new delivery of the same event.") : await AgainAsync(id);
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, bool confirm)
    {
        if (!confirm)
        {
            ModelState.AddModelError("confirm", "Tick the box to confirm: deliveries are signed with the new secret at once.");
            return await AgainAsync(id);
        }

        var (succeeded, rotated) = await this.TrySendAsync(sender, new RotateWebhookSecret(id), fieldPrefix: "");
        if (!succeeded)
        {
            return await AgainAsync(id);
        }

        ShownOnce.Carry(TempData, SecretKey, id, rotated!.Secret);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, bool confirm)
    {
        if (!confirm)
        {
            ModelState.AddModelError("confirmDelete", "Tick the box to confirm: the endpoint and its delivery log go.");
            return await AgainAsync(id);
        }

        var (succeeded, _) = await this.TrySendAsync(sender, new DeleteWebhookEndpoint(id), fieldPrefix: "");
        return succeeded ? RedirectToPage("Index") : await AgainAsync(id);
    }

    private RedirectToPageResult Done(Guid id, string message)
    {
        TempData[MessageKey] = message;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> AgainAsync(Guid id)
    {
        await LoadAsync(id);
        Input = WebhookForm.From(Endpoint);
        return Page();
    }

    private async Task LoadAsync(Guid id)
    {
        Endpoint = await sender.Send(new GetWebhookEndpoint(id), HttpContext.RequestAborted);
        var state = Enum.TryParse<IncidentHub.Web.Webhooks.WebhookDeliveryState>(State, out var parsed) ? parsed.ToString() : null;
        var cursor = Cursor is { Length: > 0 and <= 500 } ? Cursor : null;
        try
        {
            Deliveries = await sender.Send(
                new ListWebhookDeliveries { EndpointId = id, State = state, Cursor = cursor, Limit = 25 },
                HttpContext.RequestAborted);
        }
        catch (FluentValidation.ValidationException)
        {
            // A cursor from elsewhere: the first page instead.
            Deliveries = await sender.Send(
                new ListWebhookDeliveries { EndpointId = id, State = state, Limit = 25 }, HttpContext.RequestAborted);
        }

        State = state;
        Message = TempData[MessageKey] as string;
    }
}
