using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentHub.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "IncidentHub";

    /// <summary>
    /// Registers the one pooled data source every database user shares (EF Core, the live-update listener, health
    /// checks, the idempotency cleanup) and the DbContext pool on top of it.
    /// </summary>
    public static void AddIncidentHubDatabase(this WebApplicationBuilder builder, string connectionString)
    {
        var maxAutoPrepare = builder.Configuration.GetValue("IncidentHub:Database:MaxAutoPrepare", 32);
        builder.Services.AddSingleton(_ => BuildDataSource(connectionString, maxAutoPrepare));
        builder.Services.AddDbContextPool<IncidentHubDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());
    }

    private static NpgsqlDataSource BuildDataSource(string connectionString, int maxAutoPrepare)
    {
        // The name labels the pool in /metrics and traces, where the connection string (host, user) would otherwise
        // be.
        var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = "incidenthub" };

        // Prepared statements spare PostgreSQL parsing and planning the same few statements on every
        // request (list +60 % requests/s in docs/benchmarks.md). A value in the connection string wins.
        if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = maxAutoPrepare;
        }

        // Resetting a pooled connection costs PostgreSQL seven statements on every open (two opens per API request);
        // the app leaves no session state behind to reset (the live-update listener unlistens before it lets go).
        // "No Reset On Close=false" in the connection string brings the reset back.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return dataSource.Build();
    }
}
