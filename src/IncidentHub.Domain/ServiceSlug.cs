using System.Text;

namespace IncidentHub.Domain;

/// <summary>
/// The name incidents and alerts use for a service: lower case, letters and digits, words joined by hyphens
/// ("Payments API" → "payments-api"). A name already in that form is its own slug, so existing data keeps its names.
/// </summary>
public static class ServiceSlug
{
    public const int MaxLength = NewIncident.ServiceMaxLength;

    /// <summary>The slug of a name as a person or an alert gives it; empty when the name has no letter or digit.</summary>
    public static string From(string name)
    {
        var slug = new StringBuilder(Math.Min(name.Length, MaxLength));
        var pendingHyphen = false;
        foreach (var character in name.Trim())
        {
            if (char.IsLetterOrDigit(character) || character is '.' or '_')
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingHyphen = false;
                slug.Append(char.ToLowerInvariant(character));
            }
            else
            {
                pendingHyphen = true;
            }

            if (slug.Length >= MaxLength)
            {
                break;
            }
        }

        return slug.ToString(0, Math.Min(slug.Length, MaxLength));
    }

    public static bool IsSlug(string text) => text.Length > 0 && From(text) == text;
}
