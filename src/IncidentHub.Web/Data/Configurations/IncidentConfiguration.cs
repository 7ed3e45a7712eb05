using IncidentHub.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    private const string IsOpen = "phase NOT IN ('Closed', 'Dismissed')";

    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(incident => incident.Id);

        // Ids are made by the domain (UUIDv7): a child found with its id set is still new, to be inserted.
        builder.Property(incident => incident.Id).ValueGeneratedNever();
        builder.Property(incident => incident.Number)
            .HasDefaultValueSql($"nextval('{IncidentHubDbContext.IncidentNumberSequence}')")
            .ValueGeneratedOnAdd();
        builder.HasIndex(incident => incident.Number).IsUnique();
        builder.Property(incident => incident.Title).HasMaxLength(NewIncident.TitleMaxLength);
        builder.Property(incident => incident.Summary).HasMaxLength(NewIncident.SummaryMaxLength);
        builder.Property(incident => incident.DismissalReason).HasMaxLength(Incident.ReasonMaxLength);
        builder.Property(incident => incident.NoCorrectiveActionsReason).HasMaxLength(Incident.ReasonMaxLength);
        builder.Property(incident => incident.Version).IsRowVersion();
        builder.Ignore(incident => incident.Reference);

        builder.ComplexProperty(incident => incident.Review, review => review.ToJson());
        builder.Property(incident => incident.ReviewRequestedByName).HasMaxLength(300);
        builder.Property(incident => incident.ReviewRequestReason).HasMaxLength(Incident.ReasonMaxLength);
        builder.Property(incident => incident.ReviewState).HasDefaultValue(ReviewState.NotStarted).HasSentinel((ReviewState)(-1));
        builder.HasOne<Person>().WithMany().HasForeignKey(incident => incident.ReviewOwnerId).OnDelete(DeleteBehavior.Restrict);

        // The reviews list and the overdue scan look only at incidents whose review is due and not published.
        builder.HasIndex(incident => incident.ReviewDueOn)
            .HasFilter("review_due_on IS NOT NULL AND review_state <> 'Published'")
            .HasDatabaseName("ix_incidents_review_due_on_unpublished");

        builder.Property<DateTimeOffset>(IncidentColumns.ListedAt)
            .HasComputedColumnSql("COALESCE(declared_at, created_at)", stored: true);
        builder.Property<int>(IncidentColumns.SeverityRank)
            .HasComputedColumnSql(
                "CASE severity WHEN 'S1' THEN 1 WHEN 'S2' THEN 2 WHEN 'S3' THEN 3 WHEN 'S4' THEN 4 " +
                "WHEN 'Unknown' THEN 5 ELSE 6 END",
                stored: true);

        builder.Property<int>(IncidentColumns.OpenRank)
            .HasComputedColumnSql($"CASE WHEN {IsOpen} THEN 0 ELSE 1 END", stored: true);

        // Keyset pagination walks these in order; the partial ones serve the "open" view. Each is named:
        // an unnamed HasIndex on the same columns returns the same index, so the partial one replaced the full one.
        string[] byListedAt = [IncidentColumns.ListedAt, nameof(Incident.Number)];
        string[] bySeverity = [IncidentColumns.SeverityRank, IncidentColumns.ListedAt, nameof(Incident.Number)];
        builder.HasIndex(byListedAt, "ix_incidents_listed_at_number").IsDescending(true, true)
            .HasDatabaseName("ix_incidents_listed_at_number");
        builder.HasIndex(byListedAt, "ix_incidents_open_listed_at_number").IsDescending(true, true)
            .HasFilter(IsOpen).HasDatabaseName("ix_incidents_open_listed_at_number");
        builder.HasIndex(bySeverity, "ix_incidents_severity_rank_listed_at_number").IsDescending(false, true, true)
            .HasDatabaseName("ix_incidents_severity_rank_listed_at_number");
        builder.HasIndex(bySeverity, "ix_incidents_open_severity_rank_listed_at_number").IsDescending(false, true, true)
            .HasFilter(IsOpen).HasDatabaseName("ix_incidents_open_severity_rank_listed_at_number");
        builder.HasIndex(IncidentColumns.OpenRank, IncidentColumns.ListedAt, nameof(Incident.Number))
            .IsDescending(false, true, true);
        builder.HasIndex(nameof(Incident.Phase), IncidentColumns.ListedAt, nameof(Incident.Number))
            .IsDescending(false, true, true);
        builder.HasIndex(incident => incident.Services).HasMethod("gin");

        // The overdue filter of the list and the overdue gauge look for the few incidents owing customers an update.
        builder.HasIndex(incident => incident.NextExternalUpdateDueAt)
            .HasFilter("next_external_update_due_at IS NOT NULL");
        builder.HasIndex(incident => new { incident.Title, incident.Summary })
            .HasMethod("gin").HasOperators("gin_trgm_ops", "gin_trgm_ops")
            .HasDatabaseName("ix_incidents_text_search");

        builder.HasMany(incident => incident.RoleAssignments)
            .WithOne()
            .HasForeignKey(assignment => assignment.IncidentId);
        builder.HasMany(incident => incident.CorrectiveActions).WithOne().HasForeignKey(action => action.IncidentId);
        builder.HasMany(incident => incident.SeverityChanges).WithOne().HasForeignKey(change => change.IncidentId);
        builder.HasMany(incident => incident.StatusUpdates).WithOne().HasForeignKey(update => update.IncidentId);
        builder.HasMany(incident => incident.Timeline).WithOne().HasForeignKey(entry => entry.IncidentId);
        builder.HasMany(incident => incident.Stars).WithOne().HasForeignKey(star => star.IncidentId);
        builder.HasMany(incident => incident.LinkedActions).WithOne().HasForeignKey(link => link.IncidentId);
    }
}
