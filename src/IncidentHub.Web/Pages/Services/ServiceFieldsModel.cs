using IncidentHub.Web.Features.Services;

namespace IncidentHub.Web.Pages.Services;

/// <summary>
/// What the service form shows: the values to put back in the fields (what was typed, after a refusal) and the
/// prefix its fields are posted under, which is also where their errors are kept.
/// </summary>
public sealed record ServiceFieldsModel(
    string Prefix, string? Name, string? OwnerTeam, string? RunbookUrl, string? Description, bool ShownOnStatusPage)
{
    public static ServiceFieldsModel From(string prefix, AddService input) =>
        new(prefix, input.Name, input.OwnerTeam, input.RunbookUrl, input.Description, input.ShownOnStatusPage);
}
