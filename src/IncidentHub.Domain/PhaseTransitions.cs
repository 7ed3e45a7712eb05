namespace IncidentHub.Domain;

public enum TransitionKind
{
    /// <summary>To the next phase, or several phases at once (a skip); Learnings to Closed is a close.</summary>
    Forward,

    /// <summary>Impact came back after mitigation: Remediation or Recovery back to Containment.</summary>
    Regress,

    /// <summary>A closed incident opened again by an Incident Manager.</summary>
    Reopen,

    /// <summary>A false alarm or a duplicate, ended before containment started.</summary>
    Dismiss,
}

/// <summary>
/// The one table of allowed phase changes. Anything it does not list is refused with
/// <see cref="Rule"/>.
/// </summary>
public static class PhaseTransitions
{
    public const string Rule = "TransitionNotAllowed";

    private static readonly Dictionary<(Phase From, Phase To), TransitionKind> Allowed = Build();

    public static TransitionKind? Find(Phase from, Phase to) =>
        Allowed.TryGetValue((from, to), out var kind) ? kind : null;

    public static IEnumerable<(Phase To, TransitionKind Kind)> From(Phase from) =>
        Allowed.Where(entry => entry.Key.From == from)
            .Select(entry => (entry.Key.To, entry.Value))
            .OrderBy(entry => entry.To);

    public static bool RequiresReason(TransitionKind kind) => kind != TransitionKind.Forward;

    public static string ExplainRefusal(Phase from, Phase to) => (from, to) switch
    {
        _ when from == to => $"The incident is already in {from}.",
        (Phase.Dismissed, _) => "A dismissed incident stays dismissed; declare a new incident instead.",
        (Phase.Closed, _) => "A closed incident can only be reopened into Investigation or Containment.",
        (_, Phase.Dismissed) =>
            "Only an incident in Preparation, Identification or Investigation can be dismissed; " +
            $"this one is in {from}.",
        _ when to < from =>
            $"An incident in {from} cannot move back to {to}: the only way back is from Remediation or Recovery to " +
            "Containment, when impact returns.",
        _ => $"An incident in {from} cannot move to {to}.",
    };

    private static Dictionary<(Phase, Phase), TransitionKind> Build()
    {
        var table = new Dictionary<(Phase, Phase), TransitionKind>();
        foreach (var from in PhaseFacts.Lifecycle)
        {
            for (var to = from + 1; to <= Phase.Closed; to++)
            {
                table[(from, to)] = TransitionKind.Forward;
            }
        }

        table[(Phase.Remediation, Phase.Containment)] = TransitionKind.Regress;
        table[(Phase.Recovery, Phase.Containment)] = TransitionKind.Regress;
        table[(Phase.Closed, Phase.Investigation)] = TransitionKind.Reopen;
        table[(Phase.Closed, Phase.Containment)] = TransitionKind.Reopen;
        table[(Phase.Preparation, Phase.Dismissed)] = TransitionKind.Dismiss;
        table[(Phase.Identification, Phase.Dismissed)] = TransitionKind.Dismiss;
        table[(Phase.Investigation, Phase.Dismissed)] = TransitionKind.Dismiss;
        return table;
    }
}
