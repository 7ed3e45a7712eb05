namespace IncidentHub.Domain.Tests.Lifecycle;

public sealed class TransitionTableTests
{
    public static TheoryData<Phase, Phase, TransitionOutcome> EveryPair()
    {
        var data = new TheoryData<Phase, Phase, TransitionOutcome>();
        foreach (var (from, to, outcome) in ExpectedTransitions.All())
        {
            data.Add(from, to, outcome);
        }

        return data;
    }

    [Fact]
    public void The_expected_table_covers_every_pair_of_the_nine_states()
    {
        var pairs = ExpectedTransitions.All().Select(entry => (entry.From, entry.To)).Distinct().ToList();

        Assert.Equal(81, pairs.Count);
        Assert.Equal(Enum.GetValues<Phase>().Length * Enum.GetValues<Phase>().Length, pairs.Count);
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_state_change_is_allowed_or_refused_as_the_design_says(
        Phase from, Phase to, TransitionOutcome expected)
    {
        var incident = new IncidentBuilder().ReadyToLeaveAnyPhase().In(from).Build();
        Assert.Equal(from, incident.Phase);
        var now = TestTime.Later;

        if (expected == TransitionOutcome.Refused)
        {
            var events = incident.Timeline.Count;
            var refusal = Assert.Throws<RuleViolationException>(
                () => incident.ChangePhase(to, "Someone asked for it.", null, People.Bob, now));

            Assert.Equal("TransitionNotAllowed", refusal.Rule);
            Assert.Equal(from, incident.Phase);
            Assert.Equal(events, incident.Timeline.Count);
            return;
        }

        // Only a forward move goes without a reason.
        var reason = expected == TransitionOutcome.Forward ? null : "Impact came back on checkout.";
        incident.ChangePhase(to, reason, null, People.Bob, now);

        Assert.Equal(to, incident.Phase);
        Assert.Equal(now, incident.MilestoneOf(to));
        var declared = from == Phase.Preparation && expected == TransitionOutcome.Forward;
        Assert.Equal(
            declared ? TimelineEventKind.Declared : TimelineEventKind.PhaseChanged, incident.Timeline.Last().Kind);
        Assert.Equal(People.Bob.Name, incident.Timeline.Last().ActorName);
    }

    [Theory]
    [InlineData(Phase.Remediation, Phase.Containment)]
    [InlineData(Phase.Recovery, Phase.Containment)]
    [InlineData(Phase.Closed, Phase.Investigation)]
    [InlineData(Phase.Closed, Phase.Containment)]
    [InlineData(Phase.Preparation, Phase.Dismissed)]
    [InlineData(Phase.Identification, Phase.Dismissed)]
    [InlineData(Phase.Investigation, Phase.Dismissed)]
    public void Moving_back_reopening_or_dismissing_requires_a_reason(Phase from, Phase to)
    {
        var incident = new IncidentBuilder().ReadyToLeaveAnyPhase().In(from).Build();

        var refusal = Assert.Throws<DomainValidationException>(
            () => incident.ChangePhase(to, "   ", null, People.Bob, TestTime.Later));

        Assert.Equal("reason", refusal.Field);
        Assert.Equal(from, incident.Phase);
    }
}
