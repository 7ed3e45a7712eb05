namespace IncidentHub.Web.Features.Reviews;

/// <summary>How reviews are run here: when they fall due, and the categories a root cause is filed under.</summary>
public sealed class ReviewOptions
{
    public const string Section = "IncidentHub:Reviews";

    /// <summary>A needed review is due this many days after the incident was resolved, unless someone sets a date.</summary>
    public int DueDays { get; set; } = 14;

    /// <summary>The categories a root cause is filed under; insights count incidents by them.</summary>
    public List<string> RootCauseCategories { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultRootCauseCategories =
    [
        "Configuration change", "Software change", "Saturation", "Single point of failure", "External dependency",
        "Hardware or infrastructure failure", "Expired certificate or credential", "Data issue", "Security",
        "Unknown",
    ];

    public IReadOnlyList<string> Categories => RootCauseCategories.Count > 0 ? RootCauseCategories : DefaultRootCauseCategories;
}

/// <summary>The root-cause categories a review may choose from, as the operator set them.</summary>
public sealed record ListRootCauseCategories : Mediator.IQuery<IReadOnlyList<string>>;

public sealed class ListRootCauseCategoriesHandler(Microsoft.Extensions.Options.IOptions<ReviewOptions> options)
    : Mediator.IQueryHandler<ListRootCauseCategories, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(ListRootCauseCategories query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.Value.Categories);
}
