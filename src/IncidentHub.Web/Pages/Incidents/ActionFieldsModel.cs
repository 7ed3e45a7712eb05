using IncidentHub.Web.Features.People;

namespace IncidentHub.Web.Pages.Incidents;

/// <summary>The fields of a corrective action, shared by the add form and each edit form.</summary>
public sealed record ActionFieldsModel(
    string IdPrefix, IReadOnlyList<PersonView> People, ActionForm Action, bool WithStatus);
