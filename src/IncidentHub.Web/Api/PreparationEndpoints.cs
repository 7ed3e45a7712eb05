using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features.Preparation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

/// <summary>The Preparation board: what closes the loop from learnings back to preparation.</summary>
internal static class PreparationEndpoints
{
    public static void MapPreparationEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/preparation-board", Get).WithTags("Insights").ProducesForbidden()
            .ReadsQuery<GetPreparationBoard>().WithName("getPreparationBoard")
            .WithSummary("The Preparation board of the weekly reliability meeting")
            .WithDescription("Open corrective actions of kinds Preparation and Detection (highest priority, soonest due "
                + "first); overdue actions by owner; needed reviews due within 14 days or late; services whose last "
                + "incidents (up to three in the last days, 90 by default) had no runbook in the catalogue or were "
                + "reported by customers; services with incidents repeatWithinDays (7) apart or closer.");

    private static async Task<Ok<PreparationBoardView>> Get(
        [AsParameters] GetPreparationBoard query, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(query, cancellationToken));
}
