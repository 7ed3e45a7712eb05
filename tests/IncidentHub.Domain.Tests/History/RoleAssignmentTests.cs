namespace IncidentHub.Domain.Tests.History;

public sealed class RoleAssignmentTests
{
    [Fact]
    public void Assigning_an_empty_role_makes_the_person_its_holder()
    {
        var incident = new IncidentBuilder().Build();

        var assigned = incident.AssignRole(IncidentRole.EngineerOnCall, People.Carol, People.Bob, TestTime.Later);

        Assert.True(assigned);
        var holder = incident.HolderOf(IncidentRole.EngineerOnCall);
        Assert.NotNull(holder);
        Assert.Equal(People.Carol.PersonId, holder.PersonId);
        Assert.Equal("Carol", holder.PersonName);
        Assert.Equal("Bob", holder.AssignedByName);
        Assert.Equal(TestTime.Later, holder.From);
        Assert.True(holder.IsCurrent);
        Assert.Equal("Carol assigned as Engineer On Call.", incident.Timeline.Last().Text);
    }

    [Fact]
    public void Assigning_a_held_role_hands_it_over_and_keeps_the_previous_holder_in_the_history()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().Build();
        var previous = incident.HolderOf(IncidentRole.EngineerOnCall)!;

        var assigned = incident.AssignRole(IncidentRole.EngineerOnCall, People.Erin, People.Bob, TestTime.Later);

        Assert.True(assigned);
        Assert.Equal(TestTime.Later, previous.Until);
        Assert.Equal(People.Bob.PersonId, previous.EndedById);
        Assert.Equal("Bob", previous.EndedByName);
        Assert.False(previous.IsCurrent);
        var current = incident.HolderOf(IncidentRole.EngineerOnCall);
        Assert.NotNull(current);
        Assert.Equal(People.Erin.PersonId, current.PersonId);
        Assert.Equal(2, incident.RoleAssignments.Count(assignment => assignment.Role == IncidentRole.EngineerOnCall));
        Assert.Equal("Engineer On Call handed over from Carol to Erin.", incident.Timeline.Last().Text);
    }

    [Fact]
    public void Assigning_a_role_to_its_current_holder_changes_nothing()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().Build();
        var events = incident.Timeline.Count;

        var assigned = incident.AssignRole(IncidentRole.EngineerOnCall, People.Carol, People.Bob, TestTime.Later);

        Assert.False(assigned);
        Assert.Single(incident.RoleAssignments);
        Assert.Equal(events, incident.Timeline.Count);
    }

    [Fact]
    public void Unassigning_ends_the_current_assignment()
    {
        var incident = new IncidentBuilder().WithEngineerOnCall().Build();
        var previous = incident.HolderOf(IncidentRole.EngineerOnCall)!;

        var unassigned = incident.UnassignRole(IncidentRole.EngineerOnCall, People.Bob, TestTime.Later);

        Assert.True(unassigned);
        Assert.Null(incident.HolderOf(IncidentRole.EngineerOnCall));
        Assert.Equal(TestTime.Later, previous.Until);
        Assert.Equal("Bob", previous.EndedByName);
        Assert.Equal(TimelineEventKind.RoleUnassigned, incident.Timeline.Last().Kind);
        Assert.Equal("Carol is no longer Engineer On Call.", incident.Timeline.Last().Text);
    }

    [Fact]
    public void Unassigning_an_empty_role_returns_false_and_records_nothing()
    {
        var incident = new IncidentBuilder().Build();
        var events = incident.Timeline.Count;
        var revision = incident.Revision;

        var unassigned = incident.UnassignRole(IncidentRole.CommunicationsManagerOnCall, People.Bob, TestTime.Later);

        Assert.False(unassigned);
        Assert.Equal(events, incident.Timeline.Count);
        Assert.Equal(revision, incident.Revision);
    }

    [Fact]
    public void Each_role_has_its_own_holder()
    {
        var incident = new IncidentBuilder().Build();

        incident.AssignRole(IncidentRole.IncidentManager, People.Bob, People.Bob, TestTime.Later);
        incident.AssignRole(IncidentRole.EngineerOnCall, People.Carol, People.Bob, TestTime.Later);

        Assert.Equal(People.Bob.PersonId, incident.HolderOf(IncidentRole.IncidentManager)?.PersonId);
        Assert.Equal(People.Carol.PersonId, incident.HolderOf(IncidentRole.EngineerOnCall)?.PersonId);
        Assert.Null(incident.HolderOf(IncidentRole.CommunicationsManagerOnCall));
    }
}
