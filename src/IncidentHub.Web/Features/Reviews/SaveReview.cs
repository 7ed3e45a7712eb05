using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Incidents;
using Mediator;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Features.Reviews;

/// <summary>
/// Writes what the incident review says, as a whole. It can be saved while still incomplete; closing the incident
/// needs its root-cause summary (<see cref="ExitRules.ReviewRequired"/>), publishing it too.
/// </summary>
public sealed record SaveReview : ICommand<IncidentView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public string? RootCauseSummary { get; init; }

    /// <summary>One of the categories the review settings list (GET /api/v1/reviews/categories).</summary>
    public string? RootCauseCategory { get; init; }

    public string? ContributingFactors { get; init; }

    public string? CustomersAffected { get; init; }

    public string? CustomerCount { get; init; }

    public string? CustomerExperience { get; init; }

    public string? HowCustomersLearned { get; init; }

    public string? HowDetected { get; init; }

    public string? WhatWentWell { get; init; }

    public string? WhatWentBadly { get; init; }

    public IReadOnlyList<string>? FiveWhys { get; init; }

    public string? LessonsLearned { get; init; }

    public string? Notes { get; init; }
}

public sealed class SaveReviewValidator : AbstractValidator<SaveReview>
{
    public SaveReviewValidator(IOptions<ReviewOptions> options)
    {
        var categories = options.Value.Categories;
        RuleFor(command => command.RootCauseSummary).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.RootCauseCategory)
            .Must(category => category is null || categories.Contains(category, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"Choose one of: {string.Join(", ", categories)}.")
            .MaximumLength(IncidentReview.ShortTextMaxLength);
        RuleFor(command => command.ContributingFactors).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.CustomersAffected).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.CustomerCount).MaximumLength(IncidentReview.ShortTextMaxLength);
        RuleFor(command => command.CustomerExperience).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.HowCustomersLearned).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.HowDetected).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.WhatWentWell).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.WhatWentBadly).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.LessonsLearned).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.Notes).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.FiveWhys).MaxItems(IncidentReview.MaxWhys)
            .WithMessage($"Keep to at most {IncidentReview.MaxWhys} whys.");
        RuleForEach(command => command.FiveWhys).NotNull().MaximumLength(2_000);
    }
}

public sealed class SaveReviewHandler(IncidentChanges changes, IOptions<ReviewOptions> options)
    : ICommandHandler<SaveReview, IncidentView>
{
    public async ValueTask<IncidentView> Handle(SaveReview command, CancellationToken cancellationToken)
    {
        var review = new IncidentReview
        {
            RootCauseSummary = command.RootCauseSummary?.Trim() ?? "",
            RootCauseCategory = options.Value.Categories.FirstOrDefault(category =>
                string.Equals(category, command.RootCauseCategory, StringComparison.OrdinalIgnoreCase)),
            ContributingFactors = Text(command.ContributingFactors),
            CustomersAffected = Text(command.CustomersAffected),
            CustomerCount = Text(command.CustomerCount),
            CustomerExperience = Text(command.CustomerExperience),
            HowCustomersLearned = Text(command.HowCustomersLearned),
            HowDetected = Text(command.HowDetected),
            WhatWentWell = Text(command.WhatWentWell),
            WhatWentBadly = Text(command.WhatWentBadly),
            FiveWhys =
            [
                .. (command.FiveWhys ?? []).Where(why => !string.IsNullOrWhiteSpace(why)).Select(why => why.Trim()),
            ],
            LessonsLearned = Text(command.LessonsLearned),
            Notes = Text(command.Notes),
        };
        return await changes.ApplyAndViewAsync(
            command, (incident, actor, now) => incident.SaveReview(review, actor, now), cancellationToken);
    }

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
