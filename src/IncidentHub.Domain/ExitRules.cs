namespace IncidentHub.Domain;

/// <summary>
/// One condition an incident must meet to leave a phase. <see cref="Message"/> explains a refusal;
/// <see cref="Todo"/> says what to do about it. <see cref="NotNeeded"/>, when given, says why the
/// rule does not apply to this incident ("not needed at S3"), or null when it does.
/// </summary>
public sealed record ExitRule(
    string Code, string Message, string Todo, Func<Incident, bool> IsMet, Func<Incident, string?>? NotNeeded = null);

/// <summary>
/// A rule checked against an incident. A rule that does not apply is met, so it never blocks, and
/// carries the reason in <see cref="NotNeeded"/>, so that a checklist does not tick it off as done.
/// </summary>
public sealed record ExitRuleCheck(ExitRule Rule, bool IsMet, string? NotNeeded = null)
{
    public bool Applies => NotNeeded is null;
}

/// <summary>
/// The exit rules of every phase, in one table so that they can be read, tested and later
/// made configurable in one place. A phase without an entry has no exit rule.
/// </summary>
public static class ExitRules
{
    public static readonly ExitRule TitleRequired = new(
        "TitleRequired",
        "An incident needs a title before it can be declared.",
        "Give the incident a title",
        incident => !string.IsNullOrWhiteSpace(incident.Title));

    public static readonly ExitRule SourceRequired = new(
        "SourceRequired",
        "An incident needs a source (monitoring, customer report, team member report or security report) before it " +
        "can be declared.",
        "Say how the problem was identified",
        incident => incident.Source is not null);

    public static readonly ExitRule SeverityRequired = new(
        "SeverityRequired",
        "An incident needs a severity before it can be declared; Unknown is allowed.",
        "Set a severity (Unknown is fine for now)",
        incident => incident.Severity is not null);

    public static readonly ExitRule EngineerOnCallRequired = new(
        "EngineerOnCallRequired",
        "An Engineer On Call must be assigned before the investigation can start.",
        "Assign an Engineer On Call",
        incident => incident.HolderOf(IncidentRole.EngineerOnCall) is not null);

    public static readonly ExitRule KnownSeverityRequired = new(
        "KnownSeverityRequired",
        "The severity must be known (S1 to S4, not Unknown) before containment can start.",
        "Settle the severity (S1 to S4)",
        incident => incident.Severity is not null and not Domain.Severity.Unknown);

    public static readonly ExitRule IncidentManagerRequired = new(
        "IncidentManagerRequired",
        "An S1 or S2 incident needs an Incident Manager before containment can start.",
        "Assign an Incident Manager",
        incident => incident.HolderOf(IncidentRole.IncidentManager) is not null,
        OnlyForHighImpact);

    public static readonly ExitRule CommunicationsManagerRequired = new(
        "CommunicationsManagerRequired",
        "An S1 or S2 incident needs a Communications Manager On Call before containment can start.",
        "Assign a Communications Manager On Call",
        incident => incident.HolderOf(IncidentRole.CommunicationsManagerOnCall) is not null,
        OnlyForHighImpact);

    public static readonly ExitRule CorrectiveActionRequired = new(
        "CorrectiveActionRequired",
        "Recovery ends only when at least one corrective action exists, or a statement says why none is needed.",
        "Add a corrective action, or say why none is needed",
        incident => incident.CorrectiveActions.Count > 0 || incident.LinkedActions.Count > 0
            || !string.IsNullOrWhiteSpace(incident.NoCorrectiveActionsReason));

    public static readonly ExitRule ReviewRequired = new(
        "ReviewRequired",
        "An incident can be closed only after its review has a root-cause summary.",
        "Write the review's root-cause summary",
        incident => !string.IsNullOrWhiteSpace(incident.Review?.RootCauseSummary));

    private static readonly Dictionary<Phase, ExitRule[]> RulesByPhase = new()
    {
        [Phase.Preparation] = [TitleRequired, SourceRequired, SeverityRequired],
        [Phase.Identification] = [EngineerOnCallRequired],
        [Phase.Investigation] = [KnownSeverityRequired, IncidentManagerRequired, CommunicationsManagerRequired],
        [Phase.Recovery] = [CorrectiveActionRequired],
        [Phase.Learnings] = [ReviewRequired],
    };

    public static IReadOnlyList<ExitRule> For(Phase phase) =>
        RulesByPhase.TryGetValue(phase, out var rules) ? rules : [];

    public static IReadOnlyList<ExitRuleCheck> Check(Incident incident, Phase leaving) =>
        [.. For(leaving).Select(rule => Check(incident, rule))];

    private static ExitRuleCheck Check(Incident incident, ExitRule rule) =>
        rule.NotNeeded?.Invoke(incident) is { } notNeeded
            ? new ExitRuleCheck(rule, IsMet: true, notNeeded)
            : new ExitRuleCheck(rule, rule.IsMet(incident));

    /// <summary>The managers' rules apply to S1 and S2 only; at Unknown nobody knows yet whether they will.</summary>
    private static string? OnlyForHighImpact(Incident incident) => incident.Severity switch
    {
        { } severity when severity.IsHighImpact() => null,
        null or Domain.Severity.Unknown => "needed only at S1 or S2",
        { } severity => $"not needed at {severity}",
    };
}
