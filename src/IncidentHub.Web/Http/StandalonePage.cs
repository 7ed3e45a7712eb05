using System.Net;
using IncidentHub.Web.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace IncidentHub.Web.Http;

/// <summary>
/// An error page written straight to the response, for when the usual page cannot be rendered: re-running the
/// pipeline for <c>/error</c> reads the session from the database, which is exactly what fails during an outage.
/// </summary>
public static class StandalonePage
{
    public static async Task WriteAsync(HttpContext context, int status, string heading, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var again = context.Request.PathBase +
            (context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{WebUtility.HtmlEncode(heading)} · IncidentHub</title>
                <link rel="stylesheet" href="/css/site.css" />
            </head>
            <body>
                <header class="site-header"><a class="brand" href="/">IncidentHub</a></header>
                <main id="main">
                    <div class="card narrow">
                        <h1>{WebUtility.HtmlEncode(heading)}</h1>
                        <p>{WebUtility.HtmlEncode(message)}</p>
                        <p><a href="{WebUtility.HtmlEncode(again)}">Try again</a></p>
                    </div>
                </main>
            </body>
            </html>
            """;
        await context.Response.WriteAsync(html, context.RequestAborted);
    }

    public static Task WriteDatabaseUnavailableAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds;
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The database is unavailable",
            "IncidentHub cannot reach its database right now. Try again in a moment. If you were saving something, "
            + "check whether it was saved before you send it again.");
    }
}
