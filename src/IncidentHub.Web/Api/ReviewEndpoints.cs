using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.Reviews;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

/// <summary>Incident reviews: what they say, who runs them and when, the starred moments, and which are due.</summary>
internal static class ReviewEndpoints
{
    public const string MarkdownMediaType = "text/markdown";

    public static void MapReviewEndpoints(this RouteGroupBuilder api)
    {
        var reviews = api.MapGroup("/reviews").WithTags("Reviews").ProducesForbidden();
        reviews.MapGet("", List).ReadsQuery<ListReviews>().WithName("listReviews")
            .WithSummary("List the reviews that are needed and not published, soonest due first")
            .WithDescription("S1 and S2 incidents (at their worst) and those someone asked a review of. state=Published "
                + "lists published ones; overdue=true those due before today (UTC) and not published. Paged: follow "
                + "nextCursor.");
        reviews.MapGet("/categories", Categories).WithName("listRootCauseCategories")
            .WithSummary("The root-cause categories a review may choose from")
            .WithDescription("Set by the operator (IncidentHub:Reviews:RootCauseCategories).");

        var review = api.MapGroup("/incidents/{number}/review").WithTags("Reviews").ProducesForbidden().ProducesNotFound();
        review.MapGet("", Get).WithName("getIncidentReview")
            .Produces<string>(StatusCodes.Status200OK, MarkdownMediaType)
            .WithSummary("Get the whole review of an incident")
            .WithDescription("In the sections of GitLab's incident review template, with the milestones, the starred "
                + "timeline entries and the corrective actions. Accept: text/markdown answers the Markdown document "
                + "(also at review.md).");
        api.MapGet("/incidents/{number}/review.md", Markdown).WithTags("Reviews").ProducesForbidden().ProducesNotFound()
            .Produces<string>(StatusCodes.Status200OK, MarkdownMediaType)
            .WithName("getIncidentReviewMarkdown")
            .WithSummary("The review as a Markdown document")
            .WithDescription("To paste into a wiki or a tracker.");
        review.MapPut("", Save).ReadsJsonBody().ChangesVersioned().WithName("saveIncidentReview")
            .WithSummary("Save what the incident review says")
            .WithDescription("Replaces the written sections as a whole; it may be saved while still incomplete. A review "
                + "not started becomes a draft.");
        review.MapPut("/plan", Plan).ReadsJsonBody().ChangesVersioned().WithName("planIncidentReview")
            .WithSummary("Set the review's state, owner, due date and meeting")
            .WithDescription("As a whole: an absent owner or meeting is removed; an absent due date keeps the one set "
                + "(by default some days after the resolution). Publishing needs the root cause written.");
        review.MapPost("/request", Request).ReadsJsonBody().ChangesVersioned().WithName("requestIncidentReview")
            .WithSummary("Ask for a review of an incident its severity would not call for")
            .WithDescription("The reason is kept with who asked, and shown wherever the review is.");
        review.MapDelete("/request", Withdraw).ChangesVersioned().WithName("withdrawIncidentReviewRequest")
            .WithSummary("Withdraw a request for a review")
            .WithDescription("An S1 or S2 incident still needs its review.");

        var star = api.MapGroup("/incidents/{number}/timeline/{entryId}/star").WithTags("Reviews")
            .ProducesForbidden().ProducesNotFound();
        star.MapPut("", (string number, string entryId, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
                StarAsync(number, entryId, true, sender, http, cancellationToken))
            .ChangesVersioned().WithName("starTimelineEntry")
            .WithSummary("Star a timeline entry for the review")
            .WithDescription("Starred entries appear in the review's timeline beside the milestones. Kept on the timeline.");
        star.MapDelete("", (string number, string entryId, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
                StarAsync(number, entryId, false, sender, http, cancellationToken))
            .ChangesVersioned().WithName("unstarTimelineEntry")
            .WithSummary("Take the star off a timeline entry")
            .WithDescription("Kept on the timeline like the star.");
    }

    private static async Task<Ok<Page<ReviewListItem>>> List(
        [AsParameters] ListReviews query, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(query, cancellationToken));

    private static async Task<Ok<IReadOnlyList<string>>> Categories(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListRootCauseCategories(), cancellationToken));

    private static async Task<IResult> Get(string number, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var document = await sender.Send(new GetReview(ApiResults.IncidentNumber(number)), cancellationToken);
        return PrefersMarkdown(http.Request)
            ? Results.Text(ReviewMarkdown.Write(document), $"{MarkdownMediaType}; charset=utf-8")
            : TypedResults.Ok(document);
    }

    private static async Task<IResult> Markdown(string number, ISender sender, CancellationToken cancellationToken)
    {
        var document = await sender.Send(new GetReview(ApiResults.IncidentNumber(number)), cancellationToken);
        return Results.Text(ReviewMarkdown.Write(document), $"{MarkdownMediaType}; charset=utf-8");
    }

    /// <summary>Markdown only when asked for more than JSON: a client that accepts anything gets JSON.</summary>
    private static bool PrefersMarkdown(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        double Quality(string type) => accepted
            .Where(range => range.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(range => range.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();
        return Quality(MarkdownMediaType) > Math.Max(Quality("application/json"), 0);
    }

    private static async Task<Ok<IncidentView>> Save(
        string number, SaveReview body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) },
            cancellationToken));

    private static async Task<Ok<IncidentView>> Plan(
        string number, PlanReview body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) },
            cancellationToken));

    private static async Task<Ok<IncidentView>> Request(
        string number, RequestReview body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) },
            cancellationToken));

    private static async Task<Ok<IncidentView>> Withdraw(
        string number, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            new WithdrawReviewRequest(ApiResults.IncidentNumber(number), ETags.ExpectedVersion(http.Request)),
            cancellationToken));

    private static async Task<Ok<IncidentView>> StarAsync(
        string number, string entryId, bool starred, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (!long.TryParse(entryId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw new Features.NotFoundException($"There is no timeline entry {entryId}.");
        }

        return ApiResults.Incident(http, await sender.Send(
            new StarTimelineEntry(ApiResults.IncidentNumber(number), ETags.ExpectedVersion(http.Request), id, starred),
            cancellationToken));
    }
}
