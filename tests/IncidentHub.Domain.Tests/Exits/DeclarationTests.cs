namespace IncidentHub.Domain.Tests.Exits;

public sealed class DeclarationTests
{
    [Fact]
    public void Declaring_directly_enters_identification_with_every_first_milestone_at_the_same_instant()
    {
        var incident = Incident.Declare(
            new NewIncident
            {
                Title = "  Checkout returns errors  ",
                Source = IncidentSource.CustomerReport,
                Severity = Severity.S2,
            },
            People.Alice,
            TestTime.Start);

        Assert.Equal(Phase.Identification, incident.Phase);
        Assert.Equal("Checkout returns errors", incident.Title);
        Assert.Equal(TestTime.Start, incident.CreatedAt);
        Assert.Equal(TestTime.Start, incident.DeclaredAt);
        var declared = Assert.Single(incident.Timeline);
        Assert.Equal(TimelineEventKind.Declared, declared.Kind);
        Assert.Equal("Alice", declared.ActorName);
        var severity = Assert.Single(incident.SeverityChanges);
        Assert.Null(severity.From);
        Assert.Equal(Severity.S2, severity.To);
    }

    [Fact]
    public void Declaring_directly_checks_the_preparation_exit_rules()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => Incident.Declare(
            new NewIncident { Title = "Checkout returns errors" },
            People.Alice,
            TestTime.Start));

        Assert.Equal(["SourceRequired", "SeverityRequired"], refusal.Breaches.Select(breach => breach.Rule));
    }
}
