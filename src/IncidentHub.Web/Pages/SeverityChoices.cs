using IncidentHub.Domain;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IncidentHub.Web.Pages;

/// <summary>
/// The severity options every form offers, with the domain's words, so the declare form, the list's filter and
/// the incident page cannot drift apart.
/// </summary>
public static class SeverityChoices
{
    /// <summary>Most severe first; Unknown, what is not yet judged, last.</summary>
    public static IReadOnlyList<Severity> InOrder { get; } =
        [Severity.S1, Severity.S2, Severity.S3, Severity.S4, Severity.Unknown];

    /// <summary>
    /// For <c>asp-items</c>. With <c>asp-for</c> the tag helper marks the bound value itself; without it
    /// (a filter read from the query string) <paramref name="selected"/> marks it.
    /// </summary>
    public static IEnumerable<SelectListItem> Options(string? selected = null) => Items(InOrder, selected);

    public static IEnumerable<SelectListItem> Options(Severity? selected) => Options(selected?.ToString());

    /// <summary>
    /// For declaring, where Unknown is the default: it comes first, so the arrow keys go from it to S1, S2…
    /// </summary>
    public static IEnumerable<SelectListItem> StartingAtUnknown() =>
        Items([Severity.Unknown, .. InOrder.Where(severity => severity != Severity.Unknown)], selected: null);

    private static IEnumerable<SelectListItem> Items(IEnumerable<Severity> severities, string? selected) =>
        severities.Select(severity => new SelectListItem(severity.Describe(), severity.ToString(),
            severity.ToString() == selected));
}
