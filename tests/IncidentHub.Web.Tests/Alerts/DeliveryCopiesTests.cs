using IncidentHub.Web.Features.Ingestion;

namespace IncidentHub.Web.Tests.Alerts;

public sealed class DeliveryCopiesTests
{
    private static readonly Guid Source = Guid.NewGuid();
    private static readonly IngestionOutcome Outcome = new(2, 2, 0, 0, 0, [7]);

    [Fact]
    public async Task A_copy_joins_the_delivery_in_flight_until_it_counts_its_copies_and_then_gets_its_outcome()
    {
        var copies = new DeliveryCopies();
        var digest = DeliveryCopies.Digest("{\"alerts\":[]}"u8.ToArray());
        using var first = copies.Lead(Source, digest);

        var copy = copies.Join(Source, digest);
        Assert.NotNull(copy);
        Assert.Same(first, copy);
        Assert.Null(copies.Join(Guid.NewGuid(), digest));
        Assert.Null(copies.Join(Source, DeliveryCopies.Digest("{}"u8.ToArray())));
        Assert.False(copy.Applied.IsCompleted);

        Assert.Equal(1, first.CloseToCopies());
        Assert.Null(copies.Join(Source, digest));

        first.Complete(Outcome);
        Assert.Same(Outcome, await copy.Applied);
    }

    [Fact]
    public async Task When_the_first_delivery_fails_its_copies_apply_themselves_and_the_next_one_leads()
    {
        var copies = new DeliveryCopies();
        var digest = DeliveryCopies.Digest("{}"u8.ToArray());
        DeliveryCopies.InFlight? copy;
        using (copies.Lead(Source, digest))
        {
            copy = copies.Join(Source, digest);
        }

        Assert.NotNull(copy);
        Assert.Null(await copy.Applied);
        Assert.Null(copies.Join(Source, digest));
        using var next = copies.Lead(Source, digest);
        Assert.Same(next, copies.Join(Source, digest));
    }

    [Fact]
    public void A_second_delivery_that_finds_one_in_flight_but_closed_goes_its_own_way()
    {
        var copies = new DeliveryCopies();
        var digest = DeliveryCopies.Digest("{}"u8.ToArray());
        using var first = copies.Lead(Source, digest);
        first.CloseToCopies();
        using var second = copies.Lead(Source, digest);

        Assert.NotSame(first, second);
        Assert.Equal(0, second.CloseToCopies());
    }
}
