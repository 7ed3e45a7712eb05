namespace IncidentHub.Domain.Tests.Lifecycle;

public sealed class DismissalTests
{
    [Fact]
    public void Dismissing_as_a_duplicate_records_the_original_and_the_reason()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();

        incident.ChangePhase(Phase.Dismissed, "  Same outage as INC-41.  ", 41, People.Bob, TestTime.Later);

        Assert.Equal(Phase.Dismissed, incident.Phase);
        Assert.Equal(41, incident.DuplicateOf);
        Assert.Equal("Same outage as INC-41.", incident.DismissalReason);
        Assert.Equal(TestTime.Later, incident.DismissedAt);
        Assert.Equal(
            "Dismissed as a duplicate of INC-41. Reason: Same outage as INC-41.", incident.Timeline.Last().Text);
    }

    [Fact]
    public void Dismissing_a_false_alarm_records_the_reason_and_no_original()
    {
        var incident = new IncidentBuilder().In(Phase.Preparation).Build();

        incident.ChangePhase(Phase.Dismissed, "The alert fired on a test host.", null, People.Bob, TestTime.Later);

        Assert.Equal(Phase.Dismissed, incident.Phase);
        Assert.Null(incident.DuplicateOf);
        Assert.Equal("The alert fired on a test host.", incident.DismissalReason);
    }

    [Fact]
    public void Naming_an_original_is_refused_on_anything_but_a_dismissal()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Identification).Build();

        var refusal = Assert.Throws<DomainValidationException>(
            () => incident.ChangePhase(Phase.Investigation, null, 41, People.Bob, TestTime.Later));

        Assert.Equal("duplicateOf", refusal.Field);
        Assert.Equal(Phase.Identification, incident.Phase);
        Assert.Null(incident.DuplicateOf);
    }

    [Fact]
    public void An_incident_cannot_be_dismissed_as_a_duplicate_of_itself()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();

        var refusal = Assert.Throws<DomainValidationException>(
            () => incident.ChangePhase(Phase.Dismissed, "Duplicate.", incident.Number, People.Bob, TestTime.Later));

        Assert.Equal("duplicateOf", refusal.Field);
        Assert.Equal(Phase.Identification, incident.Phase);
    }

    [Fact]
    public void A_dismissed_incident_refuses_severity_changes()
    {
        var incident = new IncidentBuilder().In(Phase.Dismissed).Build();

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangeSeverity(Severity.S1, "It was real after all.", People.Bob, TestTime.Later));

        Assert.Equal("IncidentDismissed", refusal.Rule);
        Assert.Equal(Severity.S3, incident.Severity);
    }

    [Fact]
    public void A_dismissed_incident_refuses_other_changes_with_the_same_rule()
    {
        var incident = new IncidentBuilder().In(Phase.Dismissed).Build();
        var now = TestTime.Later;

        Action[] changes =
        [
            () => incident.UpdateDetails(new IncidentDetailsChanges { Title = "New title" }, People.Bob, now),
            () => incident.AssignRole(IncidentRole.EngineerOnCall, People.Carol, People.Bob, now),
            () => incident.PostStatusUpdate(StatusAudience.Internal, "Looking into it.", People.Dave, now),
            () => incident.AddCorrectiveAction(CorrectiveActions.AlertOnCheckoutErrors(), People.Carol, now),
            () => incident.SaveReview(new IncidentReview { RootCauseSummary = "None." }, People.Bob, now),
        ];

        Assert.All(
            changes, change => Assert.Equal("IncidentDismissed", Assert.Throws<RuleViolationException>(change).Rule));
    }

    [Fact]
    public void A_dismissed_incident_still_takes_timeline_entries()
    {
        var incident = new IncidentBuilder().In(Phase.Dismissed).Build();

        var entry = incident.AddTimelineEntry(
            "Confirmed with the vendor: a false alarm.", null, null, People.Alice, TestTime.Later);

        Assert.Same(entry, incident.Timeline.Last());
        Assert.Equal(TimelineEventKind.Note, entry.Kind);
        Assert.Equal("Alice", entry.ActorName);
        Assert.Equal(Phase.Dismissed, incident.Phase);
    }
}
