using IncidentHub.Domain;
using IncidentHub.Web.Features.Incidents;

namespace IncidentHub.Web.Pages.Incidents;

/// <summary>
/// One role's assign (or hand-over) form: in the Roles facts, and in the next-thing slot when an
/// exit rule asks for that role. <see cref="IdPrefix"/> keeps the two copies' ids apart.
/// </summary>
public sealed record AssignFormModel(ShowModel Page, IncidentRole Role, RoleHolderView? Holder, string IdPrefix);
