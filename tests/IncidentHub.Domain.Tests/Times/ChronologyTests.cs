namespace IncidentHub.Domain.Tests.Times;

public sealed class ChronologyTests
{
    private static readonly DateTimeOffset Now = TestTime.Start;

    [Fact]
    public void Impact_and_detection_before_the_declaration_are_accepted()
    {
        var incident = Declare(impactStartedAt: Now.AddMinutes(-30), detectedAt: Now.AddMinutes(-10));

        Assert.Equal(Now.AddMinutes(-30), incident.ImpactStartedAt);
        Assert.Equal(Now.AddMinutes(-10), incident.DetectedAt);
    }

    [Fact]
    public void Impact_starting_after_detection_is_refused()
    {
        var refusal = Assert.Throws<DomainValidationException>(
            () => Declare(impactStartedAt: Now.AddMinutes(-5), detectedAt: Now.AddMinutes(-10)));

        Assert.Equal("detectedAt", refusal.Field);
    }

    [Fact]
    public void Impact_starting_in_the_future_is_refused()
    {
        var refusal = Assert.Throws<DomainValidationException>(
            () => Declare(impactStartedAt: Now.AddMinutes(5), detectedAt: null));

        Assert.Equal("impactStartedAt", refusal.Field);
    }

    [Fact]
    public void Detection_in_the_future_is_refused()
    {
        var refusal = Assert.Throws<DomainValidationException>(
            () => Declare(impactStartedAt: null, detectedAt: Now.AddMinutes(5)));

        Assert.Equal("detectedAt", refusal.Field);
    }

    [Fact]
    public void A_draft_refuses_an_impact_start_in_the_future()
    {
        var refusal = Assert.Throws<DomainValidationException>(() => Incident.Draft(
            new NewIncident { Title = "Risky migration", ImpactStartedAt = Now.AddHours(2) },
            People.Alice,
            Now));

        Assert.Equal("impactStartedAt", refusal.Field);
    }

    [Fact]
    public void Moving_the_impact_start_after_the_declaration_is_refused()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();
        var afterDeclaration = incident.DeclaredAt!.Value.AddMinutes(10);

        var refusal = Assert.Throws<DomainValidationException>(() => incident.UpdateDetails(
            new IncidentDetailsChanges { ImpactStartedAt = afterDeclaration },
            People.Alice,
            TestTime.Later));

        Assert.Equal("impactStartedAt", refusal.Field);
    }

    [Fact]
    public void Moving_the_detection_after_the_declaration_is_refused()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();
        var afterDeclaration = incident.DeclaredAt!.Value.AddMinutes(10);

        var refusal = Assert.Throws<DomainValidationException>(() => incident.UpdateDetails(
            new IncidentDetailsChanges { DetectedAt = afterDeclaration },
            People.Alice,
            TestTime.Later));

        Assert.Equal("detectedAt", refusal.Field);
    }

    [Fact]
    public void Setting_the_impact_start_before_the_declaration_is_recorded()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();
        var beforeDeclaration = incident.DeclaredAt!.Value.AddMinutes(-20);

        var changed = incident.UpdateDetails(
            new IncidentDetailsChanges { ImpactStartedAt = beforeDeclaration },
            People.Alice,
            TestTime.Later);

        Assert.True(changed);
        Assert.Equal(beforeDeclaration, incident.ImpactStartedAt);
        Assert.Equal("Updated the impact start.", incident.Timeline.Last().Text);
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
        Now);
}
