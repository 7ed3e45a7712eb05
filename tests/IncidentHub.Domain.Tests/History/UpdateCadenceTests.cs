namespace IncidentHub.Domain.Tests.History;

/// <summary>
/// The next update each audience is owed: one interval of <see cref="UpdateCadence"/> after its last update (or the
/// declaration), the interval being what the phase and severity ask for now.
/// </summary>
public sealed class UpdateCadenceTests
{
    private static readonly DateTimeOffset Declared = TestTime.Start;

    [Fact]
    public void A_draft_owes_nobody_an_update()
    {
        var draft = Incident.Draft(new NewIncident { Title = "Staged change", Severity = Severity.S1 }, People.Alice, Declared);

        Assert.Null(draft.NextExternalUpdateDueAt);
        Assert.Null(draft.NextInternalUpdateDueAt);
    }

    [Theory]
    [InlineData(Severity.S1, 10, 30)]
    [InlineData(Severity.S2, 15, 60)]
    [InlineData(Severity.S3, 15, 120)]
    [InlineData(Severity.S4, 15, 120)]
    [InlineData(Severity.Unknown, 15, 120)]
    public void A_declared_incident_owes_its_first_updates_one_interval_after_the_declaration(
        Severity severity, int externalMinutes, int internalMinutes)
    {
        var incident = Declare(severity);

        Assert.Equal(Declared.AddMinutes(externalMinutes), incident.NextExternalUpdateDueAt);
        Assert.Equal(Declared.AddMinutes(internalMinutes), incident.NextInternalUpdateDueAt);
        Assert.False(incident.ExternalUpdateOverdue(Declared.AddMinutes(externalMinutes)));
        Assert.True(incident.ExternalUpdateOverdue(Declared.AddMinutes(externalMinutes).AddSeconds(1)));
    }

    [Fact]
    public void An_update_restarts_only_its_own_audience()
    {
        var incident = Declare(Severity.S2);

        incident.PostStatusUpdate(StatusAudience.External, "Investigating.", People.Dave, Declared.AddMinutes(12));

        Assert.Equal(Declared.AddMinutes(12 + 15), incident.NextExternalUpdateDueAt);
        Assert.Equal(Declared.AddMinutes(12), incident.LastExternalUpdateAt);
        Assert.Equal(Declared.AddMinutes(60), incident.NextInternalUpdateDueAt);
    }

    [Fact]
    public void The_interval_follows_the_phase_from_the_last_update_and_ends_with_resolution()
    {
        var incident = Declare(Severity.S2);
        incident.PostStatusUpdate(StatusAudience.External, "Investigating.", People.Dave, Declared.AddMinutes(5));

        MoveTo(incident, Phase.Remediation, Declared.AddMinutes(20));
        Assert.Equal(Declared.AddMinutes(5 + 30), incident.NextExternalUpdateDueAt);

        MoveTo(incident, Phase.Recovery, Declared.AddMinutes(25));
        Assert.Equal(Declared.AddMinutes(5 + 60), incident.NextExternalUpdateDueAt);
        Assert.Equal(Declared.AddMinutes(120), incident.NextInternalUpdateDueAt);

        incident.SaveReview(new IncidentReview { RootCauseSummary = "A bad deploy." }, People.Bob, Declared.AddMinutes(26));
        incident.AddCorrectiveAction(CorrectiveActions.AlertOnCheckoutErrors(), People.Bob, Declared.AddMinutes(27));
        MoveTo(incident, Phase.Learnings, Declared.AddMinutes(30));
        Assert.Null(incident.NextExternalUpdateDueAt);
        Assert.Null(incident.NextInternalUpdateDueAt);
        Assert.False(incident.ExternalUpdateOverdue(Declared.AddDays(1)));
    }

    [Fact]
    public void A_raised_severity_can_make_the_update_overdue_at_once()
    {
        var incident = Declare(Severity.S3);

        incident.ChangeSeverity(Severity.S1, "Every checkout fails now.", People.Bob, Declared.AddMinutes(12));

        Assert.Equal(Declared.AddMinutes(10), incident.NextExternalUpdateDueAt);
        Assert.True(incident.ExternalUpdateOverdue(Declared.AddMinutes(12)));
    }

    [Fact]
    public void An_external_update_says_what_the_phase_says_and_the_severity_suggests_unless_told()
    {
        var incident = Declare(Severity.S2, services: ["checkout", "payments-api"]);

        var update = incident.PostStatusUpdate(
            StatusAudience.External, "Card payments fail.", People.Dave, Declared.AddMinutes(1));

        Assert.Equal(PublicStatus.Investigating, update.PublicStatus);
        Assert.Equal(
            [new AffectedService("checkout", ServiceImpact.PartialOutage),
                new AffectedService("payments-api", ServiceImpact.PartialOutage)],
            update.AffectedServices);
        Assert.Equal(
            "External status update: Card payments fail. "
                + "[Investigating; checkout: Partial outage; payments-api: Partial outage]",
            incident.Timeline.Last().Text);

        var told = incident.PostStatusUpdate(
            StatusAudience.External,
            "Only checkout is slow now.",
            People.Dave,
            Declared.AddMinutes(2),
            PublicStatus.Monitoring,
            [new AffectedService("Checkout", ServiceImpact.DegradedPerformance)]);
        Assert.Equal(PublicStatus.Monitoring, told.PublicStatus);
        Assert.Equal([new AffectedService("checkout", ServiceImpact.DegradedPerformance)], told.AffectedServices);
    }

    [Fact]
    public void An_internal_update_has_no_status_page_fields()
    {
        var incident = Declare(Severity.S2, services: ["checkout"]);

        var update = incident.PostStatusUpdate(StatusAudience.Internal, "Looking.", People.Dave, Declared.AddMinutes(1));
        Assert.Null(update.PublicStatus);
        Assert.Empty(update.AffectedServices);

        var status = Assert.Throws<DomainValidationException>(() => incident.PostStatusUpdate(
            StatusAudience.Internal, "Looking.", People.Dave, Declared.AddMinutes(2), PublicStatus.Identified));
        Assert.Equal("publicStatus", status.Field);
        var services = Assert.Throws<DomainValidationException>(() => incident.PostStatusUpdate(
            StatusAudience.Internal, "Looking.", People.Dave, Declared.AddMinutes(2), null,
            [new AffectedService("checkout", ServiceImpact.MajorOutage)]));
        Assert.Equal("affectedServices", services.Field);
    }

    [Fact]
    public void An_external_update_names_only_the_incidents_services_each_once()
    {
        var incident = Declare(Severity.S2, services: ["checkout"]);

        var unknown = Assert.Throws<DomainValidationException>(() => incident.PostStatusUpdate(
            StatusAudience.External, "Down.", People.Dave, Declared.AddMinutes(1), null,
            [new AffectedService("checkout", ServiceImpact.MajorOutage), new AffectedService("search", ServiceImpact.MajorOutage)]));
        Assert.Equal("affectedServices[1].service", unknown.Field);
        Assert.Contains("checkout", unknown.Message, StringComparison.Ordinal);

        var twice = Assert.Throws<DomainValidationException>(() => incident.PostStatusUpdate(
            StatusAudience.External, "Down.", People.Dave, Declared.AddMinutes(1), null,
            [new AffectedService("checkout", ServiceImpact.MajorOutage), new AffectedService("Checkout", ServiceImpact.PartialOutage)]));
        Assert.Equal("affectedServices[1].service", twice.Field);
        Assert.Empty(incident.StatusUpdates);
        Assert.Null(incident.LastExternalUpdateAt);
    }

    [Fact]
    public void The_table_has_a_rule_for_each_audience_and_open_stage_and_resolution_has_none()
    {
        foreach (var audience in Enum.GetValues<StatusAudience>())
        {
            foreach (var stage in new[] { PublicStatus.Investigating, PublicStatus.Identified, PublicStatus.Monitoring })
            {
                Assert.Single(UpdateCadence.Rules, rule => rule.Audience == audience && rule.Stage == stage);
            }

            Assert.Null(UpdateCadence.IntervalFor(audience, Phase.Learnings, Severity.S1));
            Assert.Null(UpdateCadence.IntervalFor(audience, Phase.Preparation, Severity.S1));
        }
    }

    private static Incident Declare(Severity severity, string[]? services = null) =>
        Incident.Declare(
            new NewIncident
            {
                Title = "Checkout fails",
                Source = IncidentSource.Monitoring,
                Severity = severity,
                Services = services ?? [],
            },
            People.Alice,
            Declared);

    private static void MoveTo(Incident incident, Phase target, DateTimeOffset at)
    {
        foreach (var role in new[] { IncidentRole.EngineerOnCall, IncidentRole.IncidentManager, IncidentRole.CommunicationsManagerOnCall })
        {
            if (incident.HolderOf(role) is null)
            {
                incident.AssignRole(role, People.Carol, People.Bob, at);
            }
        }

        incident.ChangePhase(target, null, null, People.Bob, at);
    }
}
