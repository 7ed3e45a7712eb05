using System.Security.Cryptography;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Data;

/// <summary>
/// A small, believable data set for trying the app: a few people and incidents spread over the
/// phases, each built through the domain so its timeline and history are what real use would leave.
/// </summary>
public static class DemoData
{
    /// <summary>
    /// Demo sign-ins, one per role; the passwords are printed by run.sh and written in the README (demo only).
    /// </summary>
    public static IReadOnlyList<(string Email, string Name, AccountRole Role, string Password)> DemoAccounts { get; } =
    [
        ("admin@example.com", "Ada Admin", AccountRole.Admin, "demo-admin-password"),
        ("alice@example.com", "Alice Ng", AccountRole.IncidentManager, "demo-alice-password"),
        ("bob@example.com", "Bob Okafor", AccountRole.Responder, "demo-bob-password"),
        ("carmen@example.com", "Carmen Diaz", AccountRole.Responder, "demo-carmen-password"),
        ("dev@example.com", "Dev Patel", AccountRole.Viewer, "demo-dev-password"),
    ];

    public static async Task<bool> SeedAsync(
        IncidentHubDbContext db, AccountRegistry accounts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Incidents.AnyAsync(cancellationToken))
        {
            return false;
        }

        var start = now.AddDays(-20);
        var people = new[]
        {
            Person.Create("Alice Ng", "alice@example.com", start),
            Person.Create("Bob Okafor", "bob@example.com", start),
            Person.Create("Carmen Diaz", "carmen@example.com", start),
            Person.Create("Dev Patel", "dev@example.com", start),
            Person.Create("Erin Walsh", "erin@example.com", start),
        };
        var existing = await db.People.Select(person => person.Email).ToListAsync(cancellationToken);
        db.People.AddRange(people.Where(person => !existing.Contains(person.Email)));
        var known = await db.Services.Select(service => service.Slug).ToListAsync(cancellationToken);
        db.Services.AddRange(Catalogue(start).Where(service => !known.Contains(service.Slug)));

        var (alice, bob, carmen, dev, erin) =
            (people[0].AsActor(), people[1].AsActor(), people[2].AsActor(), people[3].AsActor(), people[4].AsActor());

        var certificate = Declare(
            "Status page certificate expired",
            Severity.S4,
            IncidentSource.CustomerReport,
            ["status-page"],
            now.AddDays(-14),
            dev);
        certificate.AssignRole(IncidentRole.EngineerOnCall, dev, dev, now.AddDays(-14).AddMinutes(3));
        Walk(certificate, [Phase.Investigation, Phase.Containment], dev, now.AddDays(-14).AddMinutes(5));
        certificate.ChangePhase(
            Phase.Recovery,
            "Renewed certificate deployed; mitigation and resolution together.",
            null,
            dev,
            now.AddDays(-14).AddMinutes(40));
        certificate.AddCorrectiveAction(
            new CorrectiveActionDetails(
                "Alert 21 days before any certificate expires",
                null,
                CorrectiveActionKind.Detection,
                people[3].Id,
                DateOnly.FromDateTime(now.AddDays(-2).UtcDateTime),
                null),
            dev,
            now.AddDays(-13));
        certificate.ChangePhase(Phase.Learnings, null, null, dev, now.AddDays(-12));
        certificate.SaveReview(new IncidentReview
        {
            RootCauseSummary = "The status page certificate was renewed by hand and nobody owned the renewal.",
            WhatWentWell = "A customer told us within minutes.",
            WhatWentBadly = "No monitoring of certificate expiry.",
            FiveWhys =
            [
                "The certificate expired.",
                "Renewal was manual.",
                "The automation did not cover the status page.",
            ],
        }, alice, now.AddDays(-11));
        certificate.ChangePhase(Phase.Closed, null, null, alice, now.AddDays(-11).AddHours(1));

        var checkout = Declare(
            "Checkout API returning 502s",
            Severity.S1,
            IncidentSource.Monitoring,
            ["checkout-api", "payments"],
            now.AddMinutes(-42),
            bob,
            impactStarted: now.AddMinutes(-50));
        checkout.AssignRole(IncidentRole.EngineerOnCall, bob, bob, now.AddMinutes(-41));
        checkout.AssignRole(IncidentRole.IncidentManager, alice, bob, now.AddMinutes(-38));
        checkout.AssignRole(IncidentRole.CommunicationsManagerOnCall, carmen, alice, now.AddMinutes(-37));
        Walk(checkout, [Phase.Investigation, Phase.Containment], alice, now.AddMinutes(-35));
        checkout.AddTimelineEntry(
            "Error rate jumped right after deploy 2024.11.3 of checkout-api.",
            now.AddMinutes(-50),
            TimelineTag.ImpactStarted,
            bob,
            now.AddMinutes(-30));
        checkout.PostStatusUpdate(
            StatusAudience.External,
            "Some customers cannot complete checkout. We are investigating.",
            carmen,
            now.AddMinutes(-30));
        checkout.PostStatusUpdate(
            StatusAudience.Internal, "Rolling back checkout-api to the previous release.", carmen, now.AddMinutes(-12));

        var latency = Declare(
            "Elevated login latency in EU",
            Severity.Unknown,
            IncidentSource.CustomerReport,
            ["identity"],
            now.AddHours(-3),
            erin);
        latency.AssignRole(IncidentRole.EngineerOnCall, erin, erin, now.AddHours(-3).AddMinutes(2));
        latency.ChangePhase(Phase.Investigation, null, null, erin, now.AddHours(-3).AddMinutes(4));
        latency.ChangeSeverity(Severity.S3, "Only EU users, logins still succeed.", erin, now.AddHours(-2));

        var search = Declare(
            "Search index lagging behind writes",
            Severity.S2,
            IncidentSource.TeamMemberReport,
            ["search", "indexer"],
            now.AddDays(-1),
            dev);
        search.AssignRole(IncidentRole.EngineerOnCall, dev, dev, now.AddDays(-1).AddMinutes(5));
        search.AssignRole(IncidentRole.IncidentManager, alice, alice, now.AddDays(-1).AddMinutes(8));
        search.AssignRole(IncidentRole.CommunicationsManagerOnCall, carmen, alice, now.AddDays(-1).AddMinutes(9));
        Walk(
            search, [Phase.Investigation, Phase.Containment, Phase.Remediation], alice, now.AddDays(-1).AddMinutes(20));

        var webhooks = Declare(
            "Webhook deliveries delayed", Severity.S3, IncidentSource.Monitoring, ["webhooks"], now.AddDays(-4), bob);
        webhooks.AssignRole(IncidentRole.EngineerOnCall, bob, bob, now.AddDays(-4).AddMinutes(1));
        Walk(
            webhooks,
            [Phase.Investigation, Phase.Containment, Phase.Remediation, Phase.Recovery],
            bob,
            now.AddDays(-4).AddMinutes(10));
        webhooks.AddCorrectiveAction(
            new CorrectiveActionDetails(
                "Autoscale webhook workers on queue depth",
                "Queue depth above 10k for 5 minutes adds a worker.",
                CorrectiveActionKind.Prevention,
                people[1].Id,
                DateOnly.FromDateTime(now.AddDays(10).UtcDateTime),
                "https://tracker.example.com/OPS-311"),
            bob,
            now.AddDays(-3));

        var push = Declare(
            "Push notifications not delivered on Android",
            Severity.S3,
            IncidentSource.CustomerReport,
            ["notifications"],
            now.AddDays(-7),
            erin);
        push.AssignRole(IncidentRole.EngineerOnCall, erin, erin, now.AddDays(-7).AddMinutes(4));
        Walk(
            push,
            [Phase.Investigation, Phase.Containment, Phase.Remediation, Phase.Recovery],
            erin,
            now.AddDays(-7).AddMinutes(30));
        push.UpdateDetails(
            new IncidentDetailsChanges
            {
                NoCorrectiveActionsReason = "The provider fixed its outage; nothing for us to change.",
            },
            erin,
            now.AddDays(-6));
        push.ChangePhase(Phase.Learnings, null, null, erin, now.AddDays(-6).AddMinutes(5));

        var drill = Incident.Draft(
            new NewIncident
            {
                Title = "Database failover drill",
                Summary = "Planned failover of the primary database cluster.",
                Source = IncidentSource.TeamMemberReport,
                Severity = Severity.S4,
                Services = ["postgres"],
            },
            alice,
            now.AddHours(-6));

        var duplicate = Declare(
            "Disk usage alert on db-2",
            Severity.Unknown,
            IncidentSource.Monitoring,
            ["postgres"],
            now.AddDays(-1).AddMinutes(2),
            bob);

        // One at a time, oldest first, so that the numbers follow the order in which they were declared.
        foreach (var incident in new[] { certificate, push, webhooks, search, duplicate, drill, latency, checkout })
        {
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(cancellationToken);
        }

        duplicate.ChangePhase(
            Phase.Dismissed,
            "Same cause as the search indexer incident.",
            search.Number,
            bob,
            now.AddDays(-1).AddMinutes(6));
        await db.SaveChangesAsync(cancellationToken);

        AddAlerts(db, now);
        await db.SaveChangesAsync(cancellationToken);

        // Erin has no account: people without a sign-in can still hold roles and own actions.
        foreach (var (email, name, role, password) in DemoAccounts)
        {
            if (!await db.Accounts.AnyAsync(
                account => db.People.Any(person => person.Id == account.Id && person.Email == email),
                cancellationToken))
            {
                await accounts.CreateAsync(email, name, role, password, serviceAccount: false, cancellationToken);
            }
        }

        return true;
    }

    /// <summary>
    /// A Prometheus source whose alerts opened an incident that waits for triage. Its secret is unknown to anyone
    /// (a random hash): an admin makes a new one on the source's page to send real alerts to it.
    /// </summary>
    private static void AddAlerts(IncidentHubDbContext db, DateTimeOffset now)
    {
        var prometheus = AlertSource.Create(
            new AlertSourceSettings { Name = "Prometheus (demo)", Kind = AlertSourceKind.Alertmanager },
            Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            "ihsrc_demo",
            now.AddDays(-20));
        var sender = new Actor(null, $"{prometheus.Name} (alert source)");
        var firedAt = now.AddMinutes(-24);
        var triage = Incident.Draft(
            new NewIncident
            {
                Title = "High error rate on checkout-api",
                Summary = "Opened by alerts from Prometheus (demo) (group {alertname=\"HighErrorRate\", service=\"checkout-api\"}).",
                Source = IncidentSource.Monitoring,
                Severity = Severity.S2,
                Services = ["checkout-api"],
                ImpactStartedAt = firedAt.AddMinutes(-2),
                DetectedAt = firedAt,
            },
            sender,
            firedAt);
        db.AlertSources.Add(prometheus);
        db.Incidents.Add(triage);
        foreach (var (instance, offset) in new[] { ("checkout-api-1:8080", 0), ("checkout-api-2:8080", 3) })
        {
            var signal = new AlertSignal
            {
                Fingerprint = AlertReading.KeyOf(instance)[..16],
                Action = AlertAction.Fire,
                GroupKey = AlertReading.KeyOf("{}:{alertname=\"HighErrorRate\", service=\"checkout-api\"}"),
                GroupName = "{alertname=\"HighErrorRate\", service=\"checkout-api\"}",
                Title = "5xx rate above 5% on checkout-api",
                Description = $"{instance} answers 7% of requests with a 5xx over the last 5 minutes.",
                Severity = Severity.S2,
                Service = "checkout-api",
                Labels = new Dictionary<string, string>
                {
                    ["alertname"] = "HighErrorRate",
                    ["service"] = "checkout-api",
                    ["severity"] = "high",
                    ["instance"] = instance,
                },
                Annotations = new Dictionary<string, string>
                {
                    ["summary"] = "5xx rate above 5% on checkout-api",
                    ["runbook_url"] = "https://runbooks.example.com/checkout-api/errors",
                },
                Links =
                [
                    new AlertLink("https://prometheus.example.com/graph?g0.expr=job%3Ahttp_5xx%3Arate5m", "Source"),
                    new AlertLink("https://runbooks.example.com/checkout-api/errors", "Runbook"),
                ],
                StartsAt = firedAt.AddMinutes(offset - 2),
            };
            var alert = Alert.Fire(prometheus.Id, signal, triage.Id, openedIncident: offset == 0, firedAt.AddMinutes(offset));
            db.Alerts.Add(alert);
            triage.RecordAlert(
                $"Alert {alert.Describe()} {(offset == 0 ? "fired and opened this incident" : "fired and joined this incident")}.",
                signal.StartsAt,
                sender,
                firedAt.AddMinutes(offset));
        }
    }

    /// <summary>The services the demo incidents name, described, so that none of them waits for review.</summary>
    private static IEnumerable<Service> Catalogue(DateTimeOffset at) =>
        new ServiceDetails[]
        {
            new()
            {
                Slug = "checkout-api", Name = "Checkout API", OwnerTeam = "Commerce", ShownOnStatusPage = true,
                Description = "Takes baskets to orders: prices, stock holds and the hand-off to payments.",
                RunbookUrl = "https://runbooks.example.com/checkout-api",
            },
            new()
            {
                Slug = "payments", Name = "Payments", OwnerTeam = "Payments", ShownOnStatusPage = true,
                Description = "Card and wallet payments through the payment provider.",
                RunbookUrl = "https://runbooks.example.com/payments",
            },
            new()
            {
                Slug = "identity", Name = "Identity", OwnerTeam = "Platform", ShownOnStatusPage = true,
                Description = "Sign-in, sessions and single sign-on.",
                RunbookUrl = "https://runbooks.example.com/identity",
            },
            new()
            {
                Slug = "search", Name = "Search", OwnerTeam = "Discovery", ShownOnStatusPage = true,
                Description = "Product search on the shop and in the app.",
            },
            new()
            {
                Slug = "indexer", Name = "Search indexer", OwnerTeam = "Discovery",
                Description = "Feeds catalogue changes into the search index.",
                RunbookUrl = "https://runbooks.example.com/indexer",
            },
            new()
            {
                Slug = "webhooks", Name = "Webhooks", OwnerTeam = "Integrations", ShownOnStatusPage = true,
                Description = "Delivers order and payment events to partners' endpoints.",
            },
            new()
            {
                Slug = "notifications", Name = "Notifications", OwnerTeam = "Integrations", ShownOnStatusPage = true,
                Description = "Email and push notifications to customers.",
            },
            new()
            {
                Slug = "status-page", Name = "Status page", OwnerTeam = "Platform",
                Description = "The public status page at status.example.com.",
            },
            new()
            {
                Slug = "postgres", Name = "PostgreSQL", OwnerTeam = "Platform",
                Description = "The primary database cluster and its replicas.",
                RunbookUrl = "https://runbooks.example.com/postgres",
            },
        }.Select(details => Service.Describe(details, at));

    private static Incident Declare(
        string title,
        Severity severity,
        IncidentSource source,
        string[] services,
        DateTimeOffset at,
        Actor actor,
        DateTimeOffset? impactStarted = null) =>
        Incident.Declare(
            new NewIncident
            {
                Title = title,
                Severity = severity,
                Source = source,
                Services = services,
                ImpactStartedAt = impactStarted,
            },
            actor,
            at);

    private static void Walk(Incident incident, Phase[] phases, Actor actor, DateTimeOffset from)
    {
        var at = from;
        foreach (var phase in phases)
        {
            incident.ChangePhase(phase, null, null, actor, at);
            at = at.AddMinutes(7);
        }
    }
}
