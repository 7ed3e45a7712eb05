using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.CorrectiveActions;

internal static class CorrectiveActionRules
{
    public static bool IsTrackerUrl(string? url) =>
        url is null || WebLinks.IsWebLink(url);

    public const string TrackerUrlMessage = "Give a full http or https link to the tracker.";

    public static IRuleBuilderOptions<T, string?> ValidTrackerUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(CorrectiveAction.TrackerUrlMaxLength).Must(IsTrackerUrl).WithMessage(TrackerUrlMessage);

    public static async Task EnsureOwnerExistsAsync(
        this IncidentHubDbContext db, Guid? ownerId, CancellationToken cancellationToken)
    {
        if (ownerId is { } id && !await db.People.AnyAsync(person => person.Id == id, cancellationToken))
        {
            throw new InvalidReferenceException("ownerId", "No person has this id.");
        }
    }
}
