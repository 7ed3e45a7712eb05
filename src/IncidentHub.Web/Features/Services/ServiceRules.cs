using FluentValidation;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Services;

internal static class ServiceRules
{
    public const string SlugTaken = "ServiceSlugTaken";

    public const string RunbookUrlMessage = "Give a full http or https link to the runbook.";

    public static NotFoundException NotFound(string slug) => new($"There is no service {slug} in the catalogue.");

    /// <summary>
    /// A slug as incidents and alerts name it. A name typed in its place is refused with the slug it would make,
    /// rather than changed silently, so that the person sees the name others will use.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ValidSlug<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Give the service a slug, the name incidents and alerts use for it.")
            .MaximumLength(ServiceSlug.MaxLength)
            .Must(slug => string.IsNullOrEmpty(slug) || ServiceSlug.IsSlug(slug))
            .WithMessage((_, slug) => SlugMessage(slug!));

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Give the service a name.").MaximumLength(Service.NameMaxLength);

    public static IRuleBuilderOptions<T, string?> ValidRunbookUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Service.RunbookUrlMaxLength)
            .Must(url => string.IsNullOrWhiteSpace(url) || WebLinks.IsWebLink(url))
            .WithMessage(RunbookUrlMessage);

    private static string SlugMessage(string slug) => ServiceSlug.From(slug) is { Length: > 0 } suggestion
        ? $"Use lower case letters, digits, dots and underscores, with hyphens between words: \"{suggestion}\"."
        : "A slug needs a letter or a digit.";
}
