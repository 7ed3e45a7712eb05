namespace IncidentHub.Domain.Tests.Lifecycle;

/// <summary>What DESIGN.md says happens when an incident in one state is asked to move to another.</summary>
public enum TransitionOutcome
{
    Refused,
    Forward,
    Regress,
    Reopen,
    Dismiss,
}
