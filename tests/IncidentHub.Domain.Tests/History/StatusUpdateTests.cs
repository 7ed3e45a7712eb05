namespace IncidentHub.Domain.Tests.History;

public sealed class StatusUpdateTests
{
    [Fact]
    public void A_status_update_is_kept_with_its_author_and_audience()
    {
        var incident = new IncidentBuilder().Build();

        var update = incident.PostStatusUpdate(
            StatusAudience.External, "  We are investigating.  ", People.Dave, TestTime.Later);

        Assert.Same(update, Assert.Single(incident.StatusUpdates));
        Assert.Equal("We are investigating.", update.Text);
        Assert.Equal(StatusAudience.External, update.Audience);
        Assert.Equal("Dave", update.AuthorName);
        Assert.Equal(TestTime.Later, update.PostedAt);
        Assert.Equal("External status update: We are investigating. [Investigating]", incident.Timeline.Last().Text);
    }
}
