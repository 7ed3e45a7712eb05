using IncidentHub.Domain;
using IncidentHub.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Data;

/// <summary>
/// Incidents, people, accounts (Identity's store), tokens, sessions and data-protection keys: one database.
/// </summary>
public sealed class IncidentHubDbContext(DbContextOptions<IncidentHubDbContext> options)
    : IdentityUserContext<Account, Guid>(options), IDataProtectionKeyContext
{
    public const string IncidentNumberSequence = "incident_number_seq";

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<SeverityChange> SeverityChanges => Set<SeverityChange>();

    public DbSet<StatusUpdate> StatusUpdates => Set<StatusUpdate>();

    public DbSet<CorrectiveAction> CorrectiveActions => Set<CorrectiveAction>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<AlertSource> AlertSources => Set<AlertSource>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<StatusPageSettings> StatusPageSettings => Set<StatusPageSettings>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<SignInSession> Sessions => Set<SignInSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.HasPostgresExtension("pg_trgm");
        builder.HasSequence<long>(IncidentNumberSequence);
        builder.ApplyConfigurationsFromAssembly(typeof(IncidentHubDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the data reads well in psql and survives reordering.
        configurationBuilder.Properties<Phase>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Severity>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IncidentSource>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<IncidentRole>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<StatusAudience>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CorrectiveActionKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CorrectiveActionPriority>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CorrectiveActionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TimelineTag>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TimelineEventKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ReviewState>().HaveConversion<string>().HaveMaxLength(16);
    }
}
