namespace IncidentHub.Domain;

/// <summary>Someone who can hold a role, own a corrective action or act on an incident.</summary>
public sealed class Person
{
    public const int DisplayNameMaxLength = 120;
    public const int EmailMaxLength = 254;

    private Person()
    {
    }

    public Guid Id { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Person Create(string displayName, string email, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        DisplayName = displayName.Trim(),
        Email = NormalizeEmail(email),
        Active = true,
        CreatedAt = now.ToStored(),
    };

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public Actor AsActor() => new(Id, DisplayName);

    public void Rename(string displayName) => DisplayName = displayName.Trim();

    /// <summary>An inactive person keeps their history but can no longer sign in, act, or be given a role.</summary>
    public void Deactivate() => Active = false;

    public void Reactivate() => Active = true;
}
