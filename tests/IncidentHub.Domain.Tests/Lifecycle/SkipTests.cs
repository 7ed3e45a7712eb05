namespace IncidentHub.Domain.Tests.Lifecycle;

public sealed class SkipTests
{
    [Fact]
    public void Skipping_from_containment_to_recovery_mitigates_and_resolves_at_the_same_instant()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Containment).Build();
        var now = TestTime.Later;

        incident.ChangePhase(Phase.Recovery, null, null, People.Bob, now);

        Assert.Equal(Phase.Recovery, incident.Phase);
        Assert.Equal(now, incident.MitigatedAt);
        Assert.Equal(now, incident.ResolvedAt);
        Assert.Equal("Moved from Containment to Recovery, skipping Remediation.", incident.Timeline.Last().Text);
    }

    [Fact]
    public void Skipping_from_preparation_to_closed_sets_every_milestone_to_the_same_instant()
    {
        var incident = new IncidentBuilder().ReadyToLeaveAnyPhase().In(Phase.Preparation).Build();
        var now = TestTime.Later;

        incident.ChangePhase(Phase.Closed, null, null, People.Bob, now);

        Assert.Equal(Phase.Closed, incident.Phase);
        Assert.All(
            new[]
            {
                Phase.Identification, Phase.Investigation, Phase.Containment, Phase.Remediation, Phase.Recovery,
                Phase.Learnings, Phase.Closed,
            },
            phase => Assert.Equal(now, incident.MilestoneOf(phase)));
        Assert.NotEqual(now, incident.CreatedAt);
    }

    [Fact]
    public void Skipping_from_identification_to_containment_without_an_engineer_on_call_is_refused()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.S3).In(Phase.Identification).Build();

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(Phase.Containment, null, null, People.Bob, TestTime.Later));

        Assert.Equal(ExitRules.EngineerOnCallRequired.Code, refusal.Rule);
        Assert.Equal(Phase.Identification, incident.Phase);
        Assert.Null(incident.InvestigationStartedAt);
        Assert.Null(incident.ContainmentStartedAt);
    }

    [Fact]
    public void A_skip_checks_the_exit_rules_of_every_phase_it_leaves_and_names_all_breaches()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.S1).In(Phase.Identification).Build();

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(Phase.Learnings, null, null, People.Bob, TestTime.Later));

        Assert.Equal(
            [
                "EngineerOnCallRequired", "IncidentManagerRequired", "CommunicationsManagerRequired",
                "CorrectiveActionRequired",
            ],
            refusal.Breaches.Select(breach => breach.Rule));
    }

    [Fact]
    public void A_skip_does_not_check_the_exit_rule_of_the_phase_it_lands_in()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Investigation).Build();

        incident.ChangePhase(Phase.Recovery, null, null, People.Bob, TestTime.Later);

        Assert.Equal(Phase.Recovery, incident.Phase);
        Assert.Empty(incident.CorrectiveActions);
        Assert.Equal([ExitRules.CorrectiveActionRequired], incident.Blockers());
    }

    [Fact]
    public void A_skip_refused_by_a_later_phase_rule_changes_nothing()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Investigation).Build();
        var events = incident.Timeline.Count;

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(Phase.Closed, null, null, People.Bob, TestTime.Later));

        Assert.Equal(["CorrectiveActionRequired", "ReviewRequired"], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Investigation, incident.Phase);
        Assert.Null(incident.ContainmentStartedAt);
        Assert.Null(incident.MitigatedAt);
        Assert.Equal(events, incident.Timeline.Count);
    }

    [Fact]
    public void Milestones_are_kept_to_the_microsecond()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Containment).Build();
        var now = TestTime.Later.AddTicks(1_234_567);

        incident.ChangePhase(Phase.Remediation, null, null, People.Bob, now);

        Assert.Equal(TestTime.Later.AddTicks(1_234_560), incident.MitigatedAt);
        Assert.Equal(now.ToStored(), incident.MitigatedAt);
    }
}
