using IncidentHub.Domain;
using IncidentHub.Web.Features.AlertSources;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IncidentHub.Web.Pages.Admin.AlertSources;

/// <summary>
/// The settings as a form holds them: label names as one comma-separated text. It becomes the same command the API
/// sends, whose validators decide; their messages come back beside these fields.
/// </summary>
public sealed class AlertSourceForm
{
    public string? Name { get; set; }

    public AlertSourceKind Kind { get; set; } = AlertSourceKind.Alertmanager;

    public string? DefaultService { get; set; }

    public string? SeverityLabels { get; set; } = string.Join(", ", AlertSource.DefaultSeverityLabels);

    public string? ServiceLabel { get; set; } = AlertSource.DefaultServiceLabel;

    public string? GroupByLabels { get; set; } = string.Join(", ", AlertSource.DefaultGroupByLabels);

    public bool DeclareImmediately { get; set; }

    public bool MitigateWhenResolved { get; set; }

    public int? MaxNewIncidentsPerMinute { get; set; } = AlertSource.DefaultMaxNewIncidentsPerMinute;

    public static AlertSourceForm From(AlertSourceView source) => new()
    {
        Name = source.Name,
        Kind = source.Kind,
        DefaultService = source.DefaultService,
        SeverityLabels = string.Join(", ", source.SeverityLabels),
        ServiceLabel = source.ServiceLabel,
        GroupByLabels = string.Join(", ", source.GroupByLabels),
        DeclareImmediately = source.DeclareImmediately,
        MitigateWhenResolved = source.MitigateWhenResolved,
        MaxNewIncidentsPerMinute = source.MaxNewIncidentsPerMinute,
    };

    public CreateAlertSource ToCreate() => new()
    {
        Name = Name,
        Kind = Kind,
        DefaultService = DefaultService,
        SeverityLabels = Names(SeverityLabels),
        ServiceLabel = ServiceLabel,
        GroupByLabels = Names(GroupByLabels),
        DeclareImmediately = DeclareImmediately,
        MitigateWhenResolved = MitigateWhenResolved,
        MaxNewIncidentsPerMinute = MaxNewIncidentsPerMinute,
    };

    /// <summary>Every setting the form shows, set: what the admin sees is what is saved.</summary>
    public AlertSourceChanges ToChanges() => new()
    {
        Name = Name ?? "",
        Kind = Kind,
        DefaultService = DefaultService,
        SeverityLabels = Names(SeverityLabels),
        ServiceLabel = ServiceLabel,
        GroupByLabels = Names(GroupByLabels),
        DeclareImmediately = DeclareImmediately,
        MitigateWhenResolved = MitigateWhenResolved,
        MaxNewIncidentsPerMinute = MaxNewIncidentsPerMinute ?? 0,
    };

    /// <summary>
    /// A message about one label of a list ("Input.severityLabels[2]") is shown beside the list's field.
    /// </summary>
    public static void MoveListErrorsToTheirField(ModelStateDictionary modelState)
    {
        foreach (var key in modelState.Keys.Where(key => key.EndsWith(']')).ToList())
        {
            var field = key[..key.IndexOf('[', StringComparison.Ordinal)];
            foreach (var error in modelState[key]!.Errors)
            {
                modelState.AddModelError(field, error.ErrorMessage);
            }

            modelState.Remove(key);
        }
    }

    private static string[] Names(string? text) =>
        (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
