using IncidentHub.Web.Features.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Admin.Webhooks;

/// <summary>Admins list the webhook endpoints, see which the app disabled and why, and add one.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<WebhookEndpointView> Endpoints { get; private set; } = [];

    [BindProperty]
    public WebhookForm Input { get; set; } = new() { EventTypes = ["incident.declared", "incident.resolved"] };

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var (succeeded, created) = await this.TrySendAsync(sender, Input.ToCreate());
            if (succeeded)
            {
                ShownOnce.Carry(TempData, EndpointModel.SecretKey, created!.Endpoint.Id, created.Secret);
                return RedirectToPage("Endpoint", new { id = created.Endpoint.Id });
            }

            WebhookForm.MoveListErrorsToTheirField(ModelState);
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Endpoints = await sender.Send(new ListWebhookEndpoints(), HttpContext.RequestAborted);
}
