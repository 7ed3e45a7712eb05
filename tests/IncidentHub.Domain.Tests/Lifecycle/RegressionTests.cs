namespace IncidentHub.Domain.Tests.Lifecycle;

public sealed class RegressionTests
{
    [Theory]
    [InlineData(Phase.Remediation)]
    [InlineData(Phase.Recovery)]
    public void Impact_coming_back_moves_the_incident_back_to_containment_and_clears_mitigation_and_resolution(
        Phase from)
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(from).Build();
        var firstContainment = incident.ContainmentStartedAt;
        var now = TestTime.Later;

        incident.ChangePhase(Phase.Containment, "Errors are back after the rollback.", null, People.Bob, now);

        Assert.Equal(Phase.Containment, incident.Phase);
        Assert.Equal(now, incident.ContainmentStartedAt);
        Assert.NotEqual(firstContainment, incident.ContainmentStartedAt);
        Assert.Null(incident.MitigatedAt);
        Assert.Null(incident.ResolvedAt);
        Assert.NotNull(incident.InvestigationStartedAt);
        Assert.NotNull(incident.DeclaredAt);
        var recorded = incident.Timeline.Last();
        Assert.Equal(TimelineEventKind.PhaseChanged, recorded.Kind);
        Assert.Equal(
            $"Impact came back: moved from {from} back to Containment. Reason: Errors are back after the rollback.",
            recorded.Text);
    }

    [Fact]
    public void Moving_back_to_containment_requires_a_reason()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Remediation).Build();
        var mitigatedAt = incident.MitigatedAt;

        var refusal = Assert.Throws<DomainValidationException>(
            () => incident.ChangePhase(Phase.Containment, null, null, People.Bob, TestTime.Later));

        Assert.Equal("reason", refusal.Field);
        Assert.Equal(Phase.Remediation, incident.Phase);
        Assert.Equal(mitigatedAt, incident.MitigatedAt);
    }

    [Fact]
    public void Mitigating_again_after_a_regression_sets_the_new_mitigation_time()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Remediation).Build();
        incident.ChangePhase(Phase.Containment, "Errors are back.", null, People.Bob, TestTime.Later);

        incident.ChangePhase(Phase.Remediation, null, null, People.Bob, TestTime.Later.AddMinutes(30));

        Assert.Equal(TestTime.Later.AddMinutes(30), incident.MitigatedAt);
    }

    [Fact]
    public void Moving_back_from_containment_to_investigation_is_refused()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Containment).Build();

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(
                Phase.Investigation, "We were wrong about the cause.", null, People.Bob, TestTime.Later));

        Assert.Equal(PhaseTransitions.Rule, refusal.Rule);
    }
}
