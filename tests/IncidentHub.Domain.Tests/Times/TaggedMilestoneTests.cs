namespace IncidentHub.Domain.Tests.Times;

/// <summary>
/// Timeline entries tagged Impact started or Impact detected report those milestones: the earliest
/// report wins, the order rules still hold, and the other tags only mark the entry.
/// </summary>
public sealed class TaggedMilestoneTests
{
    [Fact]
    public void An_entry_tagged_impact_started_sets_the_impact_start_and_the_time_to_detect()
    {
        var incident = Declared();
        var declaredAt = incident.DeclaredAt!.Value;

        incident.AddTimelineEntry(
            "First 502s in the load balancer log",
            declaredAt.AddMinutes(-40),
            TimelineTag.ImpactStarted,
            People.Carol,
            TestTime.Later);

        Assert.Equal(declaredAt.AddMinutes(-40), incident.ImpactStartedAt);
        Assert.Equal(TimeSpan.FromMinutes(40), incident.TimeToDetect);
        Assert.Equal(
            [
                (TimelineEventKind.Note, "First 502s in the load balancer log"),
                (TimelineEventKind.DetailsUpdated,
                    "Set the impact start to 2026-03-01 09:21 UTC from an entry marked Impact started."),
            ],
            incident.Timeline.TakeLast(2).Select(entry => (entry.Kind, entry.Text)));
    }

    [Fact]
    public void An_entry_tagged_impact_detected_sets_the_detection_time()
    {
        var incident = Declared();
        var declaredAt = incident.DeclaredAt!.Value;
        incident.AddTimelineEntry(
            "Impact started", declaredAt.AddMinutes(-30), TimelineTag.ImpactStarted, People.Carol, TestTime.Later);

        incident.AddTimelineEntry(
            "The error-rate alert fired",
            declaredAt.AddMinutes(-10),
            TimelineTag.ImpactDetected,
            People.Carol,
            TestTime.Later);

        Assert.Equal(declaredAt.AddMinutes(-10), incident.DetectedAt);
        Assert.Equal(TimeSpan.FromMinutes(20), incident.TimeToDetect);
    }

    [Fact]
    public void The_earliest_report_wins()
    {
        var incident = Declared();
        var declaredAt = incident.DeclaredAt!.Value;
        incident.AddTimelineEntry(
            "EU customers report failures",
            declaredAt.AddMinutes(-20),
            TimelineTag.ImpactStarted,
            People.Carol,
            TestTime.Later);

        incident.AddTimelineEntry(
            "US customers report failures",
            declaredAt.AddMinutes(-5),
            TimelineTag.ImpactStarted,
            People.Carol,
            TestTime.Later);
        Assert.Equal(declaredAt.AddMinutes(-20), incident.ImpactStartedAt);
        Assert.Equal(TimelineEventKind.Note, incident.Timeline.Last().Kind);

        incident.AddTimelineEntry(
            "The first failed payment",
            declaredAt.AddMinutes(-45),
            TimelineTag.ImpactStarted,
            People.Carol,
            TestTime.Later);
        Assert.Equal(declaredAt.AddMinutes(-45), incident.ImpactStartedAt);
    }

    [Fact]
    public void An_entry_without_a_time_reports_the_milestone_at_the_time_it_is_written()
    {
        var draft = new IncidentBuilder().In(Phase.Preparation).Build();

        draft.AddTimelineEntry(
            "Checkout is failing now", null, TimelineTag.ImpactStarted, People.Carol, TestTime.Later);

        Assert.Equal(TestTime.Later, draft.ImpactStartedAt);
    }

    [Fact]
    public void An_impact_start_after_the_declaration_is_refused_at_the_entry_time_and_records_nothing()
    {
        var incident = Declared();
        var events = incident.Timeline.Count;
        var revision = incident.Revision;

        var refusal = Assert.Throws<DomainValidationException>(() => incident.AddTimelineEntry(
            "Impact started",
            incident.DeclaredAt!.Value.AddMinutes(5),
            TimelineTag.ImpactStarted,
            People.Carol,
            TestTime.Later));

        Assert.Equal(
            ("occurredAt", "The impact must have started before the incident was declared."),
            (refusal.Field, refusal.Message));
        Assert.Null(incident.ImpactStartedAt);
        Assert.Equal((events, revision), (incident.Timeline.Count, incident.Revision));
    }

    [Fact]
    public void A_detection_before_the_impact_started_is_refused()
    {
        var incident = Declared();
        var declaredAt = incident.DeclaredAt!.Value;
        incident.AddTimelineEntry(
            "Impact started", declaredAt.AddMinutes(-10), TimelineTag.ImpactStarted, People.Carol, TestTime.Later);

        var refusal = Assert.Throws<DomainValidationException>(() => incident.AddTimelineEntry(
            "The alert fired", declaredAt.AddMinutes(-30), TimelineTag.ImpactDetected, People.Carol, TestTime.Later));

        Assert.Equal(
            ("occurredAt", "The problem cannot be detected before its impact started."),
            (refusal.Field, refusal.Message));
        Assert.Null(incident.DetectedAt);
    }

    [Theory]
    [InlineData(TimelineTag.ResponseInitiated)]
    [InlineData(TimelineTag.ImpactMitigated)]
    [InlineData(TimelineTag.CauseIdentified)]
    [InlineData(TimelineTag.ImpactEnded)]
    public void The_other_tags_mark_the_entry_and_move_no_milestone(TimelineTag tag)
    {
        var incident = Declared();
        var declaredAt = incident.DeclaredAt!.Value;
        var events = incident.Timeline.Count;

        incident.AddTimelineEntry("Something happened", declaredAt.AddMinutes(-30), tag, People.Carol, TestTime.Later);

        Assert.Equal(events + 1, incident.Timeline.Count);
        Assert.Equal(tag, incident.Timeline.Last().Tag);
        Assert.Equal(
            (null, null, null, null),
            (incident.ImpactStartedAt, incident.DetectedAt, incident.MitigatedAt, incident.ResolvedAt));
    }

    private static Incident Declared() => new IncidentBuilder().In(Phase.Identification).Build();
}
