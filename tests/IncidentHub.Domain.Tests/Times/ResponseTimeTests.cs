namespace IncidentHub.Domain.Tests.Times;

public sealed class ResponseTimeTests
{
    private static readonly DateTimeOffset DeclaredAt = TestTime.Start;

    [Fact]
    public void Times_to_detect_mitigate_and_resolve_count_from_the_impact_start()
    {
        var incident = Declare(impactStartedAt: DeclaredAt.AddMinutes(-30), detectedAt: DeclaredAt.AddMinutes(-10));
        WalkToRecovery(incident, mitigatedAt: DeclaredAt.AddMinutes(45), resolvedAt: DeclaredAt.AddMinutes(90));

        Assert.Equal(TimeSpan.FromMinutes(20), incident.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(75), incident.TimeToMitigate);
        Assert.Equal(TimeSpan.FromMinutes(120), incident.TimeToResolve);
    }

    [Fact]
    public void Impact_start_and_detection_default_to_the_declaration()
    {
        var incident = Declare(impactStartedAt: null, detectedAt: null);
        WalkToRecovery(incident, mitigatedAt: DeclaredAt.AddMinutes(45), resolvedAt: DeclaredAt.AddMinutes(90));

        Assert.Equal(DeclaredAt, incident.EffectiveImpactStartedAt);
        Assert.Equal(DeclaredAt, incident.EffectiveDetectedAt);
        Assert.Equal(TimeSpan.Zero, incident.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(45), incident.TimeToMitigate);
        Assert.Equal(TimeSpan.FromMinutes(90), incident.TimeToResolve);
    }

    [Fact]
    public void Detection_defaults_to_the_declaration_when_only_the_impact_start_is_known()
    {
        var incident = Declare(impactStartedAt: DeclaredAt.AddMinutes(-15), detectedAt: null);

        Assert.Equal(TimeSpan.FromMinutes(15), incident.TimeToDetect);
    }

    [Fact]
    public void Times_to_mitigate_and_resolve_are_unknown_until_those_milestones()
    {
        var incident = Declare(impactStartedAt: null, detectedAt: null);

        Assert.Null(incident.TimeToMitigate);
        Assert.Null(incident.TimeToResolve);
    }

    [Fact]
    public void A_draft_has_no_time_to_detect()
    {
        var draft = new IncidentBuilder().In(Phase.Preparation).Build();

        Assert.Null(draft.TimeToDetect);
        Assert.Null(draft.TimeToMitigate);
    }

    [Fact]
    public void A_skip_from_containment_to_recovery_gives_equal_times_to_mitigate_and_resolve()
    {
        var incident = Declare(impactStartedAt: DeclaredAt.AddMinutes(-30), detectedAt: null);
        incident.AssignRole(IncidentRole.EngineerOnCall, People.Carol, People.Bob, DeclaredAt.AddMinutes(1));
        incident.AssignRole(IncidentRole.IncidentManager, People.Bob, People.Bob, DeclaredAt.AddMinutes(1));
        incident.AssignRole(
            IncidentRole.CommunicationsManagerOnCall, People.Dave, People.Bob, DeclaredAt.AddMinutes(1));
        incident.ChangePhase(Phase.Containment, null, null, People.Bob, DeclaredAt.AddMinutes(2));

        incident.ChangePhase(Phase.Recovery, null, null, People.Bob, DeclaredAt.AddMinutes(30));

        Assert.Equal(TimeSpan.FromMinutes(60), incident.TimeToMitigate);
        Assert.Equal(incident.TimeToMitigate, incident.TimeToResolve);
    }

    private static Incident Declare(DateTimeOffset? impactStartedAt, DateTimeOffset? detectedAt) => Incident.Declare(
        new NewIncident
        {
            Title = "Checkout returns errors",
            Source = IncidentSource.Monitoring,
            Severity = Severity.S2,
            ImpactStartedAt = impactStartedAt,
            DetectedAt = detectedAt,
        },
        People.Alice,
        DeclaredAt);

    private static void WalkToRecovery(Incident incident, DateTimeOffset mitigatedAt, DateTimeOffset resolvedAt)
    {
        incident.AssignRole(IncidentRole.EngineerOnCall, People.Carol, People.Bob, DeclaredAt.AddMinutes(1));
        incident.AssignRole(IncidentRole.IncidentManager, People.Bob, People.Bob, DeclaredAt.AddMinutes(1));
        incident.AssignRole(
            IncidentRole.CommunicationsManagerOnCall, People.Dave, People.Bob, DeclaredAt.AddMinutes(1));
        incident.ChangePhase(Phase.Containment, null, null, People.Bob, DeclaredAt.AddMinutes(2));
        incident.ChangePhase(Phase.Remediation, null, null, People.Bob, mitigatedAt);
        incident.ChangePhase(Phase.Recovery, null, null, People.Bob, resolvedAt);
    }
}
