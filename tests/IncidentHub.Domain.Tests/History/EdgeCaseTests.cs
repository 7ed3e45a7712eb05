namespace IncidentHub.Domain.Tests.History;

/// <summary>
/// Edge cases found in review: refused changes leave nothing behind, and defaults keep the chronology.
/// </summary>
public sealed class EdgeCaseTests
{
    [Fact]
    public void A_refused_detail_change_leaves_the_incident_unchanged()
    {
        var incident = new IncidentBuilder().In(Phase.Identification).Build();
        var afterDeclaration = incident.DeclaredAt!.Value.AddMinutes(10);
        var revision = incident.Revision;

        Assert.Throws<DomainValidationException>(() => incident.UpdateDetails(
            new IncidentDetailsChanges { Title = "Renamed", ImpactStartedAt = afterDeclaration },
            People.Alice,
            TestTime.Later));

        Assert.Null(incident.ImpactStartedAt);
        Assert.Equal("Checkout returns errors", incident.Title);
        Assert.Equal(revision, incident.Revision);
    }

    [Fact]
    public void A_blank_statement_on_corrective_actions_where_there_is_none_changes_nothing()
    {
        var incident = new IncidentBuilder().Build();
        var events = incident.Timeline.Count;

        var changed = incident.UpdateDetails(
            new IncidentDetailsChanges { NoCorrectiveActionsReason = "   " }, People.Bob, TestTime.Later);

        Assert.False(changed);
        Assert.Equal(events, incident.Timeline.Count);
    }

    [Fact]
    public void Assigning_a_role_to_an_actor_who_is_not_a_person_is_refused_and_keeps_the_current_holder()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().Build();

        Assert.Throws<ArgumentException>(
            () => incident.AssignRole(IncidentRole.EngineerOnCall, Actor.System, People.Bob, TestTime.Later));

        Assert.Equal(People.Carol.PersonId, incident.HolderOf(IncidentRole.EngineerOnCall)?.PersonId);
    }

    [Fact]
    public void Assigning_an_empty_role_to_an_actor_who_is_not_a_person_is_refused()
    {
        var incident = new IncidentBuilder().Build();

        Assert.Throws<ArgumentException>(
            () => incident.AssignRole(IncidentRole.EngineerOnCall, Actor.System, People.Bob, TestTime.Later));
    }

    [Fact]
    public void Detection_before_the_declaration_without_an_impact_start_never_gives_a_negative_time_to_detect()
    {
        Incident? incident = null;
        var error = Record.Exception(() => incident = Incident.Declare(
            new NewIncident
            {
                Title = "Checkout returns errors",
                Source = IncidentSource.Monitoring,
                Severity = Severity.S3,
                DetectedAt = TestTime.Start.AddMinutes(-10),
            },
            People.Alice,
            TestTime.Start));

        if (error is not null)
        {
            Assert.IsType<DomainValidationException>(error);
            return;
        }

        Assert.NotNull(incident);
        Assert.True(incident.TimeToDetect >= TimeSpan.Zero, $"TTD is {incident.TimeToDetect}.");
    }

    [Fact]
    public void A_personal_entry_about_the_current_instant_is_accepted()
    {
        var incident = new IncidentBuilder().Build();
        var now = TestTime.Later.AddTicks(5);

        var entry = incident.AddTimelineEntry("Paged the database team.", now, null, People.Carol, now);

        Assert.Equal(now.ToStored(), entry.OccurredAt);
    }
}
