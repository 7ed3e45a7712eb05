using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Accounts;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Lifecycle;

/// <summary>The demo data describes every service its incidents name, and loading it again changes nothing.</summary>
public sealed class DemoCatalogueTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Every_service_a_demo_incident_names_is_in_the_catalogue_described_and_loaded_once()
    {
        Assert.True(await SeedAsync());
        Assert.False(await SeedAsync());

        await using var db = App.Factory.CreateDbContext();
        var catalogue = await db.Services.AsNoTracking().ToListAsync();
        var named = (await db.Incidents.Select(incident => incident.Services).ToListAsync()).SelectMany(slugs => slugs).ToHashSet();
        Assert.Equal(
            ["checkout-api", "identity", "indexer", "notifications", "payments", "postgres", "search", "status-page", "webhooks"],
            catalogue.Select(service => service.Slug).Order(StringComparer.Ordinal));
        Assert.Subset(catalogue.Select(service => service.Slug).ToHashSet(), named);
        Assert.All(catalogue, service => Assert.False(service.NeedsReview, $"{service.Slug} waits for review"));
        Assert.Contains(catalogue, service => service.RunbookUrl?.StartsWith("https://runbooks.example.com/", StringComparison.Ordinal) == true);
        Assert.Contains(catalogue, service => service.ShownOnStatusPage);
    }

    private async Task<bool> SeedAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await DemoData.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>(),
            scope.ServiceProvider.GetRequiredService<AccountRegistry>(),
            App.Clock.GetUtcNow(),
            CancellationToken.None);
    }
}
