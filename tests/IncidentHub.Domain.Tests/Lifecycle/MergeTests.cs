namespace IncidentHub.Domain.Tests.Lifecycle;

public sealed class MergeTests
{
    [Fact]
    public void Merging_into_a_closed_incident_is_refused_and_moves_nothing()
    {
        var triage = new IncidentBuilder().In(Phase.Preparation).Build();
        var closed = new IncidentBuilder().ReadyToLeaveAnyPhase().In(Phase.Closed).Build();
        var alert = AlertOn(triage);

        var refusal = Assert.Throws<RuleViolationException>(
            () => triage.MergeInto(closed, [alert], People.Bob, TestTime.Later));

        Assert.Equal(MergeRules.TargetMustBeOpen, refusal.Rule);
        Assert.Equal(triage.Id, alert.IncidentId);
        Assert.Equal(Phase.Preparation, triage.Phase);
    }

    [Fact]
    public void An_incident_past_investigation_cannot_be_merged_away()
    {
        var contained = new IncidentBuilder().ReadyToLeaveAnyPhase().In(Phase.Containment).Build();
        var open = new IncidentBuilder().In(Phase.Identification).Build();

        var refusal = Assert.Throws<RuleViolationException>(
            () => contained.MergeInto(open, [], People.Bob, TestTime.Later));

        Assert.Equal(MergeRules.SourceMustBeEarly, refusal.Rule);
    }

    [Fact]
    public void An_incident_cannot_be_merged_into_itself()
    {
        var triage = new IncidentBuilder().In(Phase.Preparation).Build();

        var refusal = Assert.Throws<RuleViolationException>(
            () => triage.MergeInto(triage, [], People.Bob, TestTime.Later));

        Assert.Equal(MergeRules.TargetMustDiffer, refusal.Rule);
    }

    private static Alert AlertOn(Incident incident) => Alert.Fire(
        Guid.NewGuid(),
        new AlertSignal
        {
            Fingerprint = "abc",
            Action = AlertAction.Fire,
            GroupKey = "g",
            GroupName = "{alertname=\"HighLatency\"}",
            Title = "High latency",
            StartsAt = TestTime.Start,
        },
        incident.Id,
        openedIncident: true,
        TestTime.Start);
}
