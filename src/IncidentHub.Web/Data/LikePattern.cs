namespace IncidentHub.Web.Data;

public static class LikePattern
{
    public const string Escape = @"\";

    /// <summary>A case-insensitive "contains" pattern in which the user's % and _ are literal.</summary>
    public static string Containing(string text) => $"%{Literal(text)}%";

    /// <summary>A pattern that matches the text itself and nothing else (with ILIKE: in any case).</summary>
    public static string Exactly(string text) => Literal(text);

    private static string Literal(string text) =>
        text.Trim()
            .Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
