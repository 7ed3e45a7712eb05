namespace IncidentHub.Domain.Tests.Exits;

public sealed class RecoveryExitRuleTests
{
    [Fact]
    public void Ending_recovery_requires_a_corrective_action_or_a_statement()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Recovery).Build();

        var refusal = Assert.Throws<RuleViolationException>(StartLearnings(incident));

        Assert.Equal([ExitRules.CorrectiveActionRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Recovery, incident.Phase);
        Assert.Null(incident.LearningsStartedAt);
    }

    [Fact]
    public void Ending_recovery_with_a_corrective_action_enters_learnings()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().WithCorrectiveAction().In(Phase.Recovery).Build();

        StartLearnings(incident)();

        Assert.Equal(Phase.Learnings, incident.Phase);
        Assert.Equal(TestTime.Later, incident.LearningsStartedAt);
    }

    [Fact]
    public void Ending_recovery_with_a_statement_why_no_action_is_needed_enters_learnings()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Recovery).Build();
        incident.UpdateDetails(
            new IncidentDetailsChanges { NoCorrectiveActionsReason = "  The vendor fixed it on their side.  " },
            People.Bob,
            TestTime.Later);

        incident.ChangePhase(Phase.Learnings, null, null, People.Bob, TestTime.Later.AddMinutes(1));

        Assert.Equal(Phase.Learnings, incident.Phase);
        Assert.Equal("The vendor fixed it on their side.", incident.NoCorrectiveActionsReason);
    }

    [Fact]
    public void A_blank_statement_does_not_count_as_a_reason_for_no_corrective_action()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Recovery).Build();
        incident.UpdateDetails(
            new IncidentDetailsChanges { NoCorrectiveActionsReason = "   " }, People.Bob, TestTime.Later);

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(Phase.Learnings, null, null, People.Bob, TestTime.Later.AddMinutes(1)));

        Assert.Equal(ExitRules.CorrectiveActionRequired.Code, refusal.Rule);
        Assert.Null(incident.NoCorrectiveActionsReason);
    }

    private static Action StartLearnings(Incident incident) =>
        () => incident.ChangePhase(Phase.Learnings, null, null, People.Bob, TestTime.Later);
}
