namespace IncidentHub.Domain;

/// <summary>
/// The seven phases in their fixed order, then the two terminal states (see docs/design.md, Phases).
/// The numeric values carry the order: forward means a larger value.
/// </summary>
public enum Phase
{
    Preparation = 1,
    Identification = 2,
    Investigation = 3,
    Containment = 4,
    Remediation = 5,
    Recovery = 6,
    Learnings = 7,
    Closed = 8,
    Dismissed = 9,
}

public static class PhaseFacts
{
    public static IReadOnlyList<Phase> Lifecycle { get; } =
    [
        Phase.Preparation, Phase.Identification, Phase.Investigation, Phase.Containment,
        Phase.Remediation, Phase.Recovery, Phase.Learnings,
    ];

    public static bool IsTerminal(this Phase phase) => phase is Phase.Closed or Phase.Dismissed;

    public static bool IsOpen(this Phase phase) => !phase.IsTerminal();
}
