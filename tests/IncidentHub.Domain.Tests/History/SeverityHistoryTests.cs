namespace IncidentHub.Domain.Tests.History;

public sealed class SeverityHistoryTests
{
    [Fact]
    public void Changing_the_severity_keeps_from_to_reason_who_and_when()
    {
        var incident = new IncidentBuilder()
            .WithSeverity(Severity.S3)
            .In(Phase.Investigation)
            .WithEngineerOnCall()
            .Build();

        var changed = incident.ChangeSeverity(
            Severity.S1, "  Every region is affected.  ", People.Carol, TestTime.Later);

        Assert.True(changed);
        Assert.Equal(Severity.S1, incident.Severity);
        var change = incident.SeverityChanges.Last();
        Assert.Equal(Severity.S3, change.From);
        Assert.Equal(Severity.S1, change.To);
        Assert.Equal("Every region is affected.", change.Reason);
        Assert.Equal(People.Carol.PersonId, change.ChangedById);
        Assert.Equal("Carol", change.ChangedByName);
        Assert.Equal(TestTime.Later, change.ChangedAt);
        Assert.Equal(incident.Id, change.IncidentId);
    }

    [Fact]
    public void Changing_the_severity_appends_a_timeline_event()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.S3).Build();

        incident.ChangeSeverity(Severity.S1, "Every region is affected.", People.Carol, TestTime.Later);

        var recorded = incident.Timeline.Last();
        Assert.Equal(TimelineEventKind.SeverityChanged, recorded.Kind);
        Assert.Equal(
            "Severity changed from S3 (medium) to S1 (critical). Reason: Every region is affected.", recorded.Text);
        Assert.Equal("Carol", recorded.ActorName);
        Assert.Equal(TestTime.Later, recorded.OccurredAt);
    }

    [Fact]
    public void Setting_the_same_severity_changes_nothing_and_records_nothing()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.S3).Build();
        var changes = incident.SeverityChanges.Count;
        var events = incident.Timeline.Count;
        var revision = incident.Revision;

        var changed = incident.ChangeSeverity(Severity.S3, "Still medium.", People.Carol, TestTime.Later);

        Assert.False(changed);
        Assert.Equal(changes, incident.SeverityChanges.Count);
        Assert.Equal(events, incident.Timeline.Count);
        Assert.Equal(revision, incident.Revision);
    }

    [Fact]
    public void The_first_severity_of_a_draft_is_kept_as_a_change_from_nothing()
    {
        var draft = new IncidentBuilder().WithSeverity(Severity.S4).In(Phase.Preparation).Build();

        var first = Assert.Single(draft.SeverityChanges);
        Assert.Null(first.From);
        Assert.Equal(Severity.S4, first.To);
        Assert.Equal("Alice", first.ChangedByName);
        Assert.Equal(TestTime.Start, first.ChangedAt);
    }

    [Fact]
    public void Setting_a_severity_on_a_draft_without_one_records_a_change_from_nothing()
    {
        var draft = new IncidentBuilder().WithSeverity(null).In(Phase.Preparation).Build();

        draft.ChangeSeverity(Severity.Unknown, null, People.Alice, TestTime.Later);

        var change = Assert.Single(draft.SeverityChanges);
        Assert.Null(change.From);
        Assert.Equal(Severity.Unknown, change.To);
        Assert.Null(change.Reason);
        Assert.Equal("Severity set to Unknown.", draft.Timeline.Last().Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_change_after_the_declaration_without_a_reason_is_refused_and_changes_nothing(string? reason)
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.S3).In(Phase.Identification).Build();
        var (changes, events, revision) = (incident.SeverityChanges.Count, incident.Timeline.Count, incident.Revision);

        var refusal = Assert.Throws<DomainValidationException>(() =>
            incident.ChangeSeverity(Severity.S1, reason, People.Carol, TestTime.Later));

        Assert.Equal(
            ("reason", "Say why the severity changes (what is affected now)."), (refusal.Field, refusal.Message));
        Assert.Equal(Severity.S3, incident.Severity);
        Assert.Equal(
            (changes, events, revision), (incident.SeverityChanges.Count, incident.Timeline.Count, incident.Revision));
    }

    [Fact]
    public void A_draft_changes_its_severity_without_a_reason_while_it_is_triaged()
    {
        var draft = new IncidentBuilder().WithSeverity(Severity.Unknown).In(Phase.Preparation).Build();

        draft.ChangeSeverity(Severity.S2, null, People.Alice, TestTime.Later);

        Assert.Equal(Severity.S2, draft.Severity);
        Assert.False(draft.SeverityChangeNeedsReason);
    }
}
