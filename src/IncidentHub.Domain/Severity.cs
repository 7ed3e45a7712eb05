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
}
