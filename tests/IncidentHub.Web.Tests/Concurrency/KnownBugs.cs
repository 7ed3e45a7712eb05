namespace IncidentHub.Web.Tests.Concurrency;

/// <summary>Product bugs these tests exposed; remove a Skip once its bug is fixed.</summary>
internal static class KnownBugs
{
    public const string XminReadAsInt64 =
        "BUG: every change to an existing incident answers 500: IncidentLoading.LoadForChangeAsync reads xmin (xid) with SqlQuery<uint>, which Npgsql reads as Int64";

    public const string XminAndChildRowsUpdated =
        "BUG: 500 on every incident change (xmin read as Int64 in IncidentLoading) and 409 on new severity/role/status rows (client Guid keys make EF UPDATE instead of INSERT)";
}
