namespace IncidentHub.Domain;

/// <summary>
/// What a status page says about an incident, in the words status pages use (Atlassian Statuspage's).
/// </summary>
public enum PublicStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

/// <summary>How a service is doing, in a status page's words, best first.</summary>
public enum ServiceImpact
{
    Operational,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
}

/// <summary>A service an external update names, and how it is affected.</summary>
public sealed record AffectedService(string Service, ServiceImpact Impact);

/// <summary>
/// One row of <see cref="UpdateCadence"/>: how long an audience may wait for its next update while the incident is at
/// <paramref name="Stage"/>, by severity (null: no update is due).
/// </summary>
public sealed record CadenceRule(
    StatusAudience Audience, PublicStatus Stage, TimeSpan? S1, TimeSpan? S2, TimeSpan? S3AndS4)
{
    public TimeSpan? For(Severity? severity) => severity switch
    {
        Severity.S1 => S1,
        Severity.S2 => S2,
        _ => S3AndS4,
    };
}

/// <summary>
/// How often the Communications Manager On Call updates each audience, in one table like the exit rules. External
/// updates follow GitLab's CMOC practice; internal ones (the responders' own channel and stakeholders) are asked for
/// less often, because the team can read the timeline. An incident of Unknown severity is updated as an S3 or S4
/// one. Nothing is due in Preparation (nothing was declared) nor from Learnings on (the problem is resolved).
/// </summary>
public static class UpdateCadence
{
    public static IReadOnlyList<CadenceRule> Rules { get; } =
    [
        new(StatusAudience.External, PublicStatus.Investigating, Minutes(10), Minutes(15), Minutes(15)),
        new(StatusAudience.External, PublicStatus.Identified, Minutes(10), Minutes(30), Minutes(30)),
        new(StatusAudience.External, PublicStatus.Monitoring, Minutes(30), Minutes(60), Minutes(60)),
        new(StatusAudience.Internal, PublicStatus.Investigating, Minutes(30), Minutes(60), Minutes(120)),
        new(StatusAudience.Internal, PublicStatus.Identified, Minutes(30), Minutes(60), Minutes(120)),
        new(StatusAudience.Internal, PublicStatus.Monitoring, Minutes(60), Minutes(120), S3AndS4: null),
    ];

    /// <summary>What a status page says while the incident is in <paramref name="phase"/>; null before it is declared.</summary>
    public static PublicStatus? StageOf(Phase phase) => phase switch
    {
        Phase.Identification or Phase.Investigation or Phase.Containment => PublicStatus.Investigating,
        Phase.Remediation => PublicStatus.Identified,
        Phase.Recovery => PublicStatus.Monitoring,
        Phase.Learnings or Phase.Closed => PublicStatus.Resolved,
        _ => null,
    };

    /// <summary>How long <paramref name="audience"/> may wait between updates now; null when no update is due.</summary>
    public static TimeSpan? IntervalFor(StatusAudience audience, Phase phase, Severity? severity) =>
        StageOf(phase) is { } stage
            ? Rules.FirstOrDefault(rule => rule.Audience == audience && rule.Stage == stage)?.For(severity)
            : null;

    /// <summary>The impact an external update gives the incident's services unless the CMOC says otherwise.</summary>
    public static ServiceImpact DefaultImpact(PublicStatus status, Severity? severity) => status switch
    {
        PublicStatus.Resolved => ServiceImpact.Operational,
        _ => severity switch
        {
            Severity.S1 => ServiceImpact.MajorOutage,
            Severity.S2 => ServiceImpact.PartialOutage,
            _ => ServiceImpact.DegradedPerformance,
        },
    };

    private static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);
}
