using FluentValidation;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>What every new incident record must satisfy, drafted or declared.</summary>
public sealed class NewIncidentRules : AbstractValidator<NewIncident>
{
    public const string ServiceNeedsLetter =
        "Name a service with at least one letter or digit; it is kept as its slug (\"Payments API\" is payments-api).";

    public NewIncidentRules()
    {
        RuleFor(details => details.Title).NotEmpty().WithMessage("Give the incident a title.")
            .MaximumLength(NewIncident.TitleMaxLength);
        RuleFor(details => details.Summary).MaximumLength(NewIncident.SummaryMaxLength);
        RuleFor(details => details.Severity).IsInEnum();
        RuleFor(details => details.Source).IsInEnum();
        RuleFor(details => details.Services).NotNull().WithMessage("Leave services out, or give a list.")
            .MaxItems(NewIncident.MaxServices)
            .WithMessage($"An incident can name at most {NewIncident.MaxServices} services.");
        RuleForEach(details => details.Services).NotEmpty().MaximumLength(NewIncident.ServiceMaxLength)
            .Must(name => string.IsNullOrWhiteSpace(name) || ServiceSlug.From(name).Length > 0).WithMessage(ServiceNeedsLetter);
        RuleFor(details => details.DetectedAt)
            .GreaterThanOrEqualTo(details => details.ImpactStartedAt)
            .When(details => details.ImpactStartedAt is not null && details.DetectedAt is not null)
            .WithMessage("The problem cannot be detected before its impact started.");
    }
}
