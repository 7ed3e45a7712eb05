using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Services;

/// <summary>
/// One service: what it is, who owns it, its runbook; its incidents, open ones first, and its alerts, firing
/// ones first. Incident Managers and admins edit it here.
/// </summary>
public sealed class ShowModel(ISender sender, CommandAuthorization authorization, TimeProvider clock) : PageModel
{
    /// <summary>How many incidents and alerts the page shows: the open ones come first, so they always fit.</summary>
    private const int Shown = 50;

    [FromRoute]
    public string Slug { get; set; } = "";

    /// <summary>The edit form as posted; on a refusal it keeps what was typed.</summary>
    [BindProperty]
    public EditForm Edit { get; set; } = new();

    public ServiceView Service { get; private set; } = null!;

    public Page<IncidentListItem> Incidents { get; private set; } = new([], null);

    public IReadOnlyList<ServiceAlertView> Alerts { get; private set; } = [];

    public bool CanEdit { get; private set; }

    /// <summary>Whether the edit form failed, so that it is shown open.</summary>
    public bool EditFailed { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public sealed class EditForm
    {
        public uint? Version { get; set; }

        public string? Name { get; set; }

        public string? OwnerTeam { get; set; }

        public string? RunbookUrl { get; set; }

        public string? Description { get; set; }

        public bool ShownOnStatusPage { get; set; }

        public ServiceChanges ToChanges() => new()
        {
            Name = Name ?? "",
            OwnerTeam = OwnerTeam,
            RunbookUrl = RunbookUrl,
            Description = Description,
            ShownOnStatusPage = ShownOnStatusPage,
        };

        public ServiceFieldsModel Fields() =>
            new(nameof(Edit), Name, OwnerTeam, RunbookUrl, Description, ShownOnStatusPage);
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Prefill();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (succeeded, _) = await this.TrySendAsync(
            sender, new UpdateService(Slug, Edit.Version, Edit.ToChanges()), $"{nameof(Edit)}.");
        if (succeeded)
        {
            TempData["Saved"] = "Saved.";
            return RedirectToPage(new { slug = Slug });
        }

        EditFailed = true;
        await LoadAsync();
        if (this.WasStale())
        {
            // What was typed stays; the version becomes the current one, so that submitting again overwrites
            // knowingly, after reading what is shown above the form.
            Edit.Version = Service.Version;
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Service = await sender.Send(new GetService(Slug), cancellationToken);
        Incidents = await sender.Send(
            new ListIncidents { Service = Slug, Sort = nameof(IncidentSort.Open), Limit = Shown }, cancellationToken);
        Alerts = await sender.Send(new ListServiceAlerts(Slug, Shown), cancellationToken);
        CanEdit = await authorization.AllowsAsync(new UpdateService(Slug, null, new ServiceChanges()), cancellationToken);
    }

    private void Prefill() => Edit = new EditForm
    {
        Version = Service.Version,
        Name = Service.Name,
        OwnerTeam = Service.OwnerTeam,
        RunbookUrl = Service.RunbookUrl,
        Description = Service.Description,
        ShownOnStatusPage = Service.ShownOnStatusPage,
    };
}
