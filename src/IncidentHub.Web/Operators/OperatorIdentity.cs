using IncidentHub.Domain;
using IncidentHub.Web.Security;

namespace IncidentHub.Web.Operators;

/// <summary>
/// The current user of an operator command, in place of the signed-in one: whoever may run the app against its
/// database already holds everything, so the command layer's checks run as the principal the command names.
/// Registered only when the process runs a command, never in the web app.
/// </summary>
public sealed class OperatorIdentity : ICurrentUser
{
    /// <summary>The operator as an admin who is nobody in particular: for making accounts.</summary>
    public static CurrentPrincipal Operator { get; } = new(
        Guid.Empty, "Operator (command line)", AccountRole.Admin, Scopes: null, TokenName: null);

    public CurrentPrincipal? Principal { get; private set; }

    public void ActAs(CurrentPrincipal principal) => Principal = principal;
}
