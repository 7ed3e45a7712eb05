namespace IncidentHub.Domain;

/// <summary>
/// What an account may do anywhere, each role including the ones before it: read; declare and
/// update; also assign roles, move phases back, reopen and dismiss; also manage accounts and tokens.
/// </summary>
public enum AccountRole
{
    Viewer = 1,
    Responder = 2,
    IncidentManager = 3,
    Admin = 4,
}
