namespace IncidentHub.Domain.Tests.Exits;

public sealed class InvestigationExitRuleTests
{
    [Fact]
    public void Starting_containment_requires_a_known_severity()
    {
        var incident = new IncidentBuilder()
            .WithSeverity(Severity.Unknown)
            .WithEngineerOnCall()
            .In(Phase.Investigation)
            .Build();

        var refusal = Assert.Throws<RuleViolationException>(StartContainment(incident));

        Assert.Equal([ExitRules.KnownSeverityRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Investigation, incident.Phase);
        Assert.Null(incident.ContainmentStartedAt);
    }

    [Theory]
    [InlineData(Severity.S3)]
    [InlineData(Severity.S4)]
    public void Starting_containment_of_a_medium_or_low_incident_needs_no_incident_manager_nor_communications_manager(
        Severity severity)
    {
        var incident = new IncidentBuilder()
            .WithSeverity(severity)
            .WithEngineerOnCall()
            .In(Phase.Investigation)
            .Build();

        StartContainment(incident)();

        Assert.Equal(Phase.Containment, incident.Phase);
        Assert.Equal(TestTime.Later, incident.ContainmentStartedAt);
    }

    [Theory]
    [InlineData(Severity.S1)]
    [InlineData(Severity.S2)]
    public void Starting_containment_of_a_critical_or_high_incident_requires_an_incident_manager(Severity severity)
    {
        var incident = new IncidentBuilder()
            .WithSeverity(severity).WithEngineerOnCall().WithCommunicationsManager().In(Phase.Investigation).Build();

        var refusal = Assert.Throws<RuleViolationException>(StartContainment(incident));

        Assert.Equal([ExitRules.IncidentManagerRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Investigation, incident.Phase);
    }

    [Theory]
    [InlineData(Severity.S1)]
    [InlineData(Severity.S2)]
    public void Starting_containment_of_a_critical_or_high_incident_requires_a_communications_manager(Severity severity)
    {
        var incident = new IncidentBuilder()
            .WithSeverity(severity).WithEngineerOnCall().WithIncidentManager().In(Phase.Investigation).Build();

        var refusal = Assert.Throws<RuleViolationException>(StartContainment(incident));

        Assert.Equal([ExitRules.CommunicationsManagerRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Investigation, incident.Phase);
    }

    [Theory]
    [InlineData(Severity.S1)]
    [InlineData(Severity.S2)]
    public void Starting_containment_of_a_critical_or_high_incident_with_both_managers_enters_containment(
        Severity severity)
    {
        var incident = new IncidentBuilder()
            .WithSeverity(severity).WithEngineerOnCall().WithIncidentManager().WithCommunicationsManager()
            .In(Phase.Investigation).Build();

        StartContainment(incident)();

        Assert.Equal(Phase.Containment, incident.Phase);
        Assert.Equal(TestTime.Later, incident.ContainmentStartedAt);
    }

    [Fact]
    public void Raising_the_severity_to_critical_during_investigation_adds_both_manager_rules()
    {
        var incident = new IncidentBuilder()
            .WithSeverity(Severity.S3)
            .WithEngineerOnCall()
            .In(Phase.Investigation)
            .Build();
        incident.ChangeSeverity(Severity.S1, "Every customer is affected.", People.Carol, TestTime.Later);

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(Phase.Containment, null, null, People.Bob, TestTime.Later.AddMinutes(1)));

        Assert.Equal(
            [ExitRules.IncidentManagerRequired.Code, ExitRules.CommunicationsManagerRequired.Code],
            refusal.Breaches.Select(breach => breach.Rule));
    }

    [Theory]
    [InlineData(Severity.S3, "not needed at S3")]
    [InlineData(Severity.S4, "not needed at S4")]
    [InlineData(Severity.Unknown, "needed only at S1 or S2")]
    public void The_checklist_says_the_manager_rules_do_not_apply_below_S2_instead_of_ticking_them_off(
        Severity severity, string notNeeded)
    {
        var incident = new IncidentBuilder()
            .WithSeverity(severity)
            .WithEngineerOnCall()
            .In(Phase.Investigation)
            .Build();

        var checks = ExitRules.Check(incident, Phase.Investigation);

        Assert.Equal(
            [
                (ExitRules.IncidentManagerRequired.Code, notNeeded),
                (ExitRules.CommunicationsManagerRequired.Code, notNeeded),
            ],
            checks.Where(check => !check.Applies).Select(check => (check.Rule.Code, check.NotNeeded)));
        Assert.DoesNotContain(
            incident.Blockers(),
            rule => rule == ExitRules.IncidentManagerRequired || rule == ExitRules.CommunicationsManagerRequired);
    }

    [Fact]
    public void At_S2_the_manager_rules_apply_and_are_missing_until_the_roles_are_held()
    {
        var incident = new IncidentBuilder()
            .WithSeverity(Severity.S2)
            .WithEngineerOnCall()
            .In(Phase.Investigation)
            .Build();

        var checks = ExitRules.Check(incident, Phase.Investigation);

        Assert.All(checks, check => Assert.True(check.Applies));
        Assert.Equal(
            [ExitRules.IncidentManagerRequired.Code, ExitRules.CommunicationsManagerRequired.Code],
            checks.Where(check => !check.IsMet).Select(check => check.Rule.Code));
    }

    private static Action StartContainment(Incident incident) =>
        () => incident.ChangePhase(Phase.Containment, null, null, People.Bob, TestTime.Later);
}
