using FluentValidation;
using FluentValidation.Results;
using IncidentHub.Domain;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

internal static class ApiResults
{
    /// <summary>"42" or "INC-42"; anything else names no incident.</summary>
    public static long IncidentNumber(string text) =>
        IncidentNumbers.TryParse(text, out var number) ? number : throw new NotFoundException($"There is no incident {text}.");

    public static IncidentRole Role(string text) =>
        EnumText.TryParse<IncidentRole>(text, out var role) && role is { } named
            ? named
            : throw new NotFoundException($"There is no role {text}. The roles are {string.Join(", ", Enum.GetNames<IncidentRole>())}.");

    public static Ok<IncidentView> Incident(HttpContext http, IncidentView view)
    {
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }

    public static Ok<CorrectiveActionView> Action(HttpContext http, CorrectiveActionView view)
    {
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }

    public static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
