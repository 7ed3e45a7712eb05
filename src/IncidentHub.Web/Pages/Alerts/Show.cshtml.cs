using IncidentHub.Web.Features.Alerts;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Alerts;

/// <summary>One alert: what it says, where it links, what happened to it; acknowledge it from here.</summary>
public sealed class ShowModel(ISender sender, CommandAuthorization authorization, TimeProvider clock) : PageModel
{
    /// <summary>Annotations that hold a link worth offering beside the alert's own links.</summary>
    private static readonly (string Annotation, string Text)[] LinkAnnotations =
    [
        ("runbook_url", "Runbook"),
        ("runbook", "Runbook"),
        ("dashboard_url", "Dashboard"),
    ];

    [FromRoute]
    public Guid Id { get; set; }

    public AlertView Alert { get; private set; } = null!;

    public bool CanAcknowledge { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The alert's links and the links its annotations name (http and https only).</summary>
    public IReadOnlyList<(string Href, string Text)> Links =>
        [.. Alert.Links.Select(link => (link.Href, link.Text))
            .Concat(LinkAnnotations
                .Where(candidate => Alert.Annotations.ContainsKey(candidate.Annotation))
                .Select(candidate => (Alert.Annotations[candidate.Annotation], candidate.Text)))
            .Where(link => Uri.TryCreate(link.Item1, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .DistinctBy(link => link.Item1)];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync()
    {
        var (succeeded, _) = await this.TrySendAsync(sender, new AcknowledgeAlert(Id));
        if (succeeded)
        {
            return RedirectToPage("/Alerts/Show", new { id = Id });
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Alert = await sender.Send(new GetAlert(Id), HttpContext.RequestAborted);
        CanAcknowledge = Alert.Status == Domain.AlertStatus.Firing
            && await authorization.AllowsAsync(new AcknowledgeAlert(Id), HttpContext.RequestAborted);
    }
}
