using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace IncidentHub.Web.Pages.Admin;

/// <summary>
/// A secret just made, carried over the redirect to the page of what it belongs to, in TempData (encrypted, read once):
/// that page shows it once, and a reload shows it no more.
/// </summary>
public static class ShownOnce
{
    public static void Carry(ITempDataDictionary tempData, string key, Guid ownerId, string secret) =>
        tempData[key] = $"{ownerId}:{secret}";

    /// <summary>The secret carried for this owner, if any; one carried for another is dropped.</summary>
    public static string? Take(ITempDataDictionary tempData, string key, Guid ownerId) =>
        tempData[key] is string carried && carried.StartsWith($"{ownerId}:", StringComparison.Ordinal)
            ? carried[(carried.IndexOf(':', StringComparison.Ordinal) + 1)..]
            : null;
}
