using IncidentHub.Web.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentHub.Web.Api.OpenApi;

/// <summary>
/// The error answers a route gives, declared once per kind of route. Errors are thrown and turned into problem
/// details in one place (ProblemDetailsExceptionHandler), so a handler's return type names only its success; these
/// declarations are what tells the OpenAPI document about the rest.
/// </summary>
internal static class ApiResponses
{
    /// <summary>What any route can answer: no or a bad token, too many requests, a failure on our side.</summary>
    public static RouteGroupBuilder ProducesApiProblems(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Finally(DeclareIdempotency);
        return api
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// The POSTs IdempotencyMiddleware runs once per key, with the answers the key itself gives: 409 while the first
    /// request runs, 422 for the same key with another body. Last, so that it sees the route's own metadata.
    /// </summary>
    private static void DeclareIdempotency(EndpointBuilder endpoint)
    {
        var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(method => method.HttpMethods);
        if (methods.Any(HttpMethods.IsPost) && !endpoint.Metadata.OfType<NotIdempotentAttribute>().Any())
        {
            endpoint.Metadata.Add(new HonoursIdempotencyKey());
            endpoint.Metadata.Add(Problem(StatusCodes.Status409Conflict));
            endpoint.Metadata.Add(Problem(StatusCodes.Status422UnprocessableEntity));
        }
    }

    /// <summary>Routes whose command or query needs more than being signed in (a role or a token scope).</summary>
    public static TBuilder ProducesForbidden<TBuilder>(this TBuilder route)
        where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(Problem(StatusCodes.Status403Forbidden));

    /// <summary>Routes with query parameters: a value that does not parse or is out of bounds is a 400.</summary>
    public static RouteHandlerBuilder ReadsQuery<TQuery>(this RouteHandlerBuilder route) => route
        .WithMetadata(new QueryParametersOf(typeof(TQuery)))
        .ProducesValidationProblem();

    /// <summary>Routes that read a JSON body: a body that is not JSON is a 415, one that is not valid a 400.</summary>
    public static RouteHandlerBuilder ReadsJsonBody(this RouteHandlerBuilder route) => route
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Routes that name a resource in the path, which may not exist.</summary>
    public static TBuilder ProducesNotFound<TBuilder>(this TBuilder route)
        where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(Problem(StatusCodes.Status404NotFound));

    /// <summary>
    /// Changes of an incident or a corrective action: optional <c>If-Match</c> (412 when stale), 409 when a rule
    /// refuses the change or someone changed it at the same moment.
    /// </summary>
    public static RouteHandlerBuilder ChecksIfMatch(this RouteHandlerBuilder route) => route
        .WithMetadata(new ReadsIfMatch())
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>A change as <see cref="ChecksIfMatch"/> whose answer carries the new version as <c>ETag</c>.</summary>
    public static RouteHandlerBuilder ChangesVersioned(this RouteHandlerBuilder route) =>
        route.ChecksIfMatch().AnswersETag();

    /// <summary>Routes whose answer carries the resource's version as its <c>ETag</c>.</summary>
    public static RouteHandlerBuilder AnswersETag(this RouteHandlerBuilder route) =>
        route.WithMetadata(new AnswersETag());

    /// <summary>Routes a rule can refuse with a 409 (an email already taken, the last admin).</summary>
    public static RouteHandlerBuilder ProducesConflict(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status409Conflict);

    private static ProducesResponseTypeMetadata Problem(int status) =>
        new(status, typeof(ProblemDetails), ["application/problem+json"]);
}

/// <summary>The route runs once per <c>Idempotency-Key</c>.</summary>
internal sealed class HonoursIdempotencyKey;

/// <summary>The route reads an optional <c>If-Match</c> header.</summary>
internal sealed class ReadsIfMatch;

/// <summary>The route answers with an <c>ETag</c>.</summary>
internal sealed class AnswersETag;

/// <summary>The query whose validator checks the route's query parameters.</summary>
internal sealed record QueryParametersOf(Type Query);
