namespace IncidentHub.Web.Data;

/// <summary>Columns that exist only in the database, computed there, for sorting lists by index.</summary>
public static class IncidentColumns
{
    /// <summary>Declared time, or creation time for drafts: the default sort key.</summary>
    public const string ListedAt = "ListedAt";

    /// <summary>1 for S1 … 4 for S4, 5 for Unknown, 6 for none: most severe first.</summary>
    public const string SeverityRank = "SeverityRank";

    /// <summary>0 while the incident is open, 1 once it is closed or dismissed: open ones first.</summary>
    public const string OpenRank = "OpenRank";
}
