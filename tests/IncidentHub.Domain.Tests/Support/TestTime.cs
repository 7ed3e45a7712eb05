namespace IncidentHub.Domain.Tests.Support;

/// <summary>
/// The fixed clock of the tests. <see cref="IncidentBuilder"/> acts one minute at a time from
/// <see cref="Start"/>; a test acts at <see cref="Later"/> or after, so its changes come last.
/// </summary>
internal static class TestTime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Later = Start.AddHours(1);
}
