using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using Mediator;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>
/// Writes the incident review as a whole. It can be saved while still incomplete; closing the
/// incident needs its root-cause summary (<see cref="ExitRules.ReviewRequired"/>).
/// </summary>
public sealed record SaveReview : ICommand<IncidentView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public string? RootCauseSummary { get; init; }

    public string? ContributingFactors { get; init; }

    public string? WhatWentWell { get; init; }

    public string? WhatWentBadly { get; init; }

    public IReadOnlyList<string>? FiveWhys { get; init; }

    public string? Notes { get; init; }
}

public sealed class SaveReviewValidator : AbstractValidator<SaveReview>
{
    public SaveReviewValidator()
    {
        RuleFor(command => command.RootCauseSummary).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.ContributingFactors).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.WhatWentWell).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.WhatWentBadly).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.Notes).MaximumLength(IncidentReview.TextMaxLength);
        RuleFor(command => command.FiveWhys).MaxItems(IncidentReview.MaxWhys)
            .WithMessage($"Keep to at most {IncidentReview.MaxWhys} whys.");
        RuleForEach(command => command.FiveWhys).NotNull().MaximumLength(2_000);
    }
}

public sealed class SaveReviewHandler(IncidentChanges changes) : ICommandHandler<SaveReview, IncidentView>
{
    public async ValueTask<IncidentView> Handle(SaveReview command, CancellationToken cancellationToken)
    {
        var review = new IncidentReview
        {
            RootCauseSummary = command.RootCauseSummary?.Trim() ?? "",
            ContributingFactors = command.ContributingFactors,
            WhatWentWell = command.WhatWentWell,
            WhatWentBadly = command.WhatWentBadly,
            FiveWhys =
            [
                .. (command.FiveWhys ?? []).Where(why => !string.IsNullOrWhiteSpace(why)).Select(why => why.Trim()),
            ],
            Notes = command.Notes,
        };
        return await changes.ApplyAndViewAsync(
            command, (incident, actor, now) => incident.SaveReview(review, actor, now), cancellationToken);
    }
}
