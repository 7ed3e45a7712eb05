using System.Globalization;
using System.Text;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Reviews;

/// <summary>
/// The review as one Markdown document, in the order of GitLab's incident review template, to paste into a wiki or a
/// tracker. People write the sections in Markdown already, so their text goes in as written; only table cells are
/// escaped.
/// </summary>
public static class ReviewMarkdown
{
    public static string Write(ReviewDocument document)
    {
        var review = document.Review;
        var status = document.Status;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {document.Reference} incident review: {document.Title}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- **State:** {status.State.Describe()}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Owner:** {document.Owner?.DisplayName ?? "not assigned"}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Due:** {status.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "not set"}{(status.Overdue ? " (overdue)" : "")}\n");
        if (status.MeetingAt is { } meetingAt)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Meeting:** {Utc(meetingAt)}");
            text.Append(status.Attendees.Count > 0 ? $", with {string.Join(", ", status.Attendees)}\n" : "\n");
        }

        text.Append("\n## Summary\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Services affected:** {Listed(document.Services)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Team:** {Listed(document.Teams)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Severity:** {document.Severity?.Describe() ?? "not set"}");
        text.Append(status.WorstSeverity is { } worst && worst != document.Severity ? $" (at worst {worst.Describe()})\n" : "\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Minutes of degradation:** {status.MinutesOfDegradation?.ToString(CultureInfo.InvariantCulture) ?? "still degraded"}\n");
        if (document.Summary is { } summary)
        {
            text.Append('\n').Append(summary.Trim()).Append('\n');
        }

        text.Append("\n## Customer impact\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Who was affected:** {Inline(review?.CustomersAffected)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **How many:** {Inline(review?.CustomerCount)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **What they experienced:** {Inline(review?.CustomerExperience)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **How they learned of it:** {Inline(review?.HowCustomersLearned)}\n");

        text.Append("\n## Response\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Source:** {document.Source?.Describe() ?? "not set"}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **How it was detected:** {Inline(review?.HowDetected)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Time to detect:** {Durations.Describe(document.TimeToDetectSeconds)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Until the response started:** {Durations.Describe(document.TimeToRespondSeconds)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Time to mitigate:** {Durations.Describe(document.TimeToMitigateSeconds)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Time to resolve:** {Durations.Describe(document.TimeToResolveSeconds)}\n");
        Section(text, "### What went well", review?.WhatWentWell);
        Section(text, "### What went badly", review?.WhatWentBadly);

        text.Append("\n## Timeline\n\n| Time (UTC) | What happened |\n|---|---|\n");
        foreach (var (at, what) in Timeline(document))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Utc(at)} | {Cell(what)} |\n");
        }

        text.Append("\n## Five whys\n\n");
        if (review is null || review.FiveWhys.Count == 0)
        {
            text.Append("_Not written yet._\n");
        }
        else
        {
            for (var index = 0; index < review.FiveWhys.Count; index++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{index + 1}. {review.FiveWhys[index]}\n");
            }
        }

        text.Append("\n## Root cause\n\n");
        text.Append(CultureInfo.InvariantCulture, $"**Category:** {review?.RootCauseCategory ?? "not chosen"}\n\n");
        text.Append(string.IsNullOrWhiteSpace(review?.RootCauseSummary) ? "_Not written yet._" : review.RootCauseSummary.Trim()).Append('\n');
        Section(text, "### Contributing factors", review?.ContributingFactors);
        Section(text, "## Lessons learned", review?.LessonsLearned ?? "");

        text.Append("\n## Corrective actions\n\n");
        if (document.CorrectiveActions.Count == 0)
        {
            text.Append(document.NoCorrectiveActionsReason is { } reason ? $"None: {reason}\n" : "_None yet._\n");
        }
        else
        {
            text.Append("| Action | Kind | Status | Owner | Due | Tracker |\n|---|---|---|---|---|---|\n");
            foreach (var action in document.CorrectiveActions)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"| {Cell(action.Title)} | {action.Kind.Describe()} | {action.Status.Describe()} | {Cell(action.OwnerName ?? "—")} | {action.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"} | {(action.TrackerUrl is { } url ? $"<{url}>" : "—")} |\n");
            }
        }

        Section(text, "## Notes", review?.Notes);
        return text.ToString();
    }

    /// <summary>The milestones and the starred entries in one time order, as the review's timeline.</summary>
    public static IEnumerable<(DateTimeOffset At, string What)> Timeline(ReviewDocument document) => document.Milestones
        .Select(milestone => (milestone.At, What: milestone.Name))
        .Concat(document.Starred.Select(star => (star.Entry.OccurredAt, What: $"{star.Entry.Text} ({star.Entry.Actor.DisplayName})")))
        .OrderBy(line => line.Item1);

    private static void Section(StringBuilder text, string heading, string? body)
    {
        if (body is null)
        {
            return;
        }

        text.Append('\n').Append(heading).Append("\n\n")
            .Append(string.IsNullOrWhiteSpace(body) ? "_Not written yet._" : body.Trim()).Append('\n');
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Listed(IReadOnlyList<string> items) => items.Count == 0 ? "none named" : string.Join(", ", items);

    private static string Inline(string? value) => string.IsNullOrWhiteSpace(value) ? "_not written yet_" : value.Trim();

    private static string Cell(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .ReplaceLineEndings(" ");
}
