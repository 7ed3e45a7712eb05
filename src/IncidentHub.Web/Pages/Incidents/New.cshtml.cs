using IncidentHub.Domain;
using IncidentHub.Web.Features.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Incidents;

/// <summary>
/// Declare an incident: three required fields (title, severity — Unknown is fine —, source); the
/// rest can wait. "Save as draft" records it in Preparation instead.
/// </summary>
public sealed class NewModel(ISender sender) : PageModel
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

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => CreateAsync(draft: false);

    public Task<IActionResult> OnPostDraftAsync() => CreateAsync(draft: true);

    private async Task<IActionResult> CreateAsync(bool draft)
    {
        var details = Input.ToNewIncident();
        var (succeeded, incident) = draft
            ? await this.TrySendAsync(sender, new DraftIncident(details))
            : await this.TrySendAsync(sender, new DeclareIncident(details));
        return succeeded ? Redirect($"/incidents/{incident!.Number}") : Page();
    }
}
