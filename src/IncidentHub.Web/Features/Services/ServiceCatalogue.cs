using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Services;

/// <summary>
/// Keeps the catalogue complete: a service an incident or an alert names that the catalogue does not know is added
/// to it, marked for review, rather than refused. Refusing would lose an alert, or break a client that named
/// services before there was a catalogue.
/// </summary>
public static class ServiceCatalogue
{
    /// <summary>Adds each named service the catalogue lacks (by slug), named as it was given; known ones stay as they are.</summary>
    public static async Task EnsureListedAsync(
        this IncidentHubDbContext db, IEnumerable<string> named, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = named
            .Select(name => (Slug: ServiceSlug.From(name), Name: name.Trim()))
            .Where(entry => entry.Slug.Length > 0)
            .DistinctBy(entry => entry.Slug)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var slugs = entries.Select(entry => entry.Slug).ToArray();
        var names = entries.Select(entry => AlertReading.Clip(entry.Name, Service.NameMaxLength)).ToArray();
        var ids = entries.Select(_ => Guid.CreateVersion7(now)).ToArray();

        // Sorted, so that two writers naming the same new services insert them in the same order and cannot deadlock.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO services (id, slug, name, shown_on_status_page, needs_review, created_at, updated_at)
            SELECT id, slug, name, false, true, {now}, {now}
            FROM unnest({ids}, {slugs}, {names}) AS named(id, slug, name)
            ORDER BY slug
            ON CONFLICT (slug) DO NOTHING
            """,
            cancellationToken);
    }
}
