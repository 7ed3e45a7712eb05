namespace IncidentHub.Domain.Tests.Support;

/// <summary>
/// Builds an incident through its public API only: drafts it, then applies what was asked for
/// (roles, corrective action, statement, review), then walks it one phase at a time to the
/// requested phase, or dismisses it. Every step happens one minute after the previous one,
/// starting at <see cref="TestTime.Start"/>.
/// </summary>
internal sealed class IncidentBuilder
{
    private string title = "Checkout returns errors";
    private IncidentSource? source = IncidentSource.Monitoring;
    private Severity? severity = Severity.S3;
    private bool engineerOnCall;
    private bool incidentManager;
    private bool communicationsManager;
    private bool correctiveAction;
    private string? noCorrectiveActionsReason;
    private bool review;
    private Phase phase = Phase.Identification;
    private DateTimeOffset clock = TestTime.Start;

    public IncidentBuilder WithTitle(string value)
    {
        title = value;
        return this;
    }

    public IncidentBuilder WithSource(IncidentSource? value)
    {
        source = value;
        return this;
    }

    public IncidentBuilder WithSeverity(Severity? value)
    {
        severity = value;
        return this;
    }

    public IncidentBuilder WithEngineerOnCall()
    {
        engineerOnCall = true;
        return this;
    }

    public IncidentBuilder WithIncidentManager()
    {
        incidentManager = true;
        return this;
    }

    public IncidentBuilder WithCommunicationsManager()
    {
        communicationsManager = true;
        return this;
    }

    public IncidentBuilder WithCorrectiveAction()
    {
        correctiveAction = true;
        return this;
    }

    public IncidentBuilder WithNoCorrectiveActionsReason(string reason)
    {
        noCorrectiveActionsReason = reason;
        return this;
    }

    public IncidentBuilder WithReview()
    {
        review = true;
        return this;
    }

    /// <summary>
    /// Meets every exit rule of every phase: an S2 incident with all three roles, a corrective action and a review.
    /// </summary>
    public IncidentBuilder ReadyToLeaveAnyPhase() =>
        WithSeverity(Severity.S2)
            .WithEngineerOnCall()
            .WithIncidentManager()
            .WithCommunicationsManager()
            .WithCorrectiveAction()
            .WithReview();

    /// <summary>
    /// The state to build the incident in: any phase, <see cref="Phase.Closed"/> or <see cref="Phase.Dismissed"/>.
    /// </summary>
    public IncidentBuilder In(Phase value)
    {
        phase = value;
        return this;
    }

    public Incident Build()
    {
        var incident = Incident.Draft(
            new NewIncident { Title = title, Source = source, Severity = severity },
            People.Alice,
            Tick());
        if (incidentManager)
        {
            incident.AssignRole(IncidentRole.IncidentManager, People.Bob, People.Bob, Tick());
        }

        if (engineerOnCall)
        {
            incident.AssignRole(IncidentRole.EngineerOnCall, People.Carol, People.Bob, Tick());
        }

        if (communicationsManager)
        {
            incident.AssignRole(IncidentRole.CommunicationsManagerOnCall, People.Dave, People.Bob, Tick());
        }

        if (correctiveAction)
        {
            incident.AddCorrectiveAction(CorrectiveActions.AlertOnCheckoutErrors(), People.Carol, Tick());
        }

        if (noCorrectiveActionsReason is not null)
        {
            incident.UpdateDetails(
                new IncidentDetailsChanges { NoCorrectiveActionsReason = noCorrectiveActionsReason },
                People.Bob,
                Tick());
        }

        if (review)
        {
            incident.SaveReview(
                new IncidentReview { RootCauseSummary = "A bad deploy of the payment client." }, People.Bob, Tick());
        }

        MoveTo(incident, phase);
        return incident;
    }

    private void MoveTo(Incident incident, Phase target)
    {
        if (target == Phase.Dismissed)
        {
            incident.ChangePhase(Phase.Dismissed, "A false alarm.", null, People.Bob, Tick());
            return;
        }

        for (var next = Phase.Identification; next <= target; next++)
        {
            incident.ChangePhase(next, null, null, People.Bob, Tick());
        }
    }

    private DateTimeOffset Tick()
    {
        var now = clock;
        clock = clock.AddMinutes(1);
        return now;
    }
}
