namespace IncidentHub.Domain;

/// <summary>The rules a merge of one incident into another must keep; each refusal names one.</summary>
public static class MergeRules
{
    /// <summary>Only an incident that could still be dismissed (before containment started) is merged away.</summary>
    public const string SourceMustBeEarly = "MergeOnlyBeforeContainment";

    public const string TargetMustBeOpen = "MergeOnlyIntoOpenIncident";

    public const string TargetMustDiffer = "MergeNotIntoItself";

    public static bool CanBeMerged(this Phase phase) =>
        phase is Phase.Preparation or Phase.Identification or Phase.Investigation;
}

public sealed partial class Incident
{
    /// <summary>
    /// Merges this incident into <paramref name="target"/>: every alert it holds moves there, both timelines say
    /// so, and this one is dismissed as a duplicate of the target. Both incidents must be loaded for change.
    /// </summary>
    public void MergeInto(Incident target, IReadOnlyCollection<Alert> alerts, Actor actor, DateTimeOffset now)
    {
        if (target.Id == Id)
        {
            throw new RuleViolationException(MergeRules.TargetMustDiffer, "An incident cannot be merged into itself.");
        }

        if (!Phase.CanBeMerged())
        {
            throw new RuleViolationException(
                MergeRules.SourceMustBeEarly,
                $"Only an incident in Preparation, Identification or Investigation can be merged; {Reference} is "
                + $"{Phase}.");
        }

        if (target.Phase.IsTerminal())
        {
            throw new RuleViolationException(
                MergeRules.TargetMustBeOpen,
                $"{target.Reference} is {target.Phase}: merge only into an open incident.");
        }

        if (alerts.Any(alert => alert.IncidentId != Id))
        {
            throw new ArgumentException($"Every alert merged must belong to {Reference}.", nameof(alerts));
        }

        foreach (var alert in alerts)
        {
            alert.MoveTo(target.Id);
        }

        var moved = alerts.Count == 1 ? "1 alert moved" : $"{alerts.Count} alerts moved";
        target.RecordMerge($"Merged {Reference} into this incident: {moved}.", actor, now);
        RecordMerge($"Merged into {target.Reference}: {moved}.", actor, now);
        ChangePhase(Phase.Dismissed, $"Merged into {target.Reference}.", target.Number, actor, now);
    }
}
