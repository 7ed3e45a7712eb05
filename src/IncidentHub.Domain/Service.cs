namespace IncidentHub.Domain;

/// <summary>
/// One entry of the service catalogue: what incidents and alerts name by <see cref="Slug"/>, who owns it and
/// where its runbook is.
/// </summary>
public sealed class Service
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 5_000;
    public const int OwnerTeamMaxLength = 100;
    public const int RunbookUrlMaxLength = 2_000;

    private Service()
    {
    }

    public Guid Id { get; private set; }

    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public string? OwnerTeam { get; private set; }

    public string? RunbookUrl { get; private set; }

    /// <summary>Whether the public status page lists this service.</summary>
    public bool ShownOnStatusPage { get; private set; }

    /// <summary>
    /// Added because an incident or an alert named it, not by a person who described it: the catalogue page asks
    /// someone to fill it in.
    /// </summary>
    public bool NeedsReview { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public static Service Describe(ServiceDetails details, DateTimeOffset now)
    {
        now = now.ToStored();
        var service = new Service
        {
            Id = Guid.CreateVersion7(now),
            Slug = ServiceSlug.From(details.Slug),
            CreatedAt = now,
        };
        service.Apply(details, now);
        return service;
    }

    public void Update(ServiceDetails details, DateTimeOffset now) => Apply(details, now.ToStored());

    private void Apply(ServiceDetails details, DateTimeOffset now)
    {
        Name = details.Name.Trim();
        Description = Blank(details.Description);
        OwnerTeam = Blank(details.OwnerTeam);
        RunbookUrl = Blank(details.RunbookUrl);
        ShownOnStatusPage = details.ShownOnStatusPage;
        NeedsReview = false;
        UpdatedAt = now;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>What a person says about a service when they add or edit it.</summary>
public sealed record ServiceDetails
{
    public string Slug { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public string? OwnerTeam { get; init; }

    public string? RunbookUrl { get; init; }

    public bool ShownOnStatusPage { get; init; }
}
