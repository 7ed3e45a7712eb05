using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Incidents;
using Mediator;

namespace IncidentHub.Web.Features.Reviews;

/// <summary>Asks for a review of an incident whose severity would not call for one, saying why.</summary>
public sealed record RequestReview : ICommand<IncidentView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public string? Reason { get; init; }
}

public sealed class RequestReviewValidator : AbstractValidator<RequestReview>
{
    public RequestReviewValidator()
    {
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Say why this incident needs a review.")
            .MaximumLength(Incident.ReasonMaxLength);
    }
}

public sealed class RequestReviewHandler(IncidentChanges changes) : ICommandHandler<RequestReview, IncidentView>
{
    public async ValueTask<IncidentView> Handle(RequestReview command, CancellationToken cancellationToken) =>
        await changes.ApplyAndViewAsync(
            command, (incident, actor, now) => incident.RequestReview(command.Reason!, actor, now), cancellationToken);
}

/// <summary>Withdraws a request for a review; one the severity calls for stays needed.</summary>
public sealed record WithdrawReviewRequest(long Number, uint? ExpectedVersion) : ICommand<IncidentView>, IIncidentCommand;

public sealed class WithdrawReviewRequestHandler(IncidentChanges changes) : ICommandHandler<WithdrawReviewRequest, IncidentView>
{
    public async ValueTask<IncidentView> Handle(WithdrawReviewRequest command, CancellationToken cancellationToken) =>
        await changes.ApplyAndViewAsync(
            command, (incident, actor, now) => incident.WithdrawReviewRequest(actor, now), cancellationToken);
}
