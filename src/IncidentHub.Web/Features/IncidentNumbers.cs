using System.Globalization;

namespace IncidentHub.Web.Features;

/// <summary>How people and clients name an incident: 42 or INC-42, in any case.</summary>
public static class IncidentNumbers
{
    /// <summary>"INC-" and the digits of the largest incident number: anything longer names no incident.</summary>
    public static readonly int MaxLength = "INC-".Length + long.MaxValue.ToString(CultureInfo.InvariantCulture).Length;

    public static bool TryParse(string? text, out long number)
    {
        number = 0;
        if (text is null)
        {
            return false;
        }

        var digits = text.StartsWith("INC-", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
