using IncidentHub.Domain;

namespace IncidentHub.Web.Security;

/// <summary>What a message needs, from the least to the most.</summary>
public enum Permission
{
    /// <summary>Anybody, signed in or not: only the one-time setup of the first admin.</summary>
    Anyone,

    /// <summary>Any signed-in account, e.g. to manage one's own tokens.</summary>
    SignedIn,

    /// <summary>Read incidents and everything on them.</summary>
    Read,

    /// <summary>
    /// Declare, update details, change severity, add notes, status updates and corrective actions, advance phases.
    /// </summary>
    Respond,

    /// <summary>Assign and unassign roles, move phases back, reopen, dismiss, add people.</summary>
    ManageIncidents,

    /// <summary>Accounts, roles, service accounts' tokens.</summary>
    Administer,
}

/// <summary>Implemented by messages that need more (or less) than their kind's default permission.</summary>
public interface IRequiresPermission
{
    Permission Required { get; }
}

public static class PermissionFacts
{
    public static AccountRole MinimumRole(this Permission permission) => permission switch
    {
        Permission.Anyone or Permission.SignedIn or Permission.Read => AccountRole.Viewer,
        Permission.Respond => AccountRole.Responder,
        Permission.ManageIncidents => AccountRole.IncidentManager,
        _ => AccountRole.Admin,
    };

    /// <summary>The token scope a permission needs; writing implies reading.</summary>
    public static bool AllowedByScopes(this Permission permission, CurrentPrincipal user) => permission switch
    {
        Permission.Anyone or Permission.SignedIn => true,
        Permission.Read => user.HasScope(Scopes.IncidentsRead) || user.HasScope(Scopes.IncidentsWrite),
        Permission.Respond or Permission.ManageIncidents => user.HasScope(Scopes.IncidentsWrite),
        _ => user.HasScope(Scopes.Admin),
    };
}
