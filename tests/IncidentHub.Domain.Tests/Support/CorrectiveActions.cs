namespace IncidentHub.Domain.Tests.Support;

internal static class CorrectiveActions
{
    public static CorrectiveActionDetails AlertOnCheckoutErrors() => new(
        "Alert on checkout errors",
        "Page the on-call engineer when checkout errors pass 1%.",
        CorrectiveActionKind.Detection,
        People.Carol.PersonId,
        new DateOnly(2026, 3, 15),
        null);
}
