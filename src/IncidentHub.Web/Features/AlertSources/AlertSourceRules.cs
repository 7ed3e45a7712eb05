using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.AlertSources;

/// <summary>
/// What a source's settings must satisfy, written once for creating and changing a source, so that the two (and the
/// OpenAPI document, which reads these validators) cannot drift.
/// </summary>
public static class AlertSourceRules
{
    public const string NameTaken = "AlertSourceNameTaken";

    private static readonly string RateMessage =
        $"Allow from 1 to {AlertSource.MaxNewIncidentsPerMinuteLimit} new incidents a minute.";

    public static IRuleBuilderOptions<T, string?> AlertSourceName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Name the source after what sends its alerts, e.g. \"Prometheus production\".")
            .MaximumLength(AlertSource.NameMaxLength);

    public static IRuleBuilderOptions<T, string?> DefaultService<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(NewIncident.ServiceMaxLength)
            .Must(name => string.IsNullOrEmpty(name) || ServiceSlug.From(name).Length > 0)
            .WithMessage(NewIncidentRules.ServiceNeedsLetter);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> LabelNames<T>(
        this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.MaxItems(AlertSource.MaxLabelNames)
            .WithMessage($"Give at most {AlertSource.MaxLabelNames} label names; leave the list empty for the default.");

    public static IRuleBuilderOptions<T, string?> LabelName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Give a label name, or remove the empty one.")
            .MaximumLength(AlertSource.LabelNameMaxLength);

    public static IRuleBuilderOptions<T, string?> ServiceLabel<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(AlertSource.LabelNameMaxLength);

    public static IRuleBuilderOptions<T, int?> NewIncidentsPerMinute<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, AlertSource.MaxNewIncidentsPerMinuteLimit).WithMessage(RateMessage);

    public static IRuleBuilderOptions<T, int> NewIncidentsPerMinute<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, AlertSource.MaxNewIncidentsPerMinuteLimit).WithMessage(RateMessage);

    public static NotFoundException NotFound() => new("There is no alert source with this id.");

    /// <summary>
    /// Names are unique whatever their case: "Prometheus" and "prometheus" would be two sources nobody can tell apart
    /// in a list. (The unique index, which compares exactly, catches two admins racing with the same name.)
    /// </summary>
    public static async Task EnsureNameFreeAsync(
        this IncidentHubDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var pattern = LikePattern.Exactly(name);
        if (await db.AlertSources.AnyAsync(
            source => EF.Functions.ILike(source.Name, pattern, LikePattern.Escape) && source.Id != except,
            cancellationToken))
        {
            throw new RuleViolationException(
                NameTaken, $"Another alert source is already named \"{name.Trim()}\"; give this one another name.");
        }
    }
}
