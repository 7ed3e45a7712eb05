namespace IncidentHub.Domain.Tests.History;

public sealed class CorrectiveActionTests
{
    [Fact]
    public void A_new_corrective_action_is_open()
    {
        var incident = new IncidentBuilder().Build();

        var action = incident.AddCorrectiveAction(
            CorrectiveActions.AlertOnCheckoutErrors(), People.Carol, TestTime.Later);

        Assert.Same(action, Assert.Single(incident.CorrectiveActions));
        Assert.Equal(CorrectiveActionStatus.Open, action.Status);
        Assert.Equal(incident.Id, action.IncidentId);
        Assert.Equal(TestTime.Later, action.CreatedAt);
        Assert.Null(action.CompletedAt);
        Assert.Equal("Added Detection corrective action \"Alert on checkout errors\".", incident.Timeline.Last().Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Marking_an_action_wont_do_requires_a_reason(string? reason)
    {
        var (incident, action) = IncidentWithAction();
        var changes = new CorrectiveActionChanges { Status = CorrectiveActionStatus.WontDo, WontDoReason = reason };

        var refusal = Assert.Throws<DomainValidationException>(
            () => incident.UpdateCorrectiveAction(action.Id, changes, People.Carol, TestTime.Later));

        Assert.Equal("wontDoReason", refusal.Field);
        Assert.Equal(CorrectiveActionStatus.Open, action.Status);
    }

    [Fact]
    public void Marking_an_action_wont_do_without_giving_the_reason_field_is_refused()
    {
        var (incident, action) = IncidentWithAction();

        var refusal = Assert.Throws<DomainValidationException>(() => incident.UpdateCorrectiveAction(
            action.Id,
            new CorrectiveActionChanges { Status = CorrectiveActionStatus.WontDo },
            People.Carol,
            TestTime.Later));

        Assert.Equal("wontDoReason", refusal.Field);
    }

    [Fact]
    public void Marking_an_action_wont_do_with_a_reason_finishes_it()
    {
        var (incident, action) = IncidentWithAction();

        var changed = incident.UpdateCorrectiveAction(
            action.Id,
            new CorrectiveActionChanges
            {
                Status = CorrectiveActionStatus.WontDo,
                WontDoReason = "The service is retired.",
            },
            People.Carol,
            TestTime.Later);

        Assert.True(changed);
        Assert.Equal(CorrectiveActionStatus.WontDo, action.Status);
        Assert.Equal("The service is retired.", action.WontDoReason);
        Assert.Equal(TestTime.Later, action.CompletedAt);
        Assert.True(action.IsFinished);
        Assert.Equal(TimelineEventKind.CorrectiveActionUpdated, incident.Timeline.Last().Kind);
    }

    [Fact]
    public void Taking_an_action_back_from_wont_do_clears_the_reason_and_the_completion()
    {
        var (incident, action) = IncidentWithAction();
        incident.UpdateCorrectiveAction(
            action.Id,
            new CorrectiveActionChanges
            {
                Status = CorrectiveActionStatus.WontDo,
                WontDoReason = "The service is retired.",
            },
            People.Carol,
            TestTime.Later);

        incident.UpdateCorrectiveAction(
            action.Id,
            new CorrectiveActionChanges { Status = CorrectiveActionStatus.InProgress },
            People.Carol,
            TestTime.Later.AddMinutes(1));

        Assert.Equal(CorrectiveActionStatus.InProgress, action.Status);
        Assert.Null(action.WontDoReason);
        Assert.Null(action.CompletedAt);
    }

    [Fact]
    public void An_update_that_changes_nothing_returns_false_and_records_nothing()
    {
        var (incident, action) = IncidentWithAction();
        var events = incident.Timeline.Count;

        var changed = incident.UpdateCorrectiveAction(
            action.Id,
            new CorrectiveActionChanges { Title = "Alert on checkout errors", Status = CorrectiveActionStatus.Open },
            People.Carol,
            TestTime.Later);

        Assert.False(changed);
        Assert.Equal(events, incident.Timeline.Count);
    }

    [Fact]
    public void Updating_an_action_of_another_incident_is_refused()
    {
        var (incident, _) = IncidentWithAction();

        Assert.Throws<KeyNotFoundException>(() => incident.UpdateCorrectiveAction(
            Guid.NewGuid(),
            new CorrectiveActionChanges { Status = CorrectiveActionStatus.Done },
            People.Carol,
            TestTime.Later));
    }

    private static (Incident Incident, CorrectiveAction Action) IncidentWithAction()
    {
        var incident = new IncidentBuilder().WithCorrectiveAction().Build();
        return (incident, incident.CorrectiveActions.Single());
    }
}
