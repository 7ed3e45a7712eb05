using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Features.Incidents;
using Mediator;

namespace IncidentHub.Web.Features.Reviews;

/// <summary>
/// Sets the review's state, owner, due date and meeting, as a whole: an absent owner or meeting is removed, an absent
/// due date keeps the one set (by default two weeks after the resolution).
/// </summary>
public sealed record PlanReview : ICommand<IncidentView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public ReviewState? State { get; init; }

    public Guid? OwnerId { get; init; }

    public DateOnly? DueOn { get; init; }

    public DateTimeOffset? MeetingAt { get; init; }

    public IReadOnlyList<string>? Attendees { get; init; }
}

public sealed class PlanReviewValidator : AbstractValidator<PlanReview>
{
    public PlanReviewValidator()
    {
        RuleFor(command => command.State).NotNull().WithMessage("Choose the review's state.").IsInEnum();
        RuleFor(command => command.DueOn)
            .InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2999, 12, 31))
            .WithMessage("Give a due date between 2000 and 2999.");
        RuleFor(command => command.MeetingAt)
            .InclusiveBetween(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2999, 12, 31, 0, 0, 0, TimeSpan.Zero))
            .WithMessage("Give a meeting time between 2000 and 2999.");
        RuleFor(command => command.Attendees).MaxItems(ReviewPlan.MaxAttendees)
            .WithMessage($"Keep to at most {ReviewPlan.MaxAttendees} attendees.");
        RuleForEach(command => command.Attendees).NotNull().MaximumLength(ReviewPlan.AttendeeMaxLength);
    }
}

public sealed class PlanReviewHandler(IncidentChanges changes, IncidentHubDbContext db) : ICommandHandler<PlanReview, IncidentView>
{
    public async ValueTask<IncidentView> Handle(PlanReview command, CancellationToken cancellationToken)
    {
        await db.EnsureOwnerExistsAsync(command.OwnerId, cancellationToken);

        var plan = new ReviewPlan(command.State!.Value, command.OwnerId, command.DueOn, command.MeetingAt, command.Attendees ?? []);
        return await changes.ApplyAndViewAsync(
            command, (incident, actor, now) => incident.PlanReview(plan, actor, now), cancellationToken);
    }
}
