namespace IncidentHub.Domain.Tests.History;

public sealed class ReviewTests
{
    [Fact]
    public void Saving_the_review_stamps_it_with_the_author_and_time()
    {
        var incident = new IncidentBuilder().Build();

        incident.SaveReview(
            new IncidentReview { RootCauseSummary = "A bad deploy.", FiveWhys = ["Why?"] }, People.Bob, TestTime.Later);

        Assert.NotNull(incident.Review);
        Assert.Equal("A bad deploy.", incident.Review.RootCauseSummary);
        Assert.Equal("Bob", incident.Review.UpdatedByName);
        Assert.Equal(TestTime.Later, incident.Review.UpdatedAt);
        Assert.Equal("Started the incident review.", incident.Timeline.Last().Text);
    }

    [Fact]
    public void Saving_the_review_again_is_recorded_as_an_update()
    {
        var incident = new IncidentBuilder().WithReview().Build();

        incident.SaveReview(
            new IncidentReview { RootCauseSummary = "A bad deploy and no canary." }, People.Bob, TestTime.Later);

        Assert.Equal("A bad deploy and no canary.", incident.Review?.RootCauseSummary);
        Assert.Equal("Updated the incident review.", incident.Timeline.Last().Text);
    }
}
