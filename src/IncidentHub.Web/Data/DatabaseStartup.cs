using IncidentHub.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace IncidentHub.Web.Data;

public static class DatabaseStartup
{
    /// <summary>The advisory lock key held while one instance prepares the database ("IHstart" in ASCII).</summary>
    private const long StartupLock = 0x4948_7374_6172_74;

    /// <summary>
    /// Applies pending migrations (unless turned off) and loads the demo data into an empty database when asked to.
    /// </summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var readiness = ActivatorUtilities.CreateInstance<DatabaseReadiness>(scope.ServiceProvider);
        await readiness.EnsureAsync(
            TimeSpan.FromSeconds(app.Configuration.GetValue(DatabaseReadiness.WaitSetting, 60)),
            CancellationToken.None);

        // Instances started together (replicas, a rolling deploy) take turns: the demo data and the first admin
        // are made once, by whichever instance comes first.
        // A transaction-level lock: whatever fails, ending the transaction lets the others go on.
        await using var turn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var turnTaken = await turn.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({StartupLock})", turn, turnTaken))
        {
            await take.ExecuteNonQueryAsync();
        }

        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<IncidentHubDbContext>>();
        if (app.Configuration.GetValue("IncidentHub:Database:MigrateOnStart", true))
        {
            await MigrateAsync(db, CancellationToken.None);
        }

        var registry = scope.ServiceProvider.GetRequiredService<AccountRegistry>();
        if (app.Configuration.GetValue("IncidentHub:DemoData", false))
        {
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            if (await DemoData.SeedAsync(db, registry, clock.GetUtcNow(), CancellationToken.None))
            {
                logger.LogInformation("Loaded the demo data into the empty database");
            }
        }

        var bootstrap = app.Configuration.GetSection("IncidentHub:BootstrapAdmin");
        if (bootstrap["Email"] is { Length: > 0 } email && bootstrap["Password"] is { Length: > 0 } password
            && !await registry.AnyAsync(CancellationToken.None))
        {
            await registry.CreateAsync(email, bootstrap["DisplayName"] is { Length: > 0 } name ? name : "Administrator",
                Domain.AccountRole.Admin, password, serviceAccount: false, CancellationToken.None);
            logger.LogInformation("Created the first admin account {Email} from configuration", email);
        }

        await turnTaken.CommitAsync();
    }

    /// <summary>Applies pending migrations: at start, and for the <c>migrate</c> operator command.</summary>
    public static async Task MigrateAsync(IncidentHubDbContext db, CancellationToken cancellationToken)
    {
        // The history table first, so that a fresh database does not log a failed query for it.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);

        // A no-op when the schema is current; it takes a lock, so several instances may start at once. A migration that
        // counts what is there (InsightRollups: minutes at a million incidents) must not be cut at the usual 30 s.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync(cancellationToken);
    }
}
