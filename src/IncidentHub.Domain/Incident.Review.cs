namespace IncidentHub.Domain;

/// <summary>The incident review: whether one is needed, who runs it and when, what it says, and its starred moments.</summary>
public sealed partial class Incident
{
    public ReviewState ReviewState { get; private set; }

    public Guid? ReviewOwnerId { get; private set; }

    /// <summary>When the review is due; set to a default after the resolution when a review is needed and none was set.</summary>
    public DateOnly? ReviewDueOn { get; private set; }

    public DateTimeOffset? ReviewMeetingAt { get; private set; }

    public List<string> ReviewAttendees { get; private set; } = [];

    /// <summary>Set when someone asks for a review of an incident whose severity would not need one.</summary>
    public DateTimeOffset? ReviewRequestedAt { get; private set; }

    public string? ReviewRequestedByName { get; private set; }

    public string? ReviewRequestReason { get; private set; }

    /// <summary>S1 and S2 incidents (at their worst) always need a review; others when someone asked for one.</summary>
    public bool ReviewRequired =>
        Phase != Phase.Dismissed && DeclaredAt is not null &&
        (WorstSeverity?.IsHighImpact() == true || ReviewRequestedAt is not null);

    public bool ReviewOverdue(DateTimeOffset now) =>
        ReviewRequired && ReviewState != ReviewState.Published &&
        ReviewDueOn < DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>
    /// How long customers were degraded: from the impact's start until it was mitigated (or, when no mitigation was
    /// recorded, resolved), in whole minutes; null while it lasts.
    /// </summary>
    public int? MinutesOfDegradation =>
        (MitigatedAt ?? ResolvedAt) - EffectiveImpactStartedAt is { } degraded
            ? (int)Math.Round(degraded.TotalMinutes, MidpointRounding.AwayFromZero)
            : null;

    /// <summary>How long after the detection the response started, the response starting with the declaration.</summary>
    public TimeSpan? TimeToRespond => DeclaredAt - EffectiveDetectedAt;

    public void SaveReview(IncidentReview review, Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        now = now.ToStored();
        var first = Review is null;
        Review = review with { UpdatedAt = now, UpdatedByName = actor.Name };
        if (ReviewState == ReviewState.NotStarted)
        {
            ReviewState = ReviewState.Draft;
        }

        Append(
            TimelineEventKind.ReviewSaved,
            first ? "Started the incident review." : "Updated the incident review.",
            actor,
            now);
        Touch(now);
    }

    /// <summary>
    /// Sets the review's state, owner, due date and meeting; returns false when nothing changed. Moving on from
    /// "not started" needs something written, and publishing needs the root cause: a published review is read by
    /// people who were not there.
    /// </summary>
    public bool PlanReview(ReviewPlan plan, Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        now = now.ToStored();
        if (plan.State != ReviewState.NotStarted && Review is null)
        {
            throw new DomainValidationException("state", "Write the review before moving it on from \"Not started\".");
        }

        if (plan.State == ReviewState.NotStarted && Review is not null)
        {
            throw new DomainValidationException("state", "The review has been written: it is at least a draft.");
        }

        if (plan.State == ReviewState.Published && string.IsNullOrWhiteSpace(Review?.RootCauseSummary))
        {
            throw new DomainValidationException("state", "Write the root cause before publishing the review.");
        }

        var attendees = plan.Attendees
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Select(name => name.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var meetingAt = plan.MeetingAt.ToStored();
        var described = new List<string>();
        if (plan.State != ReviewState)
        {
            described.Add($"state to {plan.State.Describe()}");
        }

        if (plan.OwnerId != ReviewOwnerId)
        {
            described.Add(plan.OwnerId is null ? "owner removed" : "owner");
        }

        if (plan.DueOn is { } dueOn && dueOn != ReviewDueOn)
        {
            described.Add($"due date to {dueOn:yyyy-MM-dd}");
        }

        if (meetingAt != ReviewMeetingAt)
        {
            described.Add(meetingAt is null ? "meeting removed" : $"meeting to {meetingAt:yyyy-MM-dd HH:mm} UTC");
        }

        if (!attendees.SequenceEqual(ReviewAttendees))
        {
            described.Add("attendees");
        }

        if (described.Count == 0)
        {
            return false;
        }

        ReviewState = plan.State;
        ReviewOwnerId = plan.OwnerId;
        ReviewDueOn = plan.DueOn ?? ReviewDueOn;
        ReviewMeetingAt = meetingAt;
        ReviewAttendees = attendees;
        Append(TimelineEventKind.ReviewSaved, $"Review planned: {string.Join(", ", described)}.", actor, now);
        Touch(now);
        return true;
    }

    /// <summary>Asks for a review the severity would not call for; returns false when one was already asked for.</summary>
    public bool RequestReview(string reason, Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        if (ReviewRequestedAt is not null)
        {
            return false;
        }

        reason = string.IsNullOrWhiteSpace(reason)
            ? throw new DomainValidationException("reason", "Say why this incident needs a review.")
            : reason.Trim();
        now = now.ToStored();
        ReviewRequestedAt = now;
        ReviewRequestedByName = actor.Name;
        ReviewRequestReason = reason;
        Append(TimelineEventKind.ReviewRequested, $"Requested a review. Reason: {reason}", actor, now);
        Touch(now);
        return true;
    }

    /// <summary>Withdraws a request; the review stays needed if the severity calls for one.</summary>
    public bool WithdrawReviewRequest(Actor actor, DateTimeOffset now)
    {
        EnsureNotDismissed();
        if (ReviewRequestedAt is null)
        {
            return false;
        }

        now = now.ToStored();
        ReviewRequestedAt = null;
        ReviewRequestedByName = null;
        ReviewRequestReason = null;
        Append(TimelineEventKind.ReviewRequested, "Withdrew the request for a review.", actor, now);
        Touch(now);
        return true;
    }

    /// <summary>
    /// Gives a needed review its default due date, <paramref name="dueDays"/> after the resolution, unless it has
    /// one: run after every change, since a review may become needed (a raised severity, a request) after the
    /// resolution.
    /// </summary>
    public void ScheduleReview(int dueDays)
    {
        if (ReviewRequired && ReviewDueOn is null && ResolvedAt is { } resolvedAt)
        {
            ReviewDueOn = DateOnly.FromDateTime(resolvedAt.UtcDateTime).AddDays(dueDays);
        }
    }

    /// <summary>Stars an entry of this incident's timeline for the review; returns false when it already is.</summary>
    public bool StarEntry(long timelineEventId, string entryText, Actor actor, DateTimeOffset now)
    {
        if (stars.Any(star => star.TimelineEventId == timelineEventId))
        {
            return false;
        }

        now = now.ToStored();
        stars.Add(new TimelineStar(Id, timelineEventId, actor, now));
        Append(TimelineEventKind.EntryStarred, $"Starred for the review: \"{Excerpt(entryText)}\"", actor, now);
        Touch(now);
        return true;
    }

    public bool UnstarEntry(long timelineEventId, string entryText, Actor actor, DateTimeOffset now)
    {
        if (stars.FirstOrDefault(star => star.TimelineEventId == timelineEventId) is not { } star)
        {
            return false;
        }

        now = now.ToStored();
        stars.Remove(star);
        Append(TimelineEventKind.EntryStarred, $"Unstarred: \"{Excerpt(entryText)}\"", actor, now);
        Touch(now);
        return true;
    }

    private static Severity? Worse(Severity? current, Severity? candidate) =>
        (current, candidate) switch
        {
            (_, null) => current,
            (null, _) => candidate,
            _ when Rank(candidate.Value) < Rank(current.Value) => candidate,
            _ => current,
        };

    /// <summary>S1 is the worst; Unknown says nothing, so it ranks below S4.</summary>
    private static int Rank(Severity severity) => severity == Domain.Severity.Unknown ? 5 : (int)severity;

    private static string Excerpt(string text) =>
        text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 119), "…");
}
