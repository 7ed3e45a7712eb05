using IncidentHub.Web.Data;
namespace IncidentHub.Web.Http;

/// <summary>
/// The outermost middleware of the app: whatever escapes the exception handler (a failure while it re-runs the
/// pipeline for the error page, say) still gets a plain answer here. In Development the framework's exception
/// page sits outside this one and would otherwise show the stack trace and the request's headers, bearer token
/// included.
/// </summary>
public sealed partial class LastChanceErrors(RequestDelegate next, ILogger<LastChanceErrors> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception)
            when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var outage = DatabaseOutage.Is(exception);
            LogEscaped(logger, exception, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                var problem = ProblemDetailsExceptionHandler.ToProblem(exception);
                context.Response.StatusCode = problem.Status!.Value;
                if (outage)
                {
                    context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds;
                }

                await context.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
            }
            else if (outage)
            {
                await StandalonePage.WriteDatabaseUnavailableAsync(context);
            }
            else
            {
                await StandalonePage.WriteAsync(
                    context,
                    StatusCodes.Status500InternalServerError,
                    "Something went wrong",
                    "IncidentHub could not complete this. It was logged; if you report it, quote "
                    + $"{System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier}.");
            }
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Unhandled exception escaped the error handler for {Method} {Path}")]
    private static partial void LogEscaped(ILogger logger, Exception exception, string method, string path);
}
