using System.Collections.Concurrent;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Infrastructure;

/// <summary>Who is acting: every command takes its actor from here.</summary>
public interface ICurrentUser
{
    ValueTask<Actor> GetActorAsync(CancellationToken cancellationToken);
}

public sealed class DefaultActorOptions
{
    public const string Section = "IncidentHub:DefaultActor";

    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";
}

/// <summary>
/// Until accounts and sign-in exist, every change is made by one configured person, created in
/// the people table on first use so that history points at a real row.
/// </summary>
public sealed class ConfiguredDefaultUser(IncidentHubDbContext db, IOptions<DefaultActorOptions> options, TimeProvider clock) : ICurrentUser
{
    private static readonly ConcurrentDictionary<string, Actor> Known = new(StringComparer.Ordinal);

    public async ValueTask<Actor> GetActorAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value;
        if (string.IsNullOrWhiteSpace(configured.Email))
        {
            throw new InvalidOperationException($"Set {DefaultActorOptions.Section}:Email to the person who acts until sign-in exists.");
        }

        var email = Person.NormalizeEmail(configured.Email);
        if (Known.TryGetValue(email, out var known))
        {
            return known;
        }

        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(candidate => candidate.Email == email, cancellationToken);
        if (person is null)
        {
            var name = string.IsNullOrWhiteSpace(configured.DisplayName) ? email : configured.DisplayName;
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO people (id, display_name, email, active, created_at) VALUES ({Guid.CreateVersion7()}, {name}, {email}, TRUE, {clock.GetUtcNow().ToStored()}) ON CONFLICT (email) DO NOTHING",
                cancellationToken);
            person = await db.People.AsNoTracking().SingleAsync(candidate => candidate.Email == email, cancellationToken);
        }

        return Known.GetOrAdd(email, person.AsActor());
    }

    /// <summary>Tests reset the database between runs; the cache must not outlive the rows it points at.</summary>
    internal static void Forget() => Known.Clear();
}
