namespace IncidentHub.Domain.Tests.History;

public sealed class ReviewTests
{
    [Fact]
    public void Saving_the_review_stamps_it_with_the_author_and_time()
    {
        var incident = new IncidentBuilder().Build();

        incident.SaveReview(
            new IncidentReview { RootCauseSummary = "A bad deploy.", FiveWhys = ["Why?"] }, People.Bob, TestTime.Later);

        Assert.NotNull(incident.Review);
        Assert.Equal("A bad deploy.", incident.Review.RootCauseSummary);
        Assert.Equal("Bob", incident.Review.UpdatedByName);
        Assert.Equal(TestTime.Later, incident.Review.UpdatedAt);
        Assert.Equal("Started the incident review.", incident.Timeline.Last().Text);
    }

    [Fact]
    public void Saving_the_review_again_is_recorded_as_an_update()
    {
        var incident = new IncidentBuilder().WithReview().Build();

        incident.SaveReview(
            new IncidentReview { RootCauseSummary = "A bad deploy and no canary." }, People.Bob, TestTime.Later);

        Assert.Equal("A bad deploy and no canary.", incident.Review?.RootCauseSummary);
        Assert.Equal("Updated the incident review.", incident.Timeline.Last().Text);
    }
}

public sealed class ReviewNeedTests
{
    [Fact]
    public void An_S2_needs_a_review_even_after_its_severity_was_lowered()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.S2).In(Phase.Identification).Build();

        incident.ChangeSeverity(Severity.S4, "Only a few customers were affected after all", People.Bob, TestTime.Later);

        Assert.Equal(Severity.S2, incident.WorstSeverity);
        Assert.True(incident.ReviewRequired);
    }

    [Fact]
    public void An_S3_needs_a_review_only_while_someone_asks_for_one_with_a_reason()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.S3).In(Phase.Identification).Build();
        Assert.False(incident.ReviewRequired);

        var refused = Assert.Throws<DomainValidationException>(() => incident.RequestReview(" ", People.Bob, TestTime.Later));
        Assert.Equal("reason", refused.Field);

        Assert.True(incident.RequestReview("The third time this month", People.Bob, TestTime.Later));
        Assert.True(incident.ReviewRequired);
        Assert.Equal("Bob", incident.ReviewRequestedByName);
        Assert.Equal("Requested a review. Reason: The third time this month", incident.Timeline.Last().Text);

        Assert.True(incident.WithdrawReviewRequest(People.Bob, TestTime.Later.AddMinutes(1)));
        Assert.False(incident.ReviewRequired);
    }

    [Fact]
    public void A_needed_review_falls_due_the_given_days_after_the_resolution_unless_a_date_was_set()
    {
        var resolved = new IncidentBuilder().ReadyToLeaveAnyPhase().In(Phase.Recovery).Build();
        var unresolved = new IncidentBuilder().ReadyToLeaveAnyPhase().In(Phase.Remediation).Build();

        resolved.ScheduleReview(14);
        unresolved.ScheduleReview(14);

        Assert.Equal(DateOnly.FromDateTime(resolved.ResolvedAt!.Value.UtcDateTime).AddDays(14), resolved.ReviewDueOn);
        Assert.Null(unresolved.ReviewDueOn);

        resolved.PlanReview(new ReviewPlan(ReviewState.Draft, null, new DateOnly(2026, 4, 1), null, []), People.Bob, TestTime.Later);
        resolved.ScheduleReview(14);
        Assert.Equal(new DateOnly(2026, 4, 1), resolved.ReviewDueOn);
        Assert.True(resolved.ReviewOverdue(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(resolved.ReviewOverdue(new DateTimeOffset(2026, 4, 1, 23, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_review_moves_on_from_not_started_only_once_written_and_is_published_only_with_its_root_cause()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.S1).In(Phase.Identification).Build();
        Assert.Equal(ReviewState.NotStarted, incident.ReviewState);

        var unwritten = Assert.Throws<DomainValidationException>(() =>
            incident.PlanReview(new ReviewPlan(ReviewState.InReview, null, null, null, []), People.Bob, TestTime.Later));
        Assert.Equal("state", unwritten.Field);

        incident.SaveReview(new IncidentReview { CustomersAffected = "EU merchants" }, People.Bob, TestTime.Later);
        Assert.Equal(ReviewState.Draft, incident.ReviewState);
        Assert.Throws<DomainValidationException>(() =>
            incident.PlanReview(new ReviewPlan(ReviewState.Published, null, null, null, []), People.Bob, TestTime.Later));
        Assert.Throws<DomainValidationException>(() =>
            incident.PlanReview(new ReviewPlan(ReviewState.NotStarted, null, null, null, []), People.Bob, TestTime.Later));

        incident.SaveReview(new IncidentReview { RootCauseSummary = "A certificate expired." }, People.Bob, TestTime.Later);
        var meeting = new DateTimeOffset(2026, 3, 5, 15, 0, 0, TimeSpan.Zero);
        Assert.True(incident.PlanReview(
            new ReviewPlan(ReviewState.Published, People.Bob.PersonId, null, meeting, ["Bob", " Carol ", "bob"]), People.Bob, TestTime.Later));
        Assert.Equal(ReviewState.Published, incident.ReviewState);
        Assert.Equal(["Bob", "Carol"], incident.ReviewAttendees);
        Assert.Equal("Review planned: state to Published, owner, meeting to 2026-03-05 15:00 UTC, attendees.", incident.Timeline.Last().Text);
        Assert.False(incident.PlanReview(
            new ReviewPlan(ReviewState.Published, People.Bob.PersonId, null, meeting, ["Bob", "Carol"]), People.Bob, TestTime.Later));
    }

    [Fact]
    public void Starring_an_entry_is_kept_beside_it_and_written_on_the_timeline()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();

        Assert.True(incident.StarEntry(42, "Rolled back the deploy", People.Bob, TestTime.Later));
        Assert.False(incident.StarEntry(42, "Rolled back the deploy", People.Bob, TestTime.Later));
        Assert.Equal(42, Assert.Single(incident.Stars).TimelineEventId);
        Assert.Equal("Starred for the review: \"Rolled back the deploy\"", incident.Timeline.Last().Text);

        Assert.True(incident.UnstarEntry(42, "Rolled back the deploy", People.Bob, TestTime.Later));
        Assert.Empty(incident.Stars);
        Assert.Equal(TimelineEventKind.EntryStarred, incident.Timeline.Last().Kind);
    }

    [Fact]
    public void Minutes_of_degradation_run_from_the_impact_to_the_mitigation()
    {
        var impact = TestTime.Start.AddMinutes(-30);
        var incident = Incident.Declare(
            new NewIncident { Title = "Checkout fails", Severity = Severity.S1, Source = IncidentSource.Monitoring, ImpactStartedAt = impact },
            People.Alice,
            TestTime.Start);
        Assert.Null(incident.MinutesOfDegradation);

        incident.AssignRole(IncidentRole.EngineerOnCall, People.Carol, People.Bob, TestTime.Start.AddMinutes(1));
        incident.AssignRole(IncidentRole.IncidentManager, People.Bob, People.Bob, TestTime.Start.AddMinutes(1));
        incident.AssignRole(IncidentRole.CommunicationsManagerOnCall, People.Dave, People.Bob, TestTime.Start.AddMinutes(1));
        incident.ChangePhase(Phase.Investigation, null, null, People.Bob, TestTime.Start.AddMinutes(2));
        incident.ChangePhase(Phase.Containment, null, null, People.Bob, TestTime.Start.AddMinutes(5));
        incident.ChangePhase(Phase.Remediation, null, null, People.Bob, TestTime.Start.AddMinutes(45));

        Assert.Equal(75, incident.MinutesOfDegradation);
        Assert.Equal(TimeSpan.Zero, incident.TimeToRespond);
    }
}
