using System.Data.Common;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Insights;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace IncidentHub.Web.Observability;

/// <summary>
/// What <c>/metrics</c> shows, in this app's own registry (so that two apps in one process, as in the tests, never
/// mix): the domain's counters and gauge, Npgsql's connection-pool instruments and the process's own figures. Only
/// counts leave through it — never a title, a name or an email.
/// </summary>
public sealed partial class IncidentHubMetrics : IDisposable
{
    /// <summary>
    /// Scrapes every few seconds from several Prometheus servers still cost one grouped query per interval.
    /// </summary>
    private static readonly TimeSpan OpenIncidentsLifetime = TimeSpan.FromSeconds(5);

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly ILogger<IncidentHubMetrics> logger;
    private readonly Counter declared;
    private readonly Counter phaseChanges;
    private readonly Gauge openIncidents;
    private readonly Gauge externalUpdatesOverdue;
    private readonly Gauge insightsCacheBytes;
    private readonly IDisposable npgsqlInstruments;
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private DateTimeOffset openIncidentsCountedAt = DateTimeOffset.MinValue;

    public IncidentHubMetrics(
        IServiceScopeFactory scopes, TimeProvider clock, InsightMonthCache insights, ILogger<IncidentHubMetrics> logger)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.logger = logger;
        var metrics = Metrics.WithCustomRegistry(Registry);
        declared = metrics.CreateCounter("incidenthub_incidents_declared_total",
            "Incidents declared (a draft counts when it leaves Preparation), by severity when declared.", "severity");
        phaseChanges = metrics.CreateCounter("incidenthub_phase_changes_total",
            "Committed phase changes of incidents, by the phase left and the phase entered.", "from", "to");
        openIncidents = metrics.CreateGauge("incidenthub_open_incidents",
            "Incidents neither Closed nor Dismissed, by severity and phase, counted at most every 5 seconds.",
            "severity", "phase");
        externalUpdatesOverdue = metrics.CreateGauge("incidenthub_external_updates_overdue",
            "Open incidents whose next external status update is overdue (UpdateCadence), by severity, counted at most "
            + "every 5 seconds.", "severity");
        insightsCacheBytes = metrics.CreateGauge("incidenthub_insights_cache_bytes",
            "What this instance keeps of the insights' rollups in memory, roughly (IncidentHub:Insights:CacheMegabytes bounds it).");
        DotNetStats.Register(Registry);

        // Npgsql reports its pool (connections idle and used, the maximum, waiting requests) and command durations
        // through the .NET Meter API; the adapter turns exactly those instruments into Prometheus metrics.
        npgsqlInstruments = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = metrics,
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == "Npgsql",
        });
        Registry.AddBeforeCollectCallback(CountOpenIncidentsAsync);
        Registry.AddBeforeCollectCallback(() => insightsCacheBytes.Set(insights.Bytes));
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void Declared(Severity? severity) => declared.WithLabels(Label(severity)).Inc();

    public void PhaseChanged(Phase from, Phase to) => phaseChanges.WithLabels(from.ToString(), to.ToString()).Inc();

    public void Dispose()
    {
        npgsqlInstruments.Dispose();
        refreshing.Dispose();
    }

    private static string Label(Severity? severity) => severity?.ToString() ?? "none";

    private async Task CountOpenIncidentsAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            // A clock set back (as the tests' fake clock is) counts as stale.
            var age = clock.GetUtcNow() - openIncidentsCountedAt;
            if (age >= TimeSpan.Zero && age < OpenIncidentsLifetime)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
            var counts = await db.Incidents.AsNoTracking()
                .Where(incident => incident.Phase != Phase.Closed && incident.Phase != Phase.Dismissed)
                .GroupBy(incident => new { incident.Severity, incident.Phase })
                .Select(group => new { group.Key.Severity, group.Key.Phase, Count = group.Count() })
                .ToListAsync(cancellationToken);

            var now = clock.GetUtcNow();
            var overdue = await db.Incidents.AsNoTracking()
                .Where(incident => incident.NextExternalUpdateDueAt < now)
                .GroupBy(incident => incident.Severity)
                .Select(group => new { Severity = group.Key, Count = group.Count() })
                .ToListAsync(cancellationToken);

            // Every severity and open phase gets a value, zero included, so a series never vanishes when it empties.
            foreach (var severity in Enum.GetValues<Severity>().Select(severity => (Severity?)severity).Append(null))
            {
                externalUpdatesOverdue.WithLabels(Label(severity))
                    .Set(overdue.FirstOrDefault(row => row.Severity == severity)?.Count ?? 0);
                foreach (var phase in PhaseFacts.Lifecycle)
                {
                    var count =
                        counts.FirstOrDefault(row => row.Severity == severity && row.Phase == phase)?.Count ?? 0;
                    openIncidents.WithLabels(Label(severity), phase.ToString()).Set(count);
                }
            }

            openIncidentsCountedAt = clock.GetUtcNow();
        }
        catch (DbException failure)
        {
            // The last counts stay; the scrape still carries HTTP, pool and process metrics while the database is away.
            LogCountFailed(logger, failure.Message);
        }
        finally
        {
            refreshing.Release();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not count the open incidents for /metrics: {Reason}")]
    private static partial void LogCountFailed(ILogger logger, string reason);
}
