using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features.Insights;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

/// <summary>Figures across incidents for a period: what the insights page shows, for scripts and spreadsheets.</summary>
internal static class InsightsEndpoints
{
    public static void MapInsightsEndpoints(this RouteGroupBuilder api)
    {
        var insights = api.MapGroup("/insights").WithTags("Insights").ProducesForbidden();
        insights.MapGet("", Get).ReadsQuery<GetInsights>().WithName("getInsights")
            .WithSummary("Figures across incidents for a period, with the period before it beside")
            .WithDescription("Counts (reopened ones too), the share detected by monitoring, time to detect, mitigate "
                + "and resolve (median and 90th percentile, in seconds, read from duration buckets: within 10 %), the "
                + "share mitigated within 30 minutes; by month, severity, source and service; how many were mitigated "
                + "and resolved within each range of time; services with incidents within recurrenceDays (1-90, "
                + "default 7) days of an earlier one; the corrective actions opened in the period. from and to are "
                + "days (UTC), both included; by default the year to today. One filter at a time: severity, service, "
                + "source or team.");
        foreach (var table in InsightsCsv.Tables)
        {
            insights.MapGet($"/{table}.csv", (
                    [AsParameters] GetInsights query, ISender sender, CancellationToken cancellationToken) =>
                    CsvAsync(table, query, sender, cancellationToken))
                .ReadsQuery<GetInsights>()
                .Produces<string>(StatusCodes.Status200OK, "text/csv")
                .WithName($"getInsights{string.Concat(table.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]))}Csv")
                .WithSummary($"The {table.Replace('-', ' ')} table of the insights, as CSV")
                .WithDescription("The same filters and figures as getInsights; the last row is the whole period.");
        }
    }

    private static async Task<Ok<InsightsView>> Get(
        [AsParameters] GetInsights query, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(query, cancellationToken));

    private static async Task<IResult> CsvAsync(
        string table, GetInsights query, ISender sender, CancellationToken cancellationToken)
    {
        var view = await sender.Send(query, cancellationToken);
        return Results.Text(
            InsightsCsv.Write(view, table), "text/csv; charset=utf-8", System.Text.Encoding.UTF8);
    }
}
