using IncidentHub.Domain;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Incidents;

/// <summary>
/// Declare an incident: three required fields (title, severity — Unknown is fine —, source); the
/// rest can wait. "Save as draft" records it in Preparation instead.
/// </summary>
public sealed class NewModel(ISender sender, CommandAuthorization authorization) : PageModel
{
    [BindProperty]
    public NewIncidentForm Input { get; set; } = new();

    public sealed class NewIncidentForm
    {
        public string? Title { get; set; }

        public Severity? Severity { get; set; } = Domain.Severity.Unknown;

        public IncidentSource? Source { get; set; }

        public string? Summary { get; set; }

        /// <summary>Comma-separated, as people type them.</summary>
        public string? Services { get; set; }

        public DateTime? ImpactStartedAt { get; set; }

        public DateTime? DetectedAt { get; set; }

        public int? TimeZoneOffsetMinutes { get; set; }

        public NewIncident ToNewIncident() => new()
        {
            Title = Title ?? "",
            Severity = Severity,
            Source = Source,
            Summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary,
            Services = [.. (Services ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            ImpactStartedAt = LocalTime.ToUtc(ImpactStartedAt, TimeZoneOffsetMinutes),
            DetectedAt = LocalTime.ToUtc(DetectedAt, TimeZoneOffsetMinutes),
        };
    }

    /// <summary>Why this user may not declare (a Viewer), asked of the command's own authorization; null when they may.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Someone who may not declare gets a 403 and the reason, not a form that would be refused on submit.</summary>
    public async Task OnGetAsync()
    {
        Refusal = await authorization.RefusalAsync(new DeclareIncident(new NewIncident()), HttpContext.RequestAborted);
        if (Refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    public Task<IActionResult> OnPostAsync() => CreateAsync(draft: false);

    public Task<IActionResult> OnPostDraftAsync() => CreateAsync(draft: true);

    private async Task<IActionResult> CreateAsync(bool draft)
    {
        var details = Input.ToNewIncident();
        var (succeeded, incident) = draft
            ? await this.TrySendAsync(sender, new DraftIncident(details))
            : await this.TrySendAsync(sender, new DeclareIncident(details));
        return succeeded ? RedirectToPage("/Incidents/Show", new { number = incident!.Number }) : Page();
    }
}
