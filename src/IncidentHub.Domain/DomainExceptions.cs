namespace IncidentHub.Domain;

/// <summary>A rule of the process, identified by a stable code, that refused a change.</summary>
public sealed record RuleBreach(string Rule, string Message);

/// <summary>
/// Thrown when a change is well-formed but the incident's current state does not allow it.
/// The first breach names the rule; all of them are kept so a person sees everything to fix at once.
/// </summary>
public sealed class RuleViolationException : Exception
{
    public RuleViolationException(IReadOnlyList<RuleBreach> breaches)
        : base(breaches.Count > 0 ? breaches[0].Message : "A rule refused the change.")
    {
        ArgumentOutOfRangeException.ThrowIfZero(breaches.Count);
        Breaches = breaches;
    }

    public RuleViolationException(string rule, string message)
        : this([new RuleBreach(rule, message)])
    {
    }

    public IReadOnlyList<RuleBreach> Breaches { get; }

    public string Rule => Breaches[0].Rule;
}

/// <summary>
/// Thrown when a value is invalid in the light of the incident's state (times out of order, a missing reason).
/// </summary>
public sealed class DomainValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
