namespace IncidentHub.Domain.Tests.History;

public sealed class TimelineTests
{
    [Theory]
    [InlineData(nameof(Incident.UpdateDetails), TimelineEventKind.DetailsUpdated)]
    [InlineData(nameof(Incident.ChangeSeverity), TimelineEventKind.SeverityChanged)]
    [InlineData(nameof(Incident.AssignRole), TimelineEventKind.RoleAssigned)]
    [InlineData(nameof(Incident.UnassignRole), TimelineEventKind.RoleUnassigned)]
    [InlineData(nameof(Incident.AddTimelineEntry), TimelineEventKind.Note)]
    [InlineData(nameof(Incident.PostStatusUpdate), TimelineEventKind.StatusUpdate)]
    [InlineData(nameof(Incident.AddCorrectiveAction), TimelineEventKind.CorrectiveActionAdded)]
    [InlineData(nameof(Incident.UpdateCorrectiveAction), TimelineEventKind.CorrectiveActionUpdated)]
    [InlineData(nameof(Incident.SaveReview), TimelineEventKind.ReviewSaved)]
    [InlineData(nameof(Incident.ChangePhase), TimelineEventKind.PhaseChanged)]
    public void Every_change_appends_a_timeline_event_with_the_actor_and_moves_the_revision(
        string change, TimelineEventKind kind)
    {
        var incident = new IncidentBuilder()
            .WithEngineerOnCall()
            .WithCorrectiveAction()
            .In(Phase.Investigation)
            .Build();
        var events = incident.Timeline.Count;
        var revision = incident.Revision;
        var actor = People.Erin;
        var now = TestTime.Later;

        Apply(incident, change, actor, now);

        Assert.Equal(events + 1, incident.Timeline.Count);
        var recorded = incident.Timeline.Last();
        Assert.Equal(kind, recorded.Kind);
        Assert.Equal("Erin", recorded.ActorName);
        Assert.Equal(actor.PersonId, recorded.ActorId);
        Assert.Equal(incident.Id, recorded.IncidentId);
        Assert.Equal(now, recorded.RecordedAt);
        Assert.Equal(revision + 1, incident.Revision);
        Assert.Equal(now, incident.UpdatedAt);
    }

    [Fact]
    public void Drafting_and_declaring_are_the_first_events_of_a_timeline()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();

        Assert.Equal(
            [TimelineEventKind.Drafted, TimelineEventKind.Declared], incident.Timeline.Select(entry => entry.Kind));
        Assert.Equal("Alice", incident.Timeline.First().ActorName);
        Assert.Equal(
            "Declared \"Checkout returns errors\" at S3 (medium), identified through monitoring.",
            incident.Timeline.Last().Text);
    }

    [Fact]
    public void A_personal_entry_can_be_about_an_earlier_moment_and_carry_a_tag()
    {
        var incident = new IncidentBuilder().Build();
        var earlier = TestTime.Start.AddMinutes(-20);

        var entry = incident.AddTimelineEntry(
            "  Latency rose on checkout.  ", earlier, TimelineTag.ImpactStarted, People.Carol, TestTime.Later);

        Assert.Equal("Latency rose on checkout.", entry.Text);
        Assert.Equal(earlier, entry.OccurredAt);
        Assert.Equal(TestTime.Later, entry.RecordedAt);
        Assert.Equal(TimelineTag.ImpactStarted, entry.Tag);
    }

    [Fact]
    public void A_personal_entry_about_the_future_is_refused()
    {
        var incident = new IncidentBuilder().Build();

        var refusal = Assert.Throws<DomainValidationException>(() => incident.AddTimelineEntry(
            "The fix will be deployed.", TestTime.Later.AddMinutes(5), null, People.Carol, TestTime.Later));

        Assert.Equal("occurredAt", refusal.Field);
    }

    private static void Apply(Incident incident, string change, Actor actor, DateTimeOffset now)
    {
        switch (change)
        {
            case nameof(Incident.UpdateDetails):
                incident.UpdateDetails(
                    new IncidentDetailsChanges { Summary = "Payments fail for EU customers." }, actor, now);
                break;
            case nameof(Incident.ChangeSeverity):
                incident.ChangeSeverity(Severity.S2, "More customers affected.", actor, now);
                break;
            case nameof(Incident.AssignRole):
                incident.AssignRole(IncidentRole.CommunicationsManagerOnCall, People.Dave, actor, now);
                break;
            case nameof(Incident.UnassignRole):
                incident.UnassignRole(IncidentRole.EngineerOnCall, actor, now);
                break;
            case nameof(Incident.AddTimelineEntry):
                incident.AddTimelineEntry(
                    "Rolled back the payment client.", null, TimelineTag.ResponseInitiated, actor, now);
                break;
            case nameof(Incident.PostStatusUpdate):
                incident.PostStatusUpdate(StatusAudience.External, "We are investigating payment errors.", actor, now);
                break;
            case nameof(Incident.AddCorrectiveAction):
                incident.AddCorrectiveAction(
                    CorrectiveActions.AlertOnCheckoutErrors() with { Title = "Canary the payment client" }, actor, now);
                break;
            case nameof(Incident.UpdateCorrectiveAction):
                incident.UpdateCorrectiveAction(
                    incident.CorrectiveActions.Single().Id,
                    new CorrectiveActionChanges { Status = CorrectiveActionStatus.InProgress },
                    actor,
                    now);
                break;
            case nameof(Incident.SaveReview):
                incident.SaveReview(new IncidentReview { RootCauseSummary = "A bad deploy." }, actor, now);
                break;
            case nameof(Incident.ChangePhase):
                incident.ChangePhase(Phase.Containment, null, null, actor, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "No such change in this test.");
        }
    }
}
