namespace IncidentHub.Domain.Tests.Exits;

public sealed class LearningsExitRuleTests
{
    [Fact]
    public void Closing_requires_a_review()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().WithCorrectiveAction().In(Phase.Learnings).Build();

        var refusal = Assert.Throws<RuleViolationException>(Close(incident));

        Assert.Equal([ExitRules.ReviewRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Learnings, incident.Phase);
        Assert.Null(incident.ClosedAt);
    }

    [Fact]
    public void Closing_requires_the_review_to_have_a_root_cause_summary()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().WithCorrectiveAction().In(Phase.Learnings).Build();
        incident.SaveReview(
            new IncidentReview { RootCauseSummary = "  ", WhatWentWell = "Fast paging." }, People.Bob, TestTime.Later);

        var refusal = Assert.Throws<RuleViolationException>(
            () => incident.ChangePhase(Phase.Closed, null, null, People.Bob, TestTime.Later.AddMinutes(1)));

        Assert.Equal(ExitRules.ReviewRequired.Code, refusal.Rule);
    }

    [Fact]
    public void Closing_with_a_root_cause_summary_closes_the_incident()
    {
        var incident = new IncidentBuilder()
            .WithEngineerOnCall()
            .WithCorrectiveAction()
            .WithReview()
            .In(Phase.Learnings)
            .Build();

        Close(incident)();

        Assert.Equal(Phase.Closed, incident.Phase);
        Assert.Equal(TestTime.Later, incident.ClosedAt);
        Assert.Equal("Closed the incident.", incident.Timeline.Last().Text);
    }

    private static Action Close(Incident incident) =>
        () => incident.ChangePhase(Phase.Closed, null, null, People.Bob, TestTime.Later);
}
