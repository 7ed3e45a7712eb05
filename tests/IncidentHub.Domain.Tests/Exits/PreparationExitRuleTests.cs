namespace IncidentHub.Domain.Tests.Exits;

public sealed class PreparationExitRuleTests
{
    [Fact]
    public void Declaring_a_draft_requires_a_title()
    {
        var draft = new IncidentBuilder().WithTitle("   ").In(Phase.Preparation).Build();

        var refusal = Assert.Throws<RuleViolationException>(Declare(draft));

        Assert.Equal([ExitRules.TitleRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Preparation, draft.Phase);
        Assert.Null(draft.DeclaredAt);
    }

    [Fact]
    public void Declaring_a_draft_requires_a_source()
    {
        var draft = new IncidentBuilder().WithSource(null).In(Phase.Preparation).Build();

        var refusal = Assert.Throws<RuleViolationException>(Declare(draft));

        Assert.Equal([ExitRules.SourceRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Preparation, draft.Phase);
    }

    [Fact]
    public void Declaring_a_draft_requires_a_severity()
    {
        var draft = new IncidentBuilder().WithSeverity(null).In(Phase.Preparation).Build();

        var refusal = Assert.Throws<RuleViolationException>(Declare(draft));

        Assert.Equal([ExitRules.SeverityRequired.Code], refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal(Phase.Preparation, draft.Phase);
    }

    [Fact]
    public void Declaring_an_empty_draft_names_every_missing_item_at_once()
    {
        var draft = new IncidentBuilder()
            .WithTitle("")
            .WithSource(null)
            .WithSeverity(null)
            .In(Phase.Preparation)
            .Build();

        var refusal = Assert.Throws<RuleViolationException>(Declare(draft));

        Assert.Equal(
            ["TitleRequired", "SourceRequired", "SeverityRequired"],
            refusal.Breaches.Select(breach => breach.Rule));
        Assert.Equal("TitleRequired", refusal.Rule);
    }

    [Fact]
    public void Declaring_a_draft_with_title_source_and_severity_enters_identification()
    {
        var draft = new IncidentBuilder().WithSeverity(Severity.S3).In(Phase.Preparation).Build();

        draft.ChangePhase(Phase.Identification, null, null, People.Alice, TestTime.Later);

        Assert.Equal(Phase.Identification, draft.Phase);
        Assert.Equal(TestTime.Later, draft.DeclaredAt);
        Assert.Equal(TimelineEventKind.Declared, draft.Timeline.Last().Kind);
    }

    [Fact]
    public void Declaring_a_draft_accepts_an_unknown_severity()
    {
        var draft = new IncidentBuilder().WithSeverity(Severity.Unknown).In(Phase.Preparation).Build();

        draft.ChangePhase(Phase.Identification, null, null, People.Alice, TestTime.Later);

        Assert.Equal(Phase.Identification, draft.Phase);
        Assert.Equal(Severity.Unknown, draft.Severity);
    }

    private static Action Declare(Incident draft) =>
        () => draft.ChangePhase(Phase.Identification, null, null, People.Alice, TestTime.Later);
}
