using IncidentHub.Domain;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IncidentHub.Web.Pages;

/// <summary>
/// The severity options every form offers, in one order and with the domain's words, so the declare form,
/// the list's filter and the incident page cannot drift apart.
/// </summary>
public static class SeverityChoices
{
    /// <summary>Most severe first; Unknown last, where the declare form still preselects it as its default.</summary>
    public static IReadOnlyList<Severity> InOrder { get; } =
        [Severity.S1, Severity.S2, Severity.S3, Severity.S4, Severity.Unknown];

    /// <summary>
    /// For <c>asp-items</c>. With <c>asp-for</c> the tag helper marks the bound value itself; without it
    /// (a filter read from the query string) <paramref name="selected"/> marks it.
    /// </summary>
    public static IEnumerable<SelectListItem> Options(string? selected = null) =>
        InOrder.Select(severity => new SelectListItem(severity.Describe(), severity.ToString(),
            severity.ToString() == selected));

    public static IEnumerable<SelectListItem> Options(Severity? selected) => Options(selected?.ToString());
}
