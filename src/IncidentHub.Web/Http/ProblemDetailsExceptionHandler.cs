using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Ingestion;
using IncidentHub.Web.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentHub.Web.Http;

/// <summary>
/// The one place where exceptions become RFC 9457 problem details. Anything unexpected becomes a
/// bare 500 with a trace id: never a stack trace.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public const string ProblemKey = "IncidentHub.Problem";

    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        httpContext.Items[ProblemKey] = problem;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected while PostgreSQL restarts or fails over: one line, not a stack trace per request.
            logger.LogWarning("Database unavailable for {Method} {Path}: {Reason}", httpContext.Request.Method,
                httpContext.Request.Path, exception.InnerException?.Message ?? exception.Message);
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(
                exception,
                "Unhandled exception for {Method} {Path}",
                httpContext.Request.Method,
                httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds;
        }

        // The middleware has already pointed the request at /error; what counts is where it was going.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
            && !path.Equals("/api", StringComparison.OrdinalIgnoreCase))
        {
            if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                await StandalonePage.WriteDatabaseUnavailableAsync(httpContext);
                return true;
            }

            // Pages answer with the friendly error page (re-executed at /error), which reads the problem from Items.
            return false;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        _ when DatabaseOutage.Is(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable",
            "The database cannot be reached right now. Retry after the time given in Retry-After; a write retried with "
            + "the same Idempotency-Key lands once."),
        ValidationException validation => Invalid(validation.Errors
            .GroupBy(error => FieldName(error.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray())),
        PayloadRejectedException payload => Invalid(payload.Errors),
        DomainValidationException domain => Invalid(new() { [domain.Field] = [domain.Message] }),
        InvalidReferenceException reference => Invalid(new() { [reference.Field] = [reference.Message] }),
        BadHttpRequestException badRequest => BadRequestProblems.From(badRequest),
        ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", forbidden.Message),
        UnauthorizedAccessException =>
            Problem(StatusCodes.Status401Unauthorized, "Sign-in required", "Sign in, or send an API token."),
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message),
        RuleViolationException rule => RuleProblem(rule),
        PreconditionFailedException stale =>
            Problem(StatusCodes.Status412PreconditionFailed, "Changed by someone else", stale.Message),
        DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "Changed by someone else",
            "Someone else changed this at the same time. Read it again and retry."),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            Problem(StatusCodes.Status409Conflict, "Already exists",
                "Something with the same unique value already exists."),
        OperationCanceledException => Problem(499, "Request cancelled", "The client closed the request."),
        InvalidOperationException when IsUnknownCharset(exception) =>
            Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The charset in Content-Type is not one the server knows. Send the body as JSON in UTF-8: "
                + "Content-Type: application/json; charset=utf-8."),
        _ => Problem(StatusCodes.Status500InternalServerError, "Something went wrong",
            "The server could not complete the request. It was logged; quote the trace id when you report it."),
    };

    /// <summary>
    /// Reading a JSON body whose Content-Type names a charset .NET does not know fails before any JSON is read.
    /// </summary>
    private static bool IsUnknownCharset(Exception exception) =>
        exception is InvalidOperationException { InnerException: ArgumentException }
            && exception.TargetSite?.DeclaringType == typeof(HttpRequestJsonExtensions);

    /// <summary>
    /// "FiveWhys[0]" → "fiveWhys[0]", "Changes.Title" → "title", "AffectedServices[1].Impact" →
    /// "affectedServices[1].impact": the names the client sent. Leading segments without an index are the command's
    /// own wrappers (Changes, Details), not fields of the body; from the first indexed one on, the path is the body's.
    /// </summary>
    public static string FieldName(string propertyName)
    {
        var segments = propertyName.Split('.', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 1 && segments[^1] == "Value")
        {
            segments.RemoveAt(segments.Count - 1);
        }

        while (segments.Count > 1 && !segments[0].Contains('[', StringComparison.Ordinal))
        {
            segments.RemoveAt(0);
        }

        return string.Join('.', segments.Select(segment => char.ToLowerInvariant(segment[0]) + segment[1..]));
    }

    private static ValidationProblemDetails Invalid(Dictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request is not valid",
        Detail = "See the errors for each field.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    };

    private static ProblemDetails RuleProblem(RuleViolationException violation)
    {
        var problem = Problem(StatusCodes.Status409Conflict, "Refused by a rule", violation.Message);
        problem.Extensions["rule"] = violation.Rule;
        problem.Extensions["rules"] = violation.Breaches
            .Select(breach => new { rule = breach.Rule, message = breach.Message })
            .ToArray();
        return problem;
    }

    public static ProblemDetails Problem(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
    };
}
