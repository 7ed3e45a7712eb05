using IncidentHub.Domain;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.Reviews;
using IncidentHub.Web.Features.StatusUpdates;
using IncidentHub.Web.Features.Timeline;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace IncidentHub.Web.Pages.Incidents;

public sealed partial class ShowModel
{
    public Task<IActionResult> OnPostPhaseAsync(PhaseForm phase)
    {
        PhaseInput = phase;
        return SendAsync(phase, "phase", new ChangePhase
        {
            Number = Number,
            ExpectedVersion = phase.Version,
            Target = phase.Target,
            Reason = phase.Reason,
            DuplicateOf = phase.DuplicateOf,
        });
    }

    public Task<IActionResult> OnPostSeverityAsync(SeverityForm severity)
    {
        SeverityInput = severity;
        return SendAsync(severity, "severity", new ChangeSeverity
        {
            Number = Number,
            ExpectedVersion = severity.Version,
            Severity = severity.Severity,
            Reason = severity.Reason,
        });
    }

    public Task<IActionResult> OnPostAssignAsync(RoleForm assign)
    {
        AssignInput = assign;
        return SendAsync(assign, "roles", new AssignRole { Number = Number, ExpectedVersion = assign.Version, Role = assign.Role, PersonId = assign.PersonId });
    }

    public Task<IActionResult> OnPostUnassignAsync(RoleForm unassign) =>
        SendAsync(unassign, "roles", new UnassignRole(Number, unassign.Version, unassign.Role));

    public Task<IActionResult> OnPostDetailsAsync(DetailsForm details)
    {
        DetailsInput = details;
        return SendAsync(details, "details", new UpdateIncidentDetails(Number, details.Version, new IncidentDetailsChanges
        {
            Title = details.Title ?? "",
            Summary = string.IsNullOrWhiteSpace(details.Summary) ? null : details.Summary,
            Source = details.Source is { } source ? source : default(Optional<IncidentSource>),
            Services = new Optional<IReadOnlyList<string>>([.. (details.Services ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]),
            ImpactStartedAt = LocalTime.ToUtc(details.ImpactStartedAt, details.TimeZoneOffsetMinutes),
            DetectedAt = LocalTime.ToUtc(details.DetectedAt, details.TimeZoneOffsetMinutes),
            NoCorrectiveActionsReason = details.NoCorrectiveActionsReason,
        }));
    }

    public Task<IActionResult> OnPostReviewAsync(ReviewForm review)
    {
        ReviewInput = review;
        return SendAsync(review, "review", new SaveReview
        {
            Number = Number,
            ExpectedVersion = review.Version,
            RootCauseSummary = review.RootCauseSummary,
            RootCauseCategory = string.IsNullOrWhiteSpace(review.RootCauseCategory) ? null : review.RootCauseCategory,
            ContributingFactors = review.ContributingFactors,
            CustomersAffected = review.CustomersAffected,
            CustomerCount = review.CustomerCount,
            CustomerExperience = review.CustomerExperience,
            HowCustomersLearned = review.HowCustomersLearned,
            HowDetected = review.HowDetected,
            WhatWentWell = review.WhatWentWell,
            WhatWentBadly = review.WhatWentBadly,
            FiveWhys = Lines(review.FiveWhys),
            LessonsLearned = review.LessonsLearned,
            Notes = review.Notes,
        });
    }

    public Task<IActionResult> OnPostReviewPlanAsync(ReviewPlanForm reviewPlan)
    {
        ReviewPlanInput = reviewPlan;
        return SendAsync(reviewPlan, "reviewPlan", new PlanReview
        {
            Number = Number,
            ExpectedVersion = reviewPlan.Version,
            State = reviewPlan.State,
            OwnerId = reviewPlan.OwnerId,
            DueOn = reviewPlan.DueOn,
            MeetingAt = LocalTime.ToUtc(reviewPlan.MeetingAt, reviewPlan.TimeZoneOffsetMinutes),
            Attendees = Lines(reviewPlan.Attendees),
        });
    }

    public Task<IActionResult> OnPostReviewRequestAsync(ReviewRequestForm reviewRequest)
    {
        ReviewRequestInput = reviewRequest;
        return SendAsync(reviewRequest, "reviewRequest", new RequestReview
        {
            Number = Number,
            ExpectedVersion = reviewRequest.Version,
            Reason = reviewRequest.Reason,
        });
    }

    public Task<IActionResult> OnPostReviewWithdrawAsync(ReviewRequestForm reviewRequest)
    {
        ReviewRequestInput = reviewRequest;
        return SendAsync(reviewRequest, "reviewRequest", new WithdrawReviewRequest(Number, reviewRequest.Version));
    }

    /// <summary>Stars or unstars a timeline entry; like a note it cannot overwrite anything, so it needs no version.</summary>
    public Task<IActionResult> OnPostStarAsync(long entry, bool starred) =>
        SendAsync(null, "timeline", new StarTimelineEntry(Number, null, entry, starred));

    private static string[] Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>
    /// The one composer: a note goes to the timeline with its mark and time, an update to the status
    /// updates (posted now; the timeline shows it too). Notes, status updates and new corrective
    /// actions add to the incident; they cannot overwrite anything, so they need no version.
    /// </summary>
    public Task<IActionResult> OnPostComposeAsync(ComposeForm compose)
    {
        ComposeInput = compose;
        if (compose.Kind != ComposeKind.Note && (compose.Tag is not null || compose.OccurredAt is not null))
        {
            // Refused rather than dropped: the person meant the time or the mark, and would not see it was lost.
            const string onlyNotes = "Only a note takes a mark or an earlier time; an update is posted now. "
                + "Choose Note, or clear this.";
            if (compose.Tag is not null)
            {
                ModelState.AddModelError("compose.tag", onlyNotes);
            }

            if (compose.OccurredAt is not null)
            {
                ModelState.AddModelError("compose.occurredAt", onlyNotes);
            }

            return RefusedAsync(null, "compose");
        }

        return compose.Kind == ComposeKind.Note
            ? SendAsync(null, "compose", new AddTimelineEntry
            {
                Number = Number,
                Text = compose.Text,
                OccurredAt = LocalTime.ToUtc(compose.OccurredAt, compose.TimeZoneOffsetMinutes),
                Tag = compose.Tag,
            })
            : SendAsync(null, "compose", new PostStatusUpdate
            {
                Number = Number,
                Audience = compose.Kind == ComposeKind.ExternalUpdate
                    ? StatusAudience.External
                    : StatusAudience.Internal,
                Text = compose.Text,

                // The status-page fields are on the form for every kind; only an external update carries them.
                PublicStatus = compose.Kind == ComposeKind.ExternalUpdate ? compose.PublicStatus : null,
                AffectedServices = compose.Kind == ComposeKind.ExternalUpdate
                    ? compose.Affected?.Select(field => new AffectedServiceInput { Service = field.Service, Impact = field.Impact })
                        .ToList()
                    : null,
            });
    }

    public Task<IActionResult> OnPostAddActionAsync(ActionForm action)
    {
        ActionInput = action;
        return SendAsync(null, "actions", new AddCorrectiveAction
        {
            Number = Number,
            Title = action.Title,
            Description = action.Description,
            Kind = action.Kind,
            Priority = action.Priority,
            OwnerId = action.OwnerId,
            DueDate = action.DueDate,
            TrackerUrl = string.IsNullOrWhiteSpace(action.TrackerUrl) ? null : action.TrackerUrl.Trim(),
        });
    }

    public Task<IActionResult> OnPostUpdateActionAsync(ActionForm action)
    {
        ActionInput = action;
        return SendAsync(null, "actions", new UpdateCorrectiveAction(action.Id ?? Guid.Empty, action.Version, new CorrectiveActionChanges
        {
            Title = action.Title ?? "",
            Description = string.IsNullOrWhiteSpace(action.Description) ? null : action.Description,
            Kind = action.Kind is { } kind ? kind : default(Optional<CorrectiveActionKind>),
            Priority = action.Priority is { } priority ? priority : default(Optional<CorrectiveActionPriority>),
            Status = action.Status is { } status ? status : default(Optional<CorrectiveActionStatus>),
            WontDoReason = string.IsNullOrWhiteSpace(action.WontDoReason) ? null : action.WontDoReason,
            OwnerId = action.OwnerId,
            DueDate = action.DueDate,
            TrackerUrl = string.IsNullOrWhiteSpace(action.TrackerUrl) ? null : action.TrackerUrl.Trim(),
        }));
    }

    /// <summary>Says that an action shown here also answers another incident; a link, like a note, needs no version.</summary>
    public Task<IActionResult> OnPostLinkActionAsync(ActionLinkForm actionLink) =>
        SendAsync(null, "actions", new LinkCorrectiveAction { Id = actionLink.Id ?? Guid.Empty, Incident = actionLink.Incident });

    /// <summary>Takes an action of another incident off this one.</summary>
    public Task<IActionResult> OnPostUnlinkActionAsync(ActionLinkForm actionLink) =>
        SendAsync(null, "actions", new LinkCorrectiveAction
        {
            Id = actionLink.Id ?? Guid.Empty,
            Incident = Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Unlink = true,
        });

    /// <summary>
    /// Sends the command; on success back to the page (and the section) with a fresh GET, on refusal
    /// the page again with the messages beside the fields and what was typed kept. A stale version
    /// also lists what others changed meanwhile.
    /// </summary>
    private async Task<IActionResult> SendAsync<T>(VersionedForm? form, string section, ICommand<T> command)
    {
        var (succeeded, _) = await this.TrySendAsync(sender, command, fieldPrefix: $"{section}.");
        if (succeeded)
        {
            // After a move, the first screen: what the new phase asks for next.
            var fragment = section == "phase" ? "now" : section;
            return RedirectToPage("/Incidents/Show", null, new { number = Number, view = ViewOf(section) }, fragment);
        }

        return await RefusedAsync(form, section);
    }

    /// <summary>The page again, with the refused form as it was typed and the messages beside its fields.</summary>
    private async Task<IActionResult> RefusedAsync(VersionedForm? form, string section)
    {
        // Loading moves the forms' Seen on to the newest entry; what this submit had seen is older.
        var seen = form?.Seen ?? 0;
        await LoadAsync();
        if (form is not null && this.WasStale())
        {
            ChangedMeanwhile = [.. Timeline.Items.Where(entry => entry.Id > seen).OrderBy(entry => entry.Id)];

            // The retry goes against what the user now sees.
            form.Version = Incident.Version;
        }

        // The forms are drawn from the form models (the refused one keeps what was typed), never from the
        // posted values: forms that share field names (a role form per role, an edit form per action)
        // would otherwise all show what was sent with one of them, and a stale version would be sent again.
        foreach (var entry in ModelState.Values)
        {
            entry.RawValue = null;
            entry.AttemptedValue = null;
        }

        View = ViewOf(section);
        ViewData["FailedSection"] = section;
        return Page();
    }

    /// <summary>The review and the corrective actions live in the learnings view; the rest in the response.</summary>
    private static string? ViewOf(string section) =>
        section is "actions" or "review" or "reviewPlan" or "reviewRequest" ? LearningsView : null;
}
