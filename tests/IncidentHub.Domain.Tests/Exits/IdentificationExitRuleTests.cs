namespace IncidentHub.Domain.Tests.Exits;

public sealed class IdentificationExitRuleTests
{
    [Fact]
    public void Starting_the_investigation_requires_an_engineer_on_call()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(Phase.Investigation, null, null, People.Bob, TestTime.Later));

        Assert.Equal([ExitRules.EngineerOnCallRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Identification, incident.Phase);
        Assert.Null(incident.InvestigationStartedAt);
    }

    [Fact]
    public void Starting_the_investigation_with_an_engineer_on_call_enters_investigation()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Identification).Build();

        incident.ChangePhase(Phase.Investigation, null, null, People.Bob, TestTime.Later);

        Assert.Equal(Phase.Investigation, incident.Phase);
        Assert.Equal(TestTime.Later, incident.InvestigationStartedAt);
    }

    [Fact]
    public void An_engineer_on_call_who_was_unassigned_no_longer_counts()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().In(Phase.Identification).Build();
        incident.UnassignRole(IncidentRole.EngineerOnCall, People.Bob, TestTime.Later);

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(Phase.Investigation, null, null, People.Bob, TestTime.Later.AddMinutes(1)));

        Assert.Equal(ExitRules.EngineerOnCallRequired.Code, refusal.Rule);
    }

    [Fact]
    public void Blockers_name_the_missing_engineer_on_call()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();

        Assert.Equal([ExitRules.EngineerOnCallRequired], incident.Blockers());
    }
}
