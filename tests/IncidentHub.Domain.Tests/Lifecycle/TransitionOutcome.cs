namespace IncidentHub.Domain.Tests.Lifecycle;

/// <summary>
/// What docs/design.md (Transitions) says happens when an incident in one state is asked to move to another.
/// </summary>
public enum TransitionOutcome
{
    Refused,
    Forward,
    Regress,
    Reopen,
    Dismiss,
}
