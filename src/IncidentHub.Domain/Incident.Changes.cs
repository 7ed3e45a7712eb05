using System.Globalization;

namespace IncidentHub.Domain;

public sealed partial class Incident
{
    /// <summary>Applies a partial update of the descriptive fields; returns false when nothing changed.</summary>
    public bool UpdateDetails(IncidentDetailsChanges changes, Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        now = now.ToStored();
        var title = changes.Title.IsSet ? changes.Title.Value.Trim() : Title;
        var summary = changes.Summary.GetValueOr(Summary);
        var source = changes.Source.IsSet ? changes.Source.Value : Source;
        var services = changes.Services.IsSet ? NormalizeServices(changes.Services.Value) : Services;
        var impactStartedAt = changes.ImpactStartedAt.IsSet
            ? changes.ImpactStartedAt.Value.ToStored()
            : ImpactStartedAt;
        var detectedAt = changes.DetectedAt.IsSet ? changes.DetectedAt.Value.ToStored() : DetectedAt;
        var statement = changes.NoCorrectiveActionsReason.IsSet
            ? Normalize(changes.NoCorrectiveActionsReason.Value)
            : NoCorrectiveActionsReason;

        // Checked before anything is applied, so that a refused change leaves the incident as it was.
        EnsureChronology(impactStartedAt, detectedAt, now);

        var changed = new List<string>();
        Track(title != Title, "title");
        Track(summary != Summary, "summary");
        Track(source != Source, "source");
        Track(!services.SequenceEqual(Services), "services");
        Track(impactStartedAt != ImpactStartedAt, "impact start");
        Track(detectedAt != DetectedAt, "detection time");
        Track(statement != NoCorrectiveActionsReason, "statement on corrective actions");
        if (changed.Count == 0)
        {
            return false;
        }

        (Title, Summary, Source, Services, ImpactStartedAt, DetectedAt, NoCorrectiveActionsReason) =
            (title, summary, source, services, impactStartedAt, detectedAt, statement);
        Append(TimelineEventKind.DetailsUpdated, $"Updated the {string.Join(", ", changed)}.", actor, now);
        Touch(now);
        return true;

        void Track(bool differs, string field)
        {
            if (differs)
            {
                changed.Add(field);
            }
        }
    }

    /// <summary>
    /// Sets a new severity and keeps the change; returns false when the severity is already <paramref name="to"/>.
    /// Once the incident is declared, a change needs a reason: severity drives the exit rules and the
    /// communication cadence, so the history must say why it moved. A draft is still being triaged.
    /// </summary>
    public bool ChangeSeverity(Severity to, string? reason, Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        if (Severity == to)
        {
            return false;
        }

        now = now.ToStored();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null && SeverityChangeNeedsReason)
        {
            throw new DomainValidationException("reason", "Say why the severity changes (what is affected now).");
        }

        severityChanges.Add(new SeverityChange(Id, Severity, to, reason, actor, now));
        var text = Severity is { } from
            ? $"Severity changed from {from.Describe()} to {to.Describe()}."
            : $"Severity set to {to.Describe()}.";
        Severity = to;
        WorstSeverity = Worse(WorstSeverity, to);
        Append(TimelineEventKind.SeverityChanged, reason is null ? text : $"{text} Reason: {reason}", actor, now);
        Touch(now);
        return true;
    }

    /// <summary>
    /// Gives a role to a person, handing it over from its current holder; returns false when they already hold it.
    /// </summary>
    public bool AssignRole(IncidentRole role, Actor holder, Actor assignedBy, DateTimeOffset now)
    {
        if (holder.PersonId is null)
        {
            throw new ArgumentException("A role is held by a person.", nameof(holder));
        }

        EnsureNotDismissed();
        var current = HolderOf(role);
        if (current?.PersonId == holder.PersonId)
        {
            return false;
        }

        now = now.ToStored();
        current?.End(assignedBy, now);
        roleAssignments.Add(new RoleAssignment(Id, role, holder, assignedBy, now));
        var text = current is null
            ? $"{holder.Name} assigned as {role.Describe()}."
            : $"{role.Describe()} handed over from {current.PersonName} to {holder.Name}.";
        Append(TimelineEventKind.RoleAssigned, text, assignedBy, now);
        Touch(now);
        return true;
    }

    /// <summary>Leaves a role empty; returns false when nobody held it.</summary>
    public bool UnassignRole(IncidentRole role, Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        if (HolderOf(role) is not { } current)
        {
            return false;
        }

        now = now.ToStored();
        current.End(actor, now);
        Append(TimelineEventKind.RoleUnassigned, $"{current.PersonName} is no longer {role.Describe()}.", actor, now);
        Touch(now);
        return true;
    }

    /// <summary>
    /// A person's own entry, possibly about something that happened earlier. An entry tagged
    /// <see cref="TimelineTag.ImpactStarted"/> or <see cref="TimelineTag.ImpactDetected"/> reports that
    /// milestone: it moves the impact start or the detection time to its own time when that is earlier
    /// (the earliest report wins), within the same order rules as typing the time in the details.
    /// The other tags only mark the entry: mitigation and resolution are the phase moves, which pass
    /// their exit rules.
    /// </summary>
    public TimelineEvent AddTimelineEntry(
        string text, DateTimeOffset? occurredAt, TimelineTag? tag, Actor actor, DateTimeOffset now)
    {
        now = now.ToStored();
        occurredAt = occurredAt.ToStored();
        if (occurredAt > now)
        {
            throw new DomainValidationException("occurredAt", "A timeline entry cannot be about the future.");
        }

        var at = occurredAt ?? now;
        var impactStartedAt = tag == TimelineTag.ImpactStarted && !(ImpactStartedAt <= at) ? at : ImpactStartedAt;
        var detectedAt = tag == TimelineTag.ImpactDetected && !(DetectedAt <= at) ? at : DetectedAt;
        try
        {
            EnsureChronology(impactStartedAt, detectedAt, now);
        }
        catch (DomainValidationException refused)
        {
            // The entry's time is what broke the order: say so at the field the person filled in.
            throw new DomainValidationException("occurredAt", refused.Message);
        }

        Append(TimelineEventKind.Note, text.Trim(), actor, now, occurredAt, tag);
        var entry = timeline[^1];
        if (impactStartedAt != ImpactStartedAt || detectedAt != DetectedAt)
        {
            var milestone = impactStartedAt != ImpactStartedAt ? "impact start" : "detection time";
            (ImpactStartedAt, DetectedAt) = (impactStartedAt, detectedAt);
            var note = string.Create(
                CultureInfo.InvariantCulture,
                $"Set the {milestone} to {at:yyyy-MM-dd HH:mm} UTC from an entry marked {tag!.Value.Describe()}.");
            Append(TimelineEventKind.DetailsUpdated, note, actor, now);
        }

        Touch(now);
        return entry;
    }

    /// <summary>
    /// Posts an update. An external one carries a public status (by default what the phase says) and the affected
    /// services with their impact (by default every service of the incident, at the impact the severity suggests); an
    /// internal one carries neither. Either restarts its audience's cadence (<see cref="UpdateCadence"/>).
    /// </summary>
    public StatusUpdate PostStatusUpdate(
        StatusAudience audience,
        string text,
        Actor author,
        DateTimeOffset now,
        PublicStatus? publicStatus = null,
        IReadOnlyList<AffectedService>? affectedServices = null)
    {
        EnsureNotDismissed();
        now = now.ToStored();
        List<AffectedService> affected = [];
        if (audience == StatusAudience.Internal)
        {
            if (publicStatus is not null)
            {
                throw new DomainValidationException("publicStatus", "Only an external update has a public status.");
            }

            if (affectedServices is { Count: > 0 })
            {
                throw new DomainValidationException(
                    "affectedServices", "Only an external update names affected services for the status page.");
            }
        }
        else
        {
            publicStatus ??= UpdateCadence.StageOf(Phase) ?? Domain.PublicStatus.Investigating;
            affected = affectedServices is null
                ? [.. Services.Select(service =>
                    new AffectedService(service, UpdateCadence.DefaultImpact(publicStatus.Value, Severity)))]
                : CheckAffected(affectedServices);
        }

        var update = new StatusUpdate(Id, audience, text.Trim(), author, now, publicStatus, affected);
        statusUpdates.Add(update);
        if (audience == StatusAudience.External)
        {
            LastExternalUpdateAt = now;
        }
        else
        {
            LastInternalUpdateAt = now;
        }

        var statusPage = publicStatus is { } status
            ? $" [{string.Join("; ", affected
                .Select(service => $"{service.Service}: {service.Impact.Describe()}")
                .Prepend(status.ToString()))}]"
            : "";
        Append(
            TimelineEventKind.StatusUpdate, $"{audience.Describe()} status update: {update.Text}{statusPage}", author, now);
        Touch(now);
        return update;
    }

    private List<AffectedService> CheckAffected(IReadOnlyList<AffectedService> affectedServices)
    {
        var checkedServices = new List<AffectedService>();
        for (var index = 0; index < affectedServices.Count; index++)
        {
            var slug = ServiceSlug.From(affectedServices[index].Service ?? "");
            if (!Services.Contains(slug, StringComparer.Ordinal))
            {
                throw new DomainValidationException(
                    $"affectedServices[{index}].service",
                    Services.Count == 0
                        ? "This incident names no service yet; add the service to the incident first."
                        : $"Name one of this incident's services: {string.Join(", ", Services)}.");
            }

            if (checkedServices.Any(service => service.Service == slug))
            {
                throw new DomainValidationException(
                    $"affectedServices[{index}].service", "Name each service once.");
            }

            checkedServices.Add(new AffectedService(slug, affectedServices[index].Impact));
        }

        return checkedServices;
    }

    public CorrectiveAction AddCorrectiveAction(CorrectiveActionDetails details, Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        now = now.ToStored();
        var action = new CorrectiveAction(Id, details, now);
        correctiveActions.Add(action);
        Append(
            TimelineEventKind.CorrectiveActionAdded,
            $"Added {action.Kind.Describe()} corrective action \"{action.Title}\".",
            actor,
            now);
        Touch(now);
        return action;
    }

    /// <summary>Changes one of this incident's corrective actions; returns false when nothing changed.</summary>
    public bool UpdateCorrectiveAction(Guid actionId, CorrectiveActionChanges changes, Actor actor, DateTimeOffset now)
    {
        now = now.ToStored();
        var action = correctiveActions.FirstOrDefault(candidate => candidate.Id == actionId)
            ?? throw new KeyNotFoundException($"Corrective action {actionId} does not belong to {Reference}.");
        if (action.Apply(changes, now) is not { } description)
        {
            return false;
        }

        Append(
            TimelineEventKind.CorrectiveActionUpdated,
            $"Updated corrective action \"{action.Title}\": {description}.",
            actor,
            now);
        Touch(now);
        return true;
    }

    /// <summary>
    /// Links another incident's corrective action to this one, which it also answers (it then counts for this
    /// incident's exit rules too); returns false when it is already linked.
    /// </summary>
    public bool LinkCorrectiveAction(Guid actionId, string actionTitle, string ownerReference, Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        if (correctiveActions.Any(action => action.Id == actionId))
        {
            throw new DomainValidationException("incident", $"This corrective action is already {Reference}'s own.");
        }

        if (linkedActions.Any(link => link.ActionId == actionId))
        {
            return false;
        }

        now = now.ToStored();
        linkedActions.Add(new CorrectiveActionLink(Id, actionId, actor, now));
        Append(
            TimelineEventKind.CorrectiveActionAdded,
            $"Linked corrective action \"{actionTitle}\" of {ownerReference}: it answers this incident too.",
            actor,
            now);
        Touch(now);
        return true;
    }

    public bool UnlinkCorrectiveAction(Guid actionId, string actionTitle, string ownerReference, Actor actor, DateTimeOffset now)
    {
        if (linkedActions.FirstOrDefault(link => link.ActionId == actionId) is not { } link)
        {
            return false;
        }

        now = now.ToStored();
        linkedActions.Remove(link);
        Append(
            TimelineEventKind.CorrectiveActionUpdated,
            $"Unlinked corrective action \"{actionTitle}\" of {ownerReference}.",
            actor,
            now);
        Touch(now);
        return true;
    }

    /// <summary>
    /// What an alert did (joined, repeated, resolved, fired again), written by its source. An alert's own time is
    /// kept when it is not in the future (a sender's clock may run ahead).
    /// </summary>
    public void RecordAlert(string text, DateTimeOffset? occurredAt, Actor source, DateTimeOffset now)
    {
        now = now.ToStored();
        occurredAt = occurredAt.ToStored();
        Append(TimelineEventKind.Alert, text, source, now, occurredAt is { } at && at <= now ? at : null);
        Touch(now);
    }

    /// <summary>Another incident's alerts moved here, or this incident's alerts moved to another one.</summary>
    public void RecordMerge(string text, Actor actor, DateTimeOffset now)
    {
        now = now.ToStored();
        Append(TimelineEventKind.Merged, text, actor, now);
        Touch(now);
    }
}
