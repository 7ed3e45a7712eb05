using IncidentHub.Domain;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.People;
using IncidentHub.Web.Features.Reviews;
using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Features.StatusUpdates;
using IncidentHub.Web.Features.Timeline;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Pages.Incidents;

/// <summary>
/// One incident as a command centre: a header with what is broken and how bad; a first screen with
/// who is on it, the latest update and the one next thing the exit rules ask for, with its control;
/// one composer and one feed; the facts beside the feed. The review and the corrective actions have
/// their own view (?view=learnings). Every form sends the same command the API does; what is shown
/// is bounded (one page of timeline, of actions).
/// </summary>
public sealed partial class ShowModel(
    ISender sender, CommandAuthorization authorization, TimeProvider clock, IOptions<ReviewOptions> reviewOptions) : PageModel
{
    /// <summary>The value of ?view= that shows the review and the corrective actions instead of the response.</summary>
    public const string LearningsView = "learnings";

    private const int TimelinePage = 50;

    private static readonly Dictionary<string, IncidentRole> RoleRules = new()
    {
        [ExitRules.IncidentManagerRequired.Code] = IncidentRole.IncidentManager,
        [ExitRules.EngineerOnCallRequired.Code] = IncidentRole.EngineerOnCall,
        [ExitRules.CommunicationsManagerRequired.Code] = IncidentRole.CommunicationsManagerOnCall,
    };

    [FromRoute]
    public long Number { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? TimelineKind { get; set; }

    [BindProperty(SupportsGet = true, Name = "timeline")]
    public string? TimelineCursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "view")]
    public string? View { get; set; }

    public bool ShowsLearnings => View == LearningsView;

    public IncidentView Incident { get; private set; } = null!;

    public Page<TimelineEntryView> Timeline { get; private set; } = new([], null);

    public IReadOnlyList<StatusUpdateView> StatusUpdates { get; private set; } = [];

    /// <summary>What the public status page shows of this incident: its latest external update, if any.</summary>
    public StatusUpdateView? LatestExternal { get; private set; }

    public IReadOnlyList<CorrectiveActionView> Actions { get; private set; } = [];

    public IReadOnlyList<SeverityChangeView> SeverityHistory { get; private set; } = [];

    public IReadOnlyList<PersonView> People { get; private set; } = [];

    /// <summary>The catalogue entries of the incident's services, by slug: their names and runbooks.</summary>
    public IReadOnlyDictionary<string, ServiceLinkView> ServiceLinks { get; private set; } =
        new Dictionary<string, ServiceLinkView>();

    /// <summary>After a stale submit: what others changed since the page was loaded.</summary>
    public IReadOnlyList<TimelineEntryView> ChangedMeanwhile { get; private set; } = [];

    /// <summary>The newest timeline entry this page shows; forms send it back so a conflict can list what is newer.</summary>
    public long Seen { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    // What the page offers is asked of the same authorization the commands pass (CommandAuthorization),
    // so a control is shown exactly when its submit would be allowed.

    /// <summary>Severity, details, notes, status updates, corrective actions and the review: a responder's work.</summary>
    public bool CanRespond { get; private set; }

    /// <summary>Assigning and handing over roles: Incident Managers, and the incident's current IM whatever their account role.</summary>
    public bool CanManageRoles { get; private set; }

    /// <summary>The roles whose holder this user may remove.</summary>
    public IReadOnlySet<IncidentRole> UnassignableRoles { get; private set; } = new HashSet<IncidentRole>();

    /// <summary>The moves this user may make from here (moving back and dismissing are for Incident Managers).</summary>
    public IReadOnlyList<TransitionView> AllowedTransitions { get; private set; } = [];

    public PhaseForm PhaseInput { get; private set; } = new();

    public SeverityForm SeverityInput { get; private set; } = new();

    /// <summary>The role form just submitted, if any: its error shows beside that role's picker.</summary>
    public RoleForm? AssignInput { get; private set; }

    public DetailsForm DetailsInput { get; private set; } = new();

    public ReviewForm ReviewInput { get; private set; } = new();

    public ReviewPlanForm ReviewPlanInput { get; private set; } = new();

    public ReviewRequestForm ReviewRequestInput { get; private set; } = new();

    /// <summary>The root-cause categories the operator set, for the review form.</summary>
    public IReadOnlyList<string> RootCauseCategories => reviewOptions.Value.Categories;

    /// <summary>The ids of the shown timeline entries that are starred for the review.</summary>
    public IReadOnlySet<long> StarredEntries { get; private set; } = new HashSet<long>();

    public ComposeForm ComposeInput { get; private set; } = new();

    public ActionForm ActionInput { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Incident = await sender.Send(new GetIncident(Number), cancellationToken);
        var (timelineOk, timeline) = await this.TrySendQueryAsync(sender,
            new GetTimeline { Number = Number, Kind = TimelineKind, Cursor = TimelineCursor, Limit = TimelinePage, NewestFirst = true }, "timeline.");
        Timeline = timelineOk ? timeline! : new Page<TimelineEntryView>([], null);
        var newest = await sender.Send(new GetTimeline { Number = Number, Limit = 1, NewestFirst = true }, cancellationToken);
        Seen = newest.Items.Count > 0 ? newest.Items[0].Id : 0;
        StarredEntries = await sender.Send(new ListStarredEntries(Number), cancellationToken);
        // Only the latest shows (on the first screen); the feed has them all.
        var latest = await sender.Send(new ListStatusUpdates { Number = Number, Limit = 1 }, cancellationToken);
        StatusUpdates = latest.Items;
        if (Incident.LastExternalUpdateAt is not null)
        {
            var external = latest.Items is [{ Audience: StatusAudience.External }] ? latest : await sender.Send(
                new ListStatusUpdates { Number = Number, Limit = 1, Audience = nameof(StatusAudience.External) },
                cancellationToken);
            LatestExternal = external.Items is [var update] ? update : null;
        }
        Actions = (await sender.Send(new ListCorrectiveActions { IncidentNumber = Number, Limit = Cursor.MaxLimit }, cancellationToken)).Items;
        SeverityHistory = await sender.Send(new GetSeverityHistory(Number), cancellationToken);
        People = (await sender.Send(new ListPeople { Active = true, Limit = Cursor.MaxLimit }, cancellationToken)).Items;
        ServiceLinks = (await sender.Send(new GetServiceLinks(Incident.Services), cancellationToken))
            .ToDictionary(service => service.Slug);
        await AskWhatIsAllowedAsync(cancellationToken);
        await LoadAlertsAsync(cancellationToken);
        Prefill();
    }

    private async Task AskWhatIsAllowedAsync(CancellationToken cancellationToken)
    {
        CanRespond = await authorization.AllowsAsync(new ChangeSeverity { Number = Number }, cancellationToken);
        CanManageRoles = await authorization.AllowsAsync(new AssignRole { Number = Number, Role = IncidentRole.EngineerOnCall }, cancellationToken);
        var unassignable = new HashSet<IncidentRole>();
        foreach (var role in Enum.GetValues<IncidentRole>())
        {
            if (await authorization.AllowsAsync(new UnassignRole(Number, null, role), cancellationToken))
            {
                unassignable.Add(role);
            }
        }

        UnassignableRoles = unassignable;
        var allowed = new List<TransitionView>();
        foreach (var transition in Incident.Transitions)
        {
            if (await authorization.AllowsAsync(new ChangePhase { Number = Number, Target = transition.Target }, cancellationToken))
            {
                allowed.Add(transition);
            }
        }

        AllowedTransitions = allowed;
    }

    /// <summary>Forms show the incident as it is, except a form that was just submitted and refused: it keeps what was typed.</summary>
    private void Prefill()
    {
        // The newest entry shown is the page's, not what a refused form sent: the conflict banner has just
        // listed what was newer.
        PhaseInput.Seen = SeverityInput.Seen = DetailsInput.Seen = ReviewInput.Seen = ReviewPlanInput.Seen = ReviewRequestInput.Seen = Seen;
        ReviewPlanInput.Version ??= Incident.Version;
        ReviewRequestInput.Version ??= Incident.Version;
        var status = Incident.ReviewStatus;
        ReviewPlanInput.State ??= status.State;
        ReviewPlanInput.OwnerId ??= status.OwnerId;
        ReviewPlanInput.DueOn ??= status.DueOn;
        ReviewPlanInput.Attendees ??= string.Join('\n', status.Attendees);
        PhaseInput.Version ??= Incident.Version;
        SeverityInput.Version ??= Incident.Version;
        SeverityInput.Severity ??= Incident.Severity;
        DetailsInput.Version ??= Incident.Version;
        DetailsInput.Title ??= Incident.Title;
        DetailsInput.Summary ??= Incident.Summary;
        DetailsInput.Source ??= Incident.Source;
        DetailsInput.Services ??= string.Join(", ", Incident.Services);
        DetailsInput.NoCorrectiveActionsReason ??= Incident.NoCorrectiveActionsReason;
        ReviewInput.Version ??= Incident.Version;
        if (Incident.Review is { } review)
        {
            ReviewInput.RootCauseSummary ??= review.RootCauseSummary;
            ReviewInput.RootCauseCategory ??= review.RootCauseCategory;
            ReviewInput.ContributingFactors ??= review.ContributingFactors;
            ReviewInput.CustomersAffected ??= review.CustomersAffected;
            ReviewInput.CustomerCount ??= review.CustomerCount;
            ReviewInput.CustomerExperience ??= review.CustomerExperience;
            ReviewInput.HowCustomersLearned ??= review.HowCustomersLearned;
            ReviewInput.HowDetected ??= review.HowDetected;
            ReviewInput.LessonsLearned ??= review.LessonsLearned;
            ReviewInput.WhatWentWell ??= review.WhatWentWell;
            ReviewInput.WhatWentBadly ??= review.WhatWentBadly;
            ReviewInput.FiveWhys ??= string.Join('\n', review.FiveWhys);
            ReviewInput.Notes ??= review.Notes;
        }
    }

    /// <summary>Since when people are affected: the impact start if known, else the first time that is.</summary>
    public DateTimeOffset ImpactStart =>
        Incident.ImpactStartedAt ?? Incident.DetectedAt ?? Incident.DeclaredAt ?? Incident.CreatedAt;

    /// <summary>How often customers are owed an update at this phase and severity; null when none is due.</summary>
    public TimeSpan? ExternalCadence =>
        UpdateCadence.IntervalFor(StatusAudience.External, Incident.Phase, Incident.Severity);

    /// <summary>What the status page says of the incident now, and the default of the next external update.</summary>
    public PublicStatus DefaultPublicStatus => UpdateCadence.StageOf(Incident.Phase) ?? PublicStatus.Investigating;

    /// <summary>
    /// The affected services offered on the compose form: as typed after a refusal, else every service of the incident
    /// at the impact its severity suggests.
    /// </summary>
    public IReadOnlyList<AffectedServiceField> AffectedFields =>
        ComposeInput.Affected is { Count: > 0 } typed
            ? typed
            : [.. Incident.Services.Select(service => new AffectedServiceField
            {
                Service = service,
                Impact = UpdateCadence.DefaultImpact(DefaultPublicStatus, Incident.Severity),
            })];

    /// <summary>A first draft of the external update for the phase, to adapt rather than type from nothing.</summary>
    public string ExternalTemplate
    {
        get
        {
            var services = Incident.Services.Count > 0 ? string.Join(", ", Incident.Services) : "some of our services";
            var next = ExternalCadence is { } cadence
                ? $" We will post the next update within {Display.Duration(cadence.TotalSeconds)}."
                : "";
            return (UpdateCadence.StageOf(Incident.Phase) ?? PublicStatus.Investigating) switch
            {
                PublicStatus.Investigating =>
                    $"We are investigating problems with {services}. Some customers may see errors or slow responses.{next}",
                PublicStatus.Identified =>
                    $"We have identified the cause of the problems with {services} and are working on a fix.{next}",
                PublicStatus.Monitoring =>
                    $"A fix for the problems with {services} is in place and we are monitoring the results.{next}",
                _ => $"The problems with {services} are resolved. We are sorry for the trouble.",
            };
        }
    }

    public string ImpactLabel => Incident switch
    {
        { ImpactStartedAt: not null } => "Impact started",
        { DetectedAt: not null } => "Detected",
        { DeclaredAt: not null } => "Declared",
        _ => "Drafted",
    };

    /// <summary>The one next thing: the first exit rule of the phase still to do, in the domain's order.</summary>
    public ExitRuleView? NextRule => Incident.ExitRules.FirstOrDefault(rule => !rule.Met && rule.NotNeeded is null);

    /// <summary>The role the next thing asks for, if it asks for one.</summary>
    public IncidentRole? NextRole =>
        NextRule is { } rule && RoleRules.TryGetValue(rule.Rule, out var role) ? role : null;

    public bool NextIs(ExitRule rule) => NextRule?.Rule == rule.Code;

    /// <summary>The move to the following phase (or closing), if this user may make it: one tap away.</summary>
    public TransitionView? ForwardMove =>
        AllowedTransitions.FirstOrDefault(transition =>
            transition.Kind == TransitionKind.Forward && transition.Target == Incident.Phase + 1);

    /// <summary>Skips, moves back, reopening and dismissing: behind a disclosure, most with a reason.</summary>
    public IReadOnlyList<TransitionView> OtherMoves =>
        [.. AllowedTransitions.Where(transition => transition != ForwardMove)];

    public string OtherMovesSummary => "Other moves: " + string.Join(", ", OtherMoves.Select(move => move.Kind switch
    {
        TransitionKind.Regress => "back",
        TransitionKind.Reopen => "reopen",
        TransitionKind.Dismiss => "dismiss",
        _ => "skip ahead",
    }).Distinct());

    public DateTimeOffset? MilestoneOf(Phase phase) => Incident.Milestones.GetValueOrDefault(phase);

    public string StepState(Phase phase) =>
        phase == Incident.Phase ? "current" : MilestoneOf(phase) is not null && (phase < Incident.Phase) ? "done" : "todo";

    public string ActionName(TransitionView transition) => transition switch
    {
        { Kind: TransitionKind.Regress } => $"Impact is back: return to {transition.Target}",
        { Kind: TransitionKind.Reopen } => $"Reopen in {transition.Target}",
        { Kind: TransitionKind.Dismiss } => "Dismiss",
        { Target: Phase.Closed } when Incident.Phase == Phase.Learnings => "Close the incident",
        { Target: var target } when target == Incident.Phase + 1 => $"Move to {target}",
        { Target: var target } => $"Skip to {target}",
    };
}
