using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Operators;

/// <summary>
/// <c>migrate</c>: applies the pending migrations, as the app does at start unless MigrateOnStart is off.
/// </summary>
public sealed class MigrateVerb : OperatorCommand
{
    public const string Name = "migrate";

    public MigrateVerb(IReadOnlyList<string> args) => _ = new Arguments(Name, args, options: [], flags: []);

    protected override string Verb => Name;

    protected override async Task<int> ExecuteAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncidentHubDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await DatabaseStartup.MigrateAsync(db, cancellationToken);
        await Console.Error.WriteLineAsync(
            pending == 0
                ? "The database is up to date."
                : $"Applied {pending} migration(s); the database is up to date.");
        return 0;
    }
}
