namespace IncidentHub.Domain;

public static class StoredTime
{
    /// <summary>
    /// UTC at microsecond precision, as PostgreSQL keeps it, so that a value reads back exactly as
    /// it was written and comparisons between stored and fresh times hold.
    /// </summary>
    public static DateTimeOffset ToStored(this DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    public static DateTimeOffset? ToStored(this DateTimeOffset? time) => time?.ToStored();
}
