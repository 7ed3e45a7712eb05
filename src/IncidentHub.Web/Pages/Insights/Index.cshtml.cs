using FluentValidation;
using IncidentHub.Web.Features.Insights;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace IncidentHub.Web.Pages.Insights;

/// <summary>
/// How incidents went over a period: the figures of <see cref="GetInsights"/>, a chart of declarations and time to
/// mitigate by month (drawn on the server, with its table beside it), and each table as CSV.
/// </summary>
public sealed class IndexModel(ISender sender, IOptions<JsonOptions> json) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public GetInsights Filter { get; set; } = new();

    public InsightsView? Insights { get; private set; }

    /// <summary>The filters as query values, for the CSV links.</summary>
    public Dictionary<string, string?> Query { get; } = [];

    public async Task OnGetAsync()
    {
        foreach (var (key, value) in Request.Query.Where(pair => pair.Key is not "handler" and not "table"))
        {
            Query[key] = value.ToString();
        }

        try
        {
            Insights = await sender.Send(Filter, HttpContext.RequestAborted);
        }
        catch (ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }
    }

    /// <summary>One table as CSV, for a spreadsheet: the same figures the API's CSV routes give.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? table)
    {
        if (table is null || !InsightsCsv.Tables.Contains(table))
        {
            return NotFound();
        }

        var view = await sender.Send(Filter, HttpContext.RequestAborted);
        var file = $"incidenthub-{table}-{view.From:yyyy-MM-dd}-{view.To:yyyy-MM-dd}.csv";
        return File(System.Text.Encoding.UTF8.GetBytes(InsightsCsv.Write(view, table)), "text/csv; charset=utf-8", file);
    }

    /// <summary>Everything, as the API answers it.</summary>
    public async Task<IActionResult> OnGetJsonAsync() =>
        new JsonResult(await sender.Send(Filter, HttpContext.RequestAborted), json.Value.SerializerOptions);

    /// <summary>A share as a person reads it.</summary>
    public static string Percent(double? share) =>
        share is { } value
            ? (value * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%"
            : "—";

    /// <summary>The change from the period before, in words a screen reader reads well.</summary>
    public static string Change(int now, int before) => (now - before) switch
    {
        0 => "same as before",
        > 0 and var up => $"{up} more than before",
        var down => $"{-down} fewer than before",
    };
}
