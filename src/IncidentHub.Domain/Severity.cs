namespace IncidentHub.Domain;

public enum Severity
{
    Unknown = 0,
    S1 = 1,
    S2 = 2,
    S3 = 3,
    S4 = 4,
}

public static class SeverityFacts
{
    public static bool IsHighImpact(this Severity severity) => severity is Severity.S1 or Severity.S2;

    public static string Describe(this Severity severity) => severity switch
    {
        Severity.S1 => "S1 (critical)",
        Severity.S2 => "S2 (high)",
        Severity.S3 => "S3 (medium)",
        Severity.S4 => "S4 (low)",
        _ => "Unknown",
    };
}
