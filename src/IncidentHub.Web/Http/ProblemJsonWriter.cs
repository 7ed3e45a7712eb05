using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Http;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's <c>Accept</c> says. The
/// framework's writer declines when <c>Accept</c> names neither JSON nor <c>*/*</c>, and the service then throws,
/// so <c>Accept: text/html</c> turned a 401 into a 500. A client that asks for XML still gets an answer it can
/// show; RFC 9110 allows ignoring <c>Accept</c> rather than answering 406.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<JsonOptions> json, IOptions<ProblemDetailsOptions> options)
    : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Status ??= http.Response.StatusCode;
        problem.Type ??= TypeOf(problem.Status.Value);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        // Adds the traceId (Program.cs), as for every problem.
        options.Value.CustomizeProblemDetails?.Invoke(context);
        await http.Response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, ContentType, http.RequestAborted);
    }

    /// <summary>The RFC 9110 section that defines the status, as the framework's own writer links it.</summary>
    private static string? TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        406 => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };
}
