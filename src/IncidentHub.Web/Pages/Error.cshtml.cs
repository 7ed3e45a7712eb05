using System.Diagnostics;
using IncidentHub.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages;

/// <summary>The friendly page for 404, 403 and failures: what happened in plain words, never technical detail.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "";

    public string? TraceId { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        var code = status ?? HttpContext.Response.StatusCode;
        var problem = HttpContext.Items[ProblemDetailsExceptionHandler.ProblemKey] as ProblemDetails;
        (Heading, Message) = code switch
        {
            StatusCodes.Status404NotFound => ("Not found", "There is nothing here. The link may be wrong, or the thing it pointed at no longer exists."),
            StatusCodes.Status403Forbidden => ("Not allowed", problem?.Detail ?? "Your role does not allow this. Ask an admin if you need it."),
            StatusCodes.Status400BadRequest => ("That did not work", "The form could not be read. Go back, reload the page and try again."),
            StatusCodes.Status429TooManyRequests => ("Too many attempts", "Wait a minute, then try again."),
            >= 400 and < 500 => ("That did not work", problem?.Detail ?? "The request could not be completed."),
            _ => ("Something went wrong", "IncidentHub could not complete this. It was logged; try again in a moment."),
        };
        if (code >= 500)
        {
            TraceId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        }

        if (status is not null)
        {
            HttpContext.Response.StatusCode = code;
        }
    }
}
