using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IncidentHub.Web.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build the model without starting the app; adding a migration needs no database.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IncidentHubDbContext>
{
    public IncidentHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IncidentHubDbContext>()
        .UseNpgsql(
            Environment.GetEnvironmentVariable("ConnectionStrings__IncidentHub")
                ?? "Host=localhost;Database=incidenthub")
        .UseSnakeCaseNamingConvention()
        .Options);
}
