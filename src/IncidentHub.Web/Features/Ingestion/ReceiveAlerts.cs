using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Security;
using IncidentHub.Web.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Ingestion;

public static class AlertIngestion
{
    /// <summary>Where alert sources send: <c>{PathPrefix}/{sourceId}</c>.</summary>
    public const string PathPrefix = "/api/v1/ingest";

    public static string PathOf(Guid sourceId) => $"{PathPrefix}/{sourceId}";
}

/// <summary>
/// Alerts from one source, already read and checked: deduplicated by fingerprint, grouped into open incidents, and
/// written on their timelines. The source's secret was checked by the endpoint, which is why this message asks for no
/// signed-in user.
/// </summary>
/// <param name="SourceId">The source the alerts came from.</param>
/// <param name="Signals">The alerts, as read from the delivery.</param>
/// <param name="Lead">Set when copies of this delivery may join it (<see cref="DeliveryCopies"/>).</param>
public sealed record ReceiveAlerts(Guid SourceId, IReadOnlyList<AlertSignal> Signals, DeliveryCopies.InFlight? Lead = null)
    : ICommand<IngestionOutcome>, IRequiresPermission
{
    public Permission Required => Permission.Anyone;
}

/// <summary>
/// The source a delivery is addressed to, read before its secret is checked (hence no signed-in user), or null.
/// </summary>
public sealed record FindAlertSource(Guid SourceId) : IQuery<AlertSource?>, IRequiresPermission
{
    public Permission Required => Permission.Anyone;
}

public sealed class FindAlertSourceHandler(IncidentHubDbContext db, AlertSourceCache sources)
    : IQueryHandler<FindAlertSource, AlertSource?>
{
    public async ValueTask<AlertSource?> Handle(FindAlertSource query, CancellationToken cancellationToken) =>
        await sources.FindAsync(db, query.SourceId, cancellationToken);
}

/// <summary>What one delivery did.</summary>
public sealed record IngestionOutcome(
    int Received, int Created, int Updated, int Resolved, int Ignored, IReadOnlyList<long> Incidents);

public sealed class ReceiveAlertsHandler(
    IncidentHubDbContext db,
    TimeProvider clock,
    IncidentOpenings openings,
    AlertSourceCache sources,
    WebhookPayloads payloads,
    WebhookSubscriptions subscriptions) : ICommandHandler<ReceiveAlerts, IngestionOutcome>
{
    /// <summary>
    /// Phases in which an incident still takes its group's new alerts. From Learnings on, the problem was resolved:
    /// a new firing is a new incident.
    /// </summary>
    private static readonly Phase[] TakesAlerts =
        [Phase.Preparation, Phase.Identification, Phase.Investigation, Phase.Containment, Phase.Remediation,
            Phase.Recovery];

    public async ValueTask<IngestionOutcome> Handle(ReceiveAlerts command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToStored();
        var run = new Delivery(db, openings, sources, payloads, subscriptions, command.SourceId, command.Lead, now);
        return await run.ApplyAsync(command.Signals, cancellationToken);
    }

    private sealed class Delivery(
        IncidentHubDbContext db,
        IncidentOpenings openings,
        AlertSourceCache sources,
        WebhookPayloads payloads,
        WebhookSubscriptions subscriptions,
        Guid sourceId, DeliveryCopies.InFlight? lead, DateTimeOffset now)
    {
        private readonly Dictionary<Guid, Incident> incidents = [];
        private readonly Dictionary<string, Incident> groupIncidents = new(StringComparer.Ordinal);
        private readonly HashSet<Guid> resolvedIn = [];
        private readonly HashSet<Incident> touched = [];
        private readonly HashSet<string> servicesNamed = new(StringComparer.Ordinal);
        private readonly List<Alert> fired = [];
        private readonly List<Alert> counted = [];
        private Guid[] copyIds = [];
        private AlertSource source = null!;
        private Actor actor = null!;
        private int created;
        private int updated;
        private int resolved;
        private int ignored;
        private int openingsLeft;
        private bool holdsSourceLock;

        public async Task<IngestionOutcome> ApplyAsync(IReadOnlyList<AlertSignal> received, CancellationToken token)
        {
            // Usually kept: the endpoint read it to check the secret. Read only, unless this delivery opens a storm.
            source = await sources.FindAsync(db, sourceId, token)
                ?? throw new NotFoundException("There is no such alert source.");
            actor = new Actor(null, $"{source.Name} (alert source)");

            // A payload that names one alert twice means its last word.
            var signals = received.GroupBy(signal => signal.Fingerprint, StringComparer.Ordinal)
                .Select(same => same.Last()).ToList();
            if (signals.Count == 0)
            {
                return new IngestionOutcome(0, 0, 0, 0, 0, []);
            }

            // Two replicas of Alertmanager deliver the same notification at the same moment: each alert and each group is
            // handled by one transaction at a time, so the second delivery sees what the first one wrote.
            await LockAsync([.. signals.SelectMany(signal =>
                new[] { LockKey("alert", signal.Fingerprint), LockKey("group", signal.GroupKey) })], token);

            var seen = await SeenAsync(signals, token);
            signals = await CountCopiesAsync(signals, seen, token);
            if (signals.Count == 0)
            {
                await CountJoinedCopiesAsync(token);
                return new IngestionOutcome(received.Count, 0, updated, 0, 0, []);
            }

            var groupKeys = signals.Where(signal => signal.Action == AlertAction.Fire)
                .Select(signal => signal.GroupKey).Distinct().ToArray();
            var groups = await GroupIncidentsAsync(groupKeys, token);
            var newGroups = groupKeys.Count(key => !groups.ContainsKey(key));
            if (newGroups > 0)
            {
                openingsLeft = await openings.ReserveAsync(source.Id, newGroups, source.MaxNewIncidentsPerMinute, now, token);
                if (openingsLeft < newGroups)
                {
                    // The storm incident of a source is chosen (and opened) by one transaction at a time; the lock comes
                    // before any incident's row lock, in the same order in every delivery.
                    await LockAsync([LockKey("source", sourceId.ToString())], token);
                    holdsSourceLock = true;
                    source = await db.AlertSources.SingleAsync(fresh => fresh.Id == sourceId, token);
                }
            }

            var signalled = signals.Select(signal => signal.Fingerprint).ToHashSet(StringComparer.Ordinal);
            Guid?[] wanted = [.. seen.Where(alert => alert.IsOpen && signalled.Contains(alert.Fingerprint))
                    .Select(alert => (Guid?)alert.IncidentId),
                .. groups.Values.Select(id => (Guid?)id), holdsSourceLock ? source.StormIncidentId : null];
            await LoadIncidentsAsync([.. wanted.OfType<Guid>().Distinct()], token);
            foreach (var (key, incidentId) in groups)
            {
                if (incidents.TryGetValue(incidentId, out var incident) && TakesAlerts.Contains(incident.Phase))
                {
                    groupIncidents[key] = incident;
                }
            }

            var seenFingerprints = seen.Select(alert => alert.Fingerprint).ToHashSet(StringComparer.Ordinal);
            var known = await KnownAlertsAsync(signalled.Where(seenFingerprints.Contains), token);
            foreach (var signal in signals)
            {
                await ApplyAsync(signal, known.Where(alert => alert.Fingerprint == signal.Fingerprint).ToList(), token);
            }

            await CountJoinedCopiesAsync(token);
            await db.EnsureListedAsync(servicesNamed, now, token);
            await db.SaveChangesAsync(token);

            // The new alerts are inserted by hand, out of the outbox's sight: their events are written here, once the
            // incidents they opened have their numbers, if anyone wants them.
            if (fired.Count > 0 && await subscriptions.MayWantAsync(db, WebhookEventTypes.AlertReceived, token))
            {
                db.WebhookEvents.AddRange(fired.Select(alert =>
                    payloads.Alert(alert, incidents.GetValueOrDefault(alert.IncidentId), resolved: false, now)));
                await db.SaveChangesAsync(token);
            }

            await InsertFiredAsync(token);
            await NoteEveryAlertResolvedAsync(token);
            return new IngestionOutcome(
                received.Count, created, updated, resolved, ignored,
                [.. touched.Select(incident => incident.Number).Order()]);
        }

        /// <summary>
        /// What is known of these alerts, in few columns: the open ones, and the ones resolved within a day (a late copy
        /// of a firing must not fire again). Each alert is looked up through its own index, one fingerprint at a time: a
        /// plan made while the table was small would otherwise scan every alert of the source, inside the locks.
        /// </summary>
        private async Task<List<SeenAlert>> SeenAsync(List<AlertSignal> signals, CancellationToken token)
        {
            var fingerprints = signals.Select(signal => signal.Fingerprint).ToArray();
            var resolvedSince = now.Add(-RecentlyResolved);
            return await db.Database.SqlQuery<SeenAlert>(
                $"""
                SELECT a.id, a.fingerprint, a.incident_id, a.status, a.last_received_at
                FROM unnest({fingerprints}) AS f(fingerprint)
                CROSS JOIN LATERAL (
                    SELECT id, fingerprint, incident_id, status, last_received_at FROM alerts
                    WHERE source_id = {sourceId} AND fingerprint = f.fingerprint
                        AND (status <> 'Resolved' OR resolved_at > {resolvedSince})
                    ORDER BY starts_at DESC LIMIT {KnownPerFingerprint}) AS a
                """).ToListAsync(token);
        }

        /// <summary>The alerts <see cref="SeenAsync"/> found, whole and tracked, for the signals that change them.</summary>
        private async Task<List<Alert>> KnownAlertsAsync(IEnumerable<string> seenFingerprints, CancellationToken token)
        {
            var fingerprints = seenFingerprints.ToArray();
            if (fingerprints.Length == 0)
            {
                return [];
            }

            var resolvedSince = now.Add(-RecentlyResolved);
            return await db.Alerts.FromSql(
                    $"""
                    SELECT a.* FROM unnest({fingerprints}) AS f(fingerprint)
                    CROSS JOIN LATERAL (
                        SELECT alerts.*, alerts.xmin FROM alerts
                        WHERE source_id = {sourceId} AND fingerprint = f.fingerprint
                            AND (status <> 'Resolved' OR resolved_at > {resolvedSince})
                        ORDER BY starts_at DESC LIMIT {KnownPerFingerprint}) AS a
                    """)
                .ToListAsync(token);
        }

        /// <summary>
        /// A firing alert received again within <see cref="CopyWindow"/> of its last delivery is a copy: the other
        /// Alertmanager replica's, or a retry. Copies are counted in one statement and change nothing else, so that
        /// an HA pair costs little and writes nothing on the timeline. Returns the signals left to apply.
        /// </summary>
        private async Task<List<AlertSignal>> CountCopiesAsync(
            List<AlertSignal> signals, List<SeenAlert> seen, CancellationToken token)
        {
            var open = seen.Where(alert => alert.IsOpen).ToDictionary(alert => alert.Fingerprint, StringComparer.Ordinal);
            var copies = signals.Where(signal => signal.Action == AlertAction.Fire
                    && open.TryGetValue(signal.Fingerprint, out var alert) && now - alert.LastReceivedAt < CopyWindow)
                .ToList();
            if (copies.Count == 0)
            {
                return signals;
            }

            copyIds = [.. copies.Select(signal => open[signal.Fingerprint].Id)];
            await CountAsync(copyIds, 1, token);
            updated += copies.Count;
            return [.. signals.Except(copies)];
        }

        /// <summary>
        /// The copies of this delivery that joined it in this process (<see cref="DeliveryCopies"/>) are counted on
        /// the alerts it counted, in its transaction; none join once this has run.
        /// </summary>
        private async Task CountJoinedCopiesAsync(CancellationToken token)
        {
            var joined = lead?.CloseToCopies() ?? 0;
            if (joined == 0)
            {
                return;
            }

            foreach (var alert in counted)
            {
                alert.Count(now, joined);
            }

            await CountAsync(copyIds, joined, token);
        }

        private async Task CountAsync(Guid[] ids, int times, CancellationToken token)
        {
            if (ids.Length == 0)
            {
                return;
            }

            await db.Alerts.Where(alert => ids.Contains(alert.Id)).ExecuteUpdateAsync(
                alert => alert
                    .SetProperty(copy => copy.TimesReceived, copy => copy.TimesReceived + times)
                    .SetProperty(copy => copy.LastReceivedAt, copy => copy.LastReceivedAt > now ? copy.LastReceivedAt : now),
                token);
        }

        private async Task ApplyAsync(AlertSignal signal, List<Alert> known, CancellationToken token)
        {
            var open = known.FirstOrDefault(alert => alert.IsOpen);
            switch (signal.Action)
            {
                case AlertAction.Fire when open is not null:
                    updated++;
                    counted.Add(open);
                    if (open.Repeat(signal, now))
                    {
                        Note(open, $"Alert {open.Describe()} is still firing; further repeats are counted on the alert.");
                    }

                    break;
                case AlertAction.Fire when known.Any(alert => alert.StartsAt == signal.StartsAt.ToStored()):
                    // A late copy of a firing that has since resolved (the other replica's, or a retry): not a new firing.
                    ignored++;
                    var late = known.First(alert => alert.StartsAt == signal.StartsAt.ToStored());
                    late.Count(now);
                    counted.Add(late);
                    break;
                case AlertAction.Fire:
                    await FireAsync(signal, firedBefore: known.Count > 0, token);
                    break;
                case AlertAction.Acknowledge when open is not null:
                    updated++;
                    open.Count(now);
                    counted.Add(open);
                    if (open.Acknowledge(actor.Name, now))
                    {
                        Note(open, $"Alert {open.Describe()} was acknowledged by its sender.");
                    }

                    break;
                case AlertAction.Resolve when open is not null:
                    resolved++;
                    counted.Add(open);
                    open.Resolve(signal.EndsAt, now);
                    resolvedIn.Add(open.IncidentId);
                    Note(open, $"Alert {open.Describe()} resolved.", signal.EndsAt);
                    break;
                default:
                    // Resolving or acknowledging what is not open: already done, or never seen here.
                    ignored++;
                    if (known.FirstOrDefault() is { } last)
                    {
                        last.Count(now);
                        counted.Add(last);
                    }

                    break;
            }
        }

        private async Task FireAsync(AlertSignal signal, bool firedBefore, CancellationToken token)
        {
            created++;
            var opened = false;
            if (!groupIncidents.TryGetValue(signal.GroupKey, out var incident))
            {
                if (openingsLeft == 0 && !holdsSourceLock)
                {
                    // The group's incident was moved on between its read and its row lock (rare). Without the source's
                    // lock this delivery cannot choose the storm incident: it counts one more opening and opens the
                    // incident even if that passes the limit by one, rather than lose the alert or make its sender retry.
                    await openings.ReserveAsync(source.Id, 1, source.MaxNewIncidentsPerMinute, now, token);
                    openingsLeft = 1;
                }

                if (openingsLeft > 0)
                {
                    incident = Open(signal);
                    opened = true;
                    openingsLeft--;
                }
                else
                {
                    incident = await StormIncidentAsync(token);
                }

                groupIncidents[signal.GroupKey] = incident;
            }

            if (signal.Service is { } service)
            {
                servicesNamed.Add(service);
            }

            var alert = Alert.Fire(source.Id, signal, incident.Id, opened, now);
            fired.Add(alert);
            counted.Add(alert);
            var what = opened ? "fired and opened this incident"
                : firedBefore ? "fired again"
                : $"fired and joined this incident (group {signal.GroupName})";
            Note(alert, $"Alert {alert.Describe()} {what}.", signal.StartsAt);
        }

        private Incident Open(AlertSignal signal)
        {
            var details = new NewIncident
            {
                Title = AlertReading.Clip(signal.Title, NewIncident.TitleMaxLength),
                Summary = AlertReading.Clip(
                    $"Opened by alerts from {source.Name} (group {signal.GroupName})."
                        + (signal.Description is { } description ? "\n\n" + description : ""),
                    NewIncident.SummaryMaxLength),
                Source = IncidentSource.Monitoring,
                Severity = signal.Severity,
                Services = signal.Service is { } service ? [service] : [],
                ImpactStartedAt = signal.StartsAt <= now ? signal.StartsAt : now,
                DetectedAt = now,
            };
            return Add(source.DeclareImmediately
                ? Incident.Declare(details, actor, now)
                : Incident.Draft(details, actor, now));
        }

        private async Task<Incident> StormIncidentAsync(CancellationToken token)
        {
            if (source.StormIncidentId is { } stormId && incidents.TryGetValue(stormId, out var storm)
                && TakesAlerts.Contains(storm.Phase))
            {
                return storm;
            }

            var details = new NewIncident
            {
                Title = AlertReading.Clip($"Alert storm from {source.Name}", NewIncident.TitleMaxLength),
                Summary = $"{source.Name} opened {source.MaxNewIncidentsPerMinute} incidents within a minute, its limit. "
                    + "Its further alerts of new groups are held here until this incident is closed; the alerts panel "
                    + "says how many.",
                Source = IncidentSource.Monitoring,
                Severity = Severity.Unknown,
                DetectedAt = now,
            };
            storm = Add(source.DeclareImmediately
                ? Incident.Declare(details, actor, now)
                : Incident.Draft(details, actor, now));

            // Saved now so that the source can point at it.
            await db.SaveChangesAsync(token);
            source.HoldStormIn(storm.Id);
            return storm;
        }

        private Incident Add(Incident incident)
        {
            db.Incidents.Add(incident);
            incidents[incident.Id] = incident;
            touched.Add(incident);
            return incident;
        }

        private void Note(Alert alert, string text, DateTimeOffset? occurredAt = null)
        {
            if (!incidents.TryGetValue(alert.IncidentId, out var incident))
            {
                return;
            }

            incident.RecordAlert(AlertReading.Clip(text, TimelineEvent.TextMaxLength), occurredAt, actor, now);
            touched.Add(incident);
        }

        /// <summary>
        /// An incident whose last open alert resolved says so; the source may ask to move it to Remediation, which
        /// happens only where the exit rules allow it. People decide otherwise.
        /// </summary>
        private async Task NoteEveryAlertResolvedAsync(CancellationToken token)
        {
            if (resolvedIn.Count == 0)
            {
                return;
            }

            var ids = resolvedIn.ToArray();
            var allResolved = await db.Alerts.Where(alert => ids.Contains(alert.IncidentId))
                .GroupBy(alert => alert.IncidentId)
                .Where(group => group.All(alert => alert.Status == AlertStatus.Resolved))
                .Select(group => new { group.Key, Count = group.Count() })
                .ToListAsync(token);
            foreach (var (id, count) in allResolved.Select(group => (group.Key, group.Count)))
            {
                if (!incidents.TryGetValue(id, out var incident))
                {
                    continue;
                }

                incident.RecordAlert(
                    count == 1 ? "Its only alert has resolved." : $"All {count} alerts of this incident have resolved.",
                    null,
                    actor,
                    now);
                if (source.MitigateWhenResolved && incident.Phase < Phase.Remediation && !incident.Phase.IsTerminal())
                {
                    try
                    {
                        await LoadRulesStateAsync(incident, token);
                        incident.ChangePhase(Phase.Remediation, null, null, actor, now);
                    }
                    catch (RuleViolationException refused)
                    {
                        incident.RecordAlert(
                            $"Not moved to Remediation: {refused.Message}", null, actor, now);
                    }
                }
            }

            await db.SaveChangesAsync(token);
        }

        /// <summary>
        /// The new alerts, in one statement rather than one each through the change tracker (after the incidents they
        /// belong to are saved). Nothing reads them back in this delivery. The columns are the <c>alerts</c> table's;
        /// the ingestion tests read every one of them back.
        /// </summary>
        private async Task InsertFiredAsync(CancellationToken token)
        {
            if (fired.Count == 0)
            {
                return;
            }

            var rows = JsonSerializer.Serialize(fired, Rows);
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO alerts (id, source_id, fingerprint, group_key, status, title, description, severity, service,
                    labels, annotations, links, starts_at, ends_at, first_received_at, last_received_at, times_received,
                    acknowledged_at, acknowledged_by, resolved_at, incident_id, opened_incident, repeat_noted)
                SELECT "Id", "SourceId", "Fingerprint", "GroupKey", "Status", "Title", "Description", "Severity", "Service",
                    "Labels", "Annotations", "Links", "StartsAt", "EndsAt", "FirstReceivedAt", "LastReceivedAt",
                    "TimesReceived", "AcknowledgedAt", "AcknowledgedBy", "ResolvedAt", "IncidentId", "OpenedIncident",
                    "RepeatNoted"
                FROM jsonb_to_recordset({rows}::jsonb) AS r("Id" uuid, "SourceId" uuid, "Fingerprint" text,
                    "GroupKey" text, "Status" text, "Title" text, "Description" text, "Severity" text, "Service" text,
                    "Labels" jsonb, "Annotations" jsonb, "Links" jsonb, "StartsAt" timestamptz, "EndsAt" timestamptz,
                    "FirstReceivedAt" timestamptz, "LastReceivedAt" timestamptz, "TimesReceived" integer,
                    "AcknowledgedAt" timestamptz, "AcknowledgedBy" text, "ResolvedAt" timestamptz, "IncidentId" uuid,
                    "OpenedIncident" boolean, "RepeatNoted" boolean)
                """,
                token);
            fired.Clear();
        }

        /// <summary>What the exit rules read, which <see cref="LoadIncidentsAsync"/> leaves out.</summary>
        private async Task LoadRulesStateAsync(Incident incident, CancellationToken token)
        {
            var entry = db.Entry(incident);
            await entry.Collection(loaded => loaded.RoleAssignments).Query()
                .Where(assignment => assignment.Until == null).LoadAsync(token);
            await entry.Collection(loaded => loaded.CorrectiveActions).LoadAsync(token);
        }

        private async Task<Dictionary<string, Guid>> GroupIncidentsAsync(string[] groupKeys, CancellationToken token)
        {
            if (groupKeys.Length == 0)
            {
                return [];
            }

            var phases = TakesAlerts.Select(phase => phase.ToString()).ToArray();
            var rows = await db.Database.SqlQuery<GroupIncident>(
                $"""
                SELECT k.group_key, latest.incident_id
                FROM unnest({groupKeys}) AS k(group_key)
                CROSS JOIN LATERAL (
                    SELECT a.incident_id FROM alerts AS a JOIN incidents AS i ON i.id = a.incident_id
                    WHERE a.source_id = {sourceId} AND a.group_key = k.group_key AND i.phase = ANY({phases})
                    ORDER BY a.first_received_at DESC LIMIT 1) AS latest
                """).ToListAsync(token);
            return rows.ToDictionary(row => row.GroupKey, row => row.IncidentId, StringComparer.Ordinal);
        }

        /// <summary>
        /// Every incident this delivery may write, row-locked in one order so that deliveries cannot deadlock. Without
        /// their roles and corrective actions: only moving one to Remediation reads those (<see cref="LoadRulesStateAsync"/>).
        /// </summary>
        private async Task LoadIncidentsAsync(Guid[] ids, CancellationToken token)
        {
            if (ids.Length == 0)
            {
                return;
            }

            foreach (var incident in await db.Incidents
                         .FromSql($"SELECT *, xmin FROM incidents WHERE id = ANY({ids}) ORDER BY number FOR UPDATE")
                         .ToListAsync(token))
            {
                incidents[incident.Id] = incident;
            }
        }

        private async Task LockAsync(long[] keys, CancellationToken token)
        {
            Array.Sort(keys);
            var distinct = keys.Distinct().ToArray();

            // The subquery sorts first, so the locks are taken in key order whatever plan PostgreSQL picks.
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest({distinct}) AS k ORDER BY k OFFSET 0) AS keys",
                token);
        }

        private long LockKey(string kind, string value) => BinaryPrimitives.ReadInt64BigEndian(
            SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceId:N}\u001f{kind}\u001f{value}")));
    }

    /// <summary>Within this time of its last delivery, a firing alert sent again is a copy, not a repeat.</summary>
    public static readonly TimeSpan CopyWindow = TimeSpan.FromSeconds(10);

    private sealed record GroupIncident(string GroupKey, Guid IncidentId);

    /// <summary>How long a resolved alert is remembered, so that a late copy of its firing does not fire it again.</summary>
    private static readonly TimeSpan RecentlyResolved = TimeSpan.FromDays(1);

    private const int KnownPerFingerprint = 10;

    /// <summary>
    /// New alerts as rows for <c>jsonb_to_recordset</c>: property names as declared, enums by name (as the columns hold
    /// them), and labels, annotations and links as the change tracker would write them.
    /// </summary>
    private static readonly JsonSerializerOptions Rows = new(JsonSerializerOptions.Default)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record SeenAlert(
        Guid Id, string Fingerprint, Guid IncidentId, string Status, DateTimeOffset LastReceivedAt)
    {
        public bool IsOpen => Status != nameof(AlertStatus.Resolved);
    }
}
