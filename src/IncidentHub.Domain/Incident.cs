namespace IncidentHub.Domain;

/// <summary>
/// An incident and everything that happened to it. It owns its phase: every phase change goes
/// through <see cref="ChangePhase"/>, which consults <see cref="PhaseTransitions"/> and
/// <see cref="ExitRules"/> and writes the timeline.
/// </summary>
/// <remarks>
/// Severity changes, status updates and timeline events are append-only. A unit of work loads
/// none of them: the collections hold only what was appended during the current change, which
/// is what the database needs to insert. Current role assignments and corrective actions are
/// loaded because the exit rules read them.
/// </remarks>
public sealed partial class Incident
{
    public const int ReasonMaxLength = 2_000;

    private readonly List<RoleAssignment> roleAssignments = [];
    private readonly List<CorrectiveAction> correctiveActions = [];
    private readonly List<SeverityChange> severityChanges = [];
    private readonly List<StatusUpdate> statusUpdates = [];
    private readonly List<TimelineEvent> timeline = [];
    private readonly List<TimelineStar> stars = [];
    private readonly List<CorrectiveActionLink> linkedActions = [];

    private Incident()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The human number (INC-42), assigned by a database sequence when the incident is first saved.</summary>
    public long Number { get; private set; }

    public string Title { get; private set; } = "";

    public string? Summary { get; private set; }

    public IncidentSource? Source { get; private set; }

    public Severity? Severity { get; private set; }

    public Phase Phase { get; private set; }

    public List<string> Services { get; private set; } = [];

    public DateTimeOffset? ImpactStartedAt { get; private set; }

    public DateTimeOffset? DetectedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DeclaredAt { get; private set; }

    public DateTimeOffset? InvestigationStartedAt { get; private set; }

    public DateTimeOffset? ContainmentStartedAt { get; private set; }

    public DateTimeOffset? MitigatedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? LearningsStartedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset? DismissedAt { get; private set; }

    public string? DismissalReason { get; private set; }

    public long? DuplicateOf { get; private set; }

    /// <summary>The written statement that lets Recovery end without a corrective action.</summary>
    public string? NoCorrectiveActionsReason { get; private set; }

    public IncidentReview? Review { get; private set; }

    /// <summary>The most severe severity the incident ever had: a downgraded S1 still had an S1's impact.</summary>
    public Severity? WorstSeverity { get; private set; }

    public DateTimeOffset? LastExternalUpdateAt { get; private set; }

    public DateTimeOffset? LastInternalUpdateAt { get; private set; }

    /// <summary>When customers are owed their next update (<see cref="UpdateCadence"/>); null when none is due.</summary>
    public DateTimeOffset? NextExternalUpdateDueAt { get; private set; }

    /// <summary>When the team is owed its next update; null when none is due.</summary>
    public DateTimeOffset? NextInternalUpdateDueAt { get; private set; }

    public bool ExternalUpdateOverdue(DateTimeOffset now) => NextExternalUpdateDueAt < now;

    public bool InternalUpdateOverdue(DateTimeOffset now) => NextInternalUpdateDueAt < now;

    /// <summary>
    /// Counts every change, so that even a change to a child record rewrites this row and moves its version.
    /// </summary>
    public int Revision { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL <c>xmin</c>): the incident's ETag.</summary>
    public uint Version { get; private set; }

    public IReadOnlyCollection<RoleAssignment> RoleAssignments => roleAssignments;

    public IReadOnlyCollection<CorrectiveAction> CorrectiveActions => correctiveActions;

    /// <summary>Corrective actions of other incidents that also answer this one (loaded with the rules' state).</summary>
    public IReadOnlyCollection<CorrectiveActionLink> LinkedActions => linkedActions;

    public IReadOnlyCollection<SeverityChange> SeverityChanges => severityChanges;

    public IReadOnlyCollection<StatusUpdate> StatusUpdates => statusUpdates;

    public IReadOnlyCollection<TimelineEvent> Timeline => timeline;

    /// <summary>The timeline entries starred for the review; loaded only by the commands that star.</summary>
    public IReadOnlyCollection<TimelineStar> Stars => stars;

    public string Reference => FormatNumber(Number);

    public static string FormatNumber(long number) => $"INC-{number}";

    /// <summary>A record in Preparation: an alert awaiting triage, a risky change staged in advance, a draft.</summary>
    public static Incident Draft(NewIncident details, Actor actor, DateTimeOffset now)
    {
        now = now.ToStored();
        var incident = Create(details, actor, now);
        incident.Append(TimelineEventKind.Drafted, $"Drafted \"{incident.Title}\".", actor, now);
        return incident;
    }

    /// <summary>A problem identified through a source: the incident is declared and enters Identification.</summary>
    public static Incident Declare(NewIncident details, Actor actor, DateTimeOffset now)
    {
        now = now.ToStored();
        var incident = Create(details, actor, now);
        incident.EnsureExitRulesHold([Phase.Preparation]);
        incident.Enter(Phase.Identification, now);
        incident.Append(TimelineEventKind.Declared, incident.DescribeDeclaration(), actor, now);
        incident.EnsureChronology(incident.ImpactStartedAt, incident.DetectedAt, now);
        return incident;
    }

    /// <summary>
    /// After the declaration every severity change is kept with its reason; a draft may change without one.
    /// </summary>
    public bool SeverityChangeNeedsReason => DeclaredAt is not null;

    public RoleAssignment? HolderOf(IncidentRole role) =>
        roleAssignments.FirstOrDefault(assignment => assignment.Role == role && assignment.IsCurrent);

    /// <summary>
    /// When impact started: as given, else when it was detected, else when the incident was declared.
    /// Falling back to detection first keeps impact ≤ detection when only a detection time is known.
    /// </summary>
    public DateTimeOffset? EffectiveImpactStartedAt => ImpactStartedAt ?? EffectiveDetectedAt;

    public DateTimeOffset? EffectiveDetectedAt => DetectedAt ?? DeclaredAt;

    public TimeSpan? TimeToDetect => EffectiveDetectedAt - EffectiveImpactStartedAt;

    public TimeSpan? TimeToMitigate => MitigatedAt - EffectiveImpactStartedAt;

    public TimeSpan? TimeToResolve => ResolvedAt - EffectiveImpactStartedAt;

    /// <summary>The exit rules of the current phase that are not met yet: what blocks the next phase.</summary>
    public IReadOnlyList<ExitRule> Blockers() => Phase.IsTerminal()
        ? []
        : [.. ExitRules.Check(this, Phase).Where(check => !check.IsMet).Select(check => check.Rule)];

    public DateTimeOffset? MilestoneOf(Phase phase) =>
        MilestoneTable.TryGetValue(phase, out var milestone)
            ? milestone.Get(this)
            : throw new ArgumentOutOfRangeException(nameof(phase), phase, null);

    /// <summary>
    /// The one table of which milestone each phase sets when it is entered, read by pages and the API and written
    /// by the moves. Preparation is not entered but created, so its time is the creation time and nothing sets it.
    /// </summary>
    private static readonly Dictionary<Phase, (Func<Incident, DateTimeOffset?> Get, Action<Incident, DateTimeOffset?> Set)> MilestoneTable = new()
    {
        [Phase.Preparation] = (incident => incident.CreatedAt, NothingToSet),
        [Phase.Identification] = (incident => incident.DeclaredAt, (incident, value) => incident.DeclaredAt = value),
        [Phase.Investigation] = (incident => incident.InvestigationStartedAt, (incident, value) => incident.InvestigationStartedAt = value),
        [Phase.Containment] = (incident => incident.ContainmentStartedAt, (incident, value) => incident.ContainmentStartedAt = value),
        [Phase.Remediation] = (incident => incident.MitigatedAt, (incident, value) => incident.MitigatedAt = value),
        [Phase.Recovery] = (incident => incident.ResolvedAt, (incident, value) => incident.ResolvedAt = value),
        [Phase.Learnings] = (incident => incident.LearningsStartedAt, (incident, value) => incident.LearningsStartedAt = value),
        [Phase.Closed] = (incident => incident.ClosedAt, (incident, value) => incident.ClosedAt = value),
        [Phase.Dismissed] = (incident => incident.DismissedAt, (incident, value) => incident.DismissedAt = value),
    };

    private static void NothingToSet(Incident incident, DateTimeOffset? value)
    {
    }

    private static Incident Create(NewIncident details, Actor actor, DateTimeOffset now)
    {
        var incident = new Incident
        {
            Id = Guid.CreateVersion7(now),
            Title = details.Title.Trim(),
            Summary = details.Summary,
            Source = details.Source,
            Severity = details.Severity,
            WorstSeverity = Worse(null, details.Severity),
            Phase = Phase.Preparation,
            Services = NormalizeServices(details.Services),
            ImpactStartedAt = details.ImpactStartedAt.ToStored(),
            DetectedAt = details.DetectedAt.ToStored(),
            CreatedAt = now,
            UpdatedAt = now,
            Revision = 1,
        };
        if (details.Severity is { } severity)
        {
            incident.severityChanges.Add(new SeverityChange(incident.Id, null, severity, null, actor, now));
        }

        incident.EnsureChronology(incident.ImpactStartedAt, incident.DetectedAt, now);
        return incident;
    }

    private static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Services are named by catalogue slug; a name typed as "Payments API" is kept as payments-api.</summary>
    private static List<string> NormalizeServices(IEnumerable<string> services) =>
        [.. services.Select(ServiceSlug.From).Where(service => service.Length > 0).Distinct(StringComparer.Ordinal)];

    private void Append(
        TimelineEventKind kind,
        string text,
        Actor actor,
        DateTimeOffset now,
        DateTimeOffset? occurredAt = null,
        TimelineTag? tag = null) =>
        timeline.Add(new TimelineEvent(Id, kind, text, actor, occurredAt ?? now, now, tag));

    private void Touch(DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
        ScheduleUpdates();
    }

    /// <summary>
    /// The next update of each audience is due one interval after its last update (or the declaration), the interval
    /// being what the phase and severity ask for now: a raised severity can make an update due at once.
    /// </summary>
    private void ScheduleUpdates()
    {
        NextExternalUpdateDueAt = DueAfter(LastExternalUpdateAt, StatusAudience.External);
        NextInternalUpdateDueAt = DueAfter(LastInternalUpdateAt, StatusAudience.Internal);

        DateTimeOffset? DueAfter(DateTimeOffset? lastUpdate, StatusAudience audience) =>
            UpdateCadence.IntervalFor(audience, Phase, Severity) is { } interval && (lastUpdate ?? DeclaredAt) is { } since
                ? since + interval
                : null;
    }

    private void EnsureNotDismissed()
    {
        if (Phase == Phase.Dismissed)
        {
            throw new RuleViolationException(
                "IncidentDismissed", "This incident was dismissed; it only takes timeline entries now.");
        }
    }

    private string DescribeDeclaration()
    {
        var severity = Severity?.Describe() ?? "no severity";
        var source = Source switch
        {
            IncidentSource.Monitoring => "monitoring",
            IncidentSource.CustomerReport => "a customer report",
            IncidentSource.TeamMemberReport => "a team member report",
            IncidentSource.SecurityReport => "a security report",
            _ => "an unknown source",
        };
        return $"Declared \"{Title}\" at {severity}, identified through {source}.";
    }
}
