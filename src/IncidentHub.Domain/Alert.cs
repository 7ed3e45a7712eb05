namespace IncidentHub.Domain;

public enum AlertStatus
{
    Firing,
    Acknowledged,
    Resolved,
}

/// <summary>A link an alert carries: to the graph that fired it, a dashboard, a silence, a runbook.</summary>
public sealed record AlertLink(string Href, string Text);

/// <summary>
/// One alert from monitoring, deduplicated by its fingerprint within its source: repeats of it update it
/// (counted), and the same fingerprint after it resolved is a new alert. It belongs to one incident.
/// </summary>
public sealed class Alert
{
    public const int FingerprintMaxLength = 255;
    public const int TitleMaxLength = 1_024;
    public const int DescriptionMaxLength = 10_000;

    private Alert()
    {
    }

    public Guid Id { get; private set; }

    public Guid SourceId { get; private set; }

    public string Fingerprint { get; private set; } = "";

    /// <summary>Hash of what groups this alert with others (Alertmanager's groupKey, or the grouping labels).</summary>
    public string GroupKey { get; private set; } = "";

    public AlertStatus Status { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public Severity Severity { get; private set; }

    public string? Service { get; private set; }

    public Dictionary<string, string> Labels { get; private set; } = [];

    public Dictionary<string, string> Annotations { get; private set; } = [];

    public List<AlertLink> Links { get; private set; } = [];

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset? EndsAt { get; private set; }

    public DateTimeOffset FirstReceivedAt { get; private set; }

    public DateTimeOffset LastReceivedAt { get; private set; }

    public int TimesReceived { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public Guid IncidentId { get; private set; }

    /// <summary>This alert opened its incident (what the per-source storm limit counts).</summary>
    public bool OpenedIncident { get; private set; }

    /// <summary>Its first repeat was written on the timeline; later ones are only counted.</summary>
    public bool RepeatNoted { get; private set; }

    /// <summary>Concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public bool IsOpen => Status != AlertStatus.Resolved;

    public static Alert Fire(
        Guid sourceId, AlertSignal signal, Guid incidentId, bool openedIncident, DateTimeOffset now)
    {
        now = now.ToStored();
        return new Alert
        {
            Id = Guid.CreateVersion7(now),
            SourceId = sourceId,
            Fingerprint = signal.Fingerprint,
            GroupKey = signal.GroupKey,
            Status = AlertStatus.Firing,
            Title = signal.Title,
            Description = signal.Description,
            Severity = signal.Severity,
            Service = signal.Service,
            Labels = new Dictionary<string, string>(signal.Labels),
            Annotations = new Dictionary<string, string>(signal.Annotations),
            Links = [.. signal.Links],
            StartsAt = signal.StartsAt.ToStored(),
            FirstReceivedAt = now,
            LastReceivedAt = now,
            TimesReceived = 1,
            IncidentId = incidentId,
            OpenedIncident = openedIncident,
        };
    }

    /// <summary>
    /// The alert was sent again while open. Returns true the first time, when the repeat is worth one timeline
    /// entry; later repeats are only counted.
    /// </summary>
    public bool Repeat(AlertSignal signal, DateTimeOffset now)
    {
        now = now.ToStored();
        TimesReceived++;
        LastReceivedAt = now > LastReceivedAt ? now : LastReceivedAt;

        // What the sender says now is the freshest description; the labels stay as first received.
        Title = signal.Title;
        Description = signal.Description ?? Description;
        Annotations = new Dictionary<string, string>(signal.Annotations);
        if (signal.Links.Count > 0)
        {
            Links = [.. signal.Links];
        }

        if (RepeatNoted)
        {
            return false;
        }

        RepeatNoted = true;
        return true;
    }

    public bool Acknowledge(string by, DateTimeOffset now)
    {
        if (Status != AlertStatus.Firing)
        {
            return false;
        }

        Status = AlertStatus.Acknowledged;
        AcknowledgedAt = now.ToStored();
        AcknowledgedBy = by;
        return true;
    }

    /// <summary>A delivery that only repeats what is known (a second replica's copy of an acknowledgement).</summary>
    /// <summary>Counts <paramref name="times"/> more deliveries of this alert that change nothing else.</summary>
    public void Count(DateTimeOffset now, int times = 1)
    {
        now = now.ToStored();
        TimesReceived += times;
        LastReceivedAt = now > LastReceivedAt ? now : LastReceivedAt;
    }

    public bool Resolve(DateTimeOffset? endsAt, DateTimeOffset now)
    {
        if (Status == AlertStatus.Resolved)
        {
            return false;
        }

        now = now.ToStored();
        Status = AlertStatus.Resolved;
        ResolvedAt = now;
        EndsAt = (endsAt is { } ended && ended >= StartsAt ? ended : now).ToStored();
        TimesReceived++;
        LastReceivedAt = now > LastReceivedAt ? now : LastReceivedAt;
        return true;
    }

    public void MoveTo(Guid incidentId) => IncidentId = incidentId;

    /// <summary>"the alert "High latency" (S2, checkout)": how the timeline names an alert.</summary>
    public string Describe() =>
        $"\"{Title}\" ({Severity.Describe()}{(Service is null ? "" : $", {Service}")})";
}
