using IncidentHub.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data.Configurations;

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.ToTable("role_assignments");
        builder.Property(assignment => assignment.Id).ValueGeneratedNever();
        builder.Ignore(assignment => assignment.IsCurrent);
        builder.Property(assignment => assignment.PersonName).HasMaxLength(Person.DisplayNameMaxLength);
        builder.Property(assignment => assignment.AssignedByName).HasMaxLength(300);
        builder.Property(assignment => assignment.EndedByName).HasMaxLength(300);
        builder.HasOne<Person>()
            .WithMany()
            .HasForeignKey(assignment => assignment.PersonId)
            .OnDelete(DeleteBehavior.Restrict);

        // The database itself guarantees at most one holder per role.
        builder.HasIndex(assignment => new { assignment.IncidentId, assignment.Role })
            .IsUnique().HasFilter("until IS NULL").HasDatabaseName("ix_role_assignments_current_holder");
        builder.HasIndex(assignment => new { assignment.IncidentId, assignment.From });
    }
}

internal sealed class CorrectiveActionConfiguration : IEntityTypeConfiguration<CorrectiveAction>
{
    public void Configure(EntityTypeBuilder<CorrectiveAction> builder)
    {
        builder.ToTable("corrective_actions");
        builder.Property(action => action.Id).ValueGeneratedNever();
        builder.Ignore(action => action.IsFinished);
        builder.Property(action => action.Priority).HasDefaultValue(CorrectiveActionPriority.Medium).HasSentinel((CorrectiveActionPriority)(-1));
        builder.Property(action => action.Title).HasMaxLength(CorrectiveAction.TitleMaxLength);
        builder.Property(action => action.Description).HasMaxLength(CorrectiveAction.DescriptionMaxLength);
        builder.Property(action => action.WontDoReason).HasMaxLength(CorrectiveAction.ReasonMaxLength);
        builder.Property(action => action.TrackerUrl).HasMaxLength(CorrectiveAction.TrackerUrlMaxLength);
        builder.Property(action => action.Version).IsRowVersion();
        builder.HasOne<Person>().WithMany().HasForeignKey(action => action.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(action => new { action.IncidentId, action.CreatedAt });
        builder.HasIndex(action => new { action.Status, action.DueDate });
        builder.HasIndex(action => action.OwnerId);
    }
}

internal sealed class SeverityChangeConfiguration : IEntityTypeConfiguration<SeverityChange>
{
    public void Configure(EntityTypeBuilder<SeverityChange> builder)
    {
        builder.ToTable("severity_changes");
        builder.Property(change => change.Id).ValueGeneratedNever();
        builder.Property(change => change.Reason).HasMaxLength(SeverityChange.ReasonMaxLength);
        builder.Property(change => change.ChangedByName).HasMaxLength(300);
        builder.HasIndex(change => new { change.IncidentId, change.ChangedAt });
    }
}

internal sealed class StatusUpdateConfiguration : IEntityTypeConfiguration<StatusUpdate>
{
    public void Configure(EntityTypeBuilder<StatusUpdate> builder)
    {
        builder.ToTable("status_updates");
        builder.Property(update => update.Id).ValueGeneratedNever();
        builder.Property(update => update.Text).HasMaxLength(StatusUpdate.TextMaxLength);
        builder.Property(update => update.AuthorName).HasMaxLength(300);
        builder.HasIndex(update => new { update.IncidentId, update.PostedAt });
        builder.Property(update => update.PublicStatus).HasConversion<string>().HasMaxLength(16);
        JsonColumns.AsJson(builder.Property(update => update.AffectedServices), JsonColumns.SameItems<AffectedService>());
    }
}

internal sealed class StatusPageSettingsConfiguration : IEntityTypeConfiguration<StatusPageSettings>
{
    public void Configure(EntityTypeBuilder<StatusPageSettings> builder)
    {
        builder.ToTable("status_page_settings", table =>
            table.HasCheckConstraint("ck_status_page_settings_one_row", $"id = {StatusPageSettings.SingletonId}"));
        builder.Property(settings => settings.Id).ValueGeneratedNever();
        builder.Property(settings => settings.Title).HasMaxLength(StatusPageSettings.TitleMaxLength);
        builder.Property(settings => settings.AllGoodMessage).HasMaxLength(StatusPageSettings.AllGoodMessageMaxLength);
        builder.Property(settings => settings.Version).IsRowVersion();
    }
}

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> builder)
    {
        builder.ToTable("timeline_events");
        builder.Property(entry => entry.Id).UseIdentityAlwaysColumn();
        builder.Property(entry => entry.Text).HasMaxLength(TimelineEvent.TextMaxLength);
        builder.Property(entry => entry.ActorName).HasMaxLength(300);
        builder.HasIndex(entry => new { entry.IncidentId, entry.OccurredAt, entry.Id });
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.Property(person => person.Id).ValueGeneratedNever();
        builder.Property(person => person.DisplayName).HasMaxLength(Person.DisplayNameMaxLength);
        builder.Property(person => person.Email).HasMaxLength(Person.EmailMaxLength);
        builder.HasIndex(person => person.Email).IsUnique();
        builder.HasIndex(person => new { person.DisplayName, person.Id });
    }
}

internal sealed class TimelineStarConfiguration : IEntityTypeConfiguration<TimelineStar>
{
    public void Configure(EntityTypeBuilder<TimelineStar> builder)
    {
        builder.ToTable("timeline_stars");
        builder.HasKey(star => star.TimelineEventId);
        builder.Property(star => star.TimelineEventId).ValueGeneratedNever();
        builder.Property(star => star.StarredByName).HasMaxLength(300);
        builder.HasOne<TimelineEvent>().WithMany().HasForeignKey(star => star.TimelineEventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(star => star.IncidentId);
    }
}

internal sealed class CorrectiveActionLinkConfiguration : IEntityTypeConfiguration<CorrectiveActionLink>
{
    public void Configure(EntityTypeBuilder<CorrectiveActionLink> builder)
    {
        builder.ToTable("corrective_action_links");
        builder.HasKey(link => new { link.IncidentId, link.ActionId });
        builder.Property(link => link.LinkedByName).HasMaxLength(300);
        builder.HasOne<CorrectiveAction>().WithMany().HasForeignKey(link => link.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(link => link.ActionId);
    }
}
