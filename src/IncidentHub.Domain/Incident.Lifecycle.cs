namespace IncidentHub.Domain;

public sealed partial class Incident
{
    /// <summary>
    /// Moves the incident to <paramref name="target"/>: a later phase (one or several at once),
    /// <see cref="Phase.Closed"/>, <see cref="Phase.Dismissed"/>, or back as a recorded regression or reopening.
    /// </summary>
    public void ChangePhase(Phase target, string? reason, long? duplicateOf, Actor actor, DateTimeOffset now)
    {
        now = now.ToStored();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var from = Phase;
        var kind = from == target ? null : PhaseTransitions.Find(from, target);
        if (kind is null)
        {
            throw new RuleViolationException(PhaseTransitions.Rule, PhaseTransitions.ExplainRefusal(from, target));
        }

        if (PhaseTransitions.RequiresReason(kind.Value) && reason is null)
        {
            throw new DomainValidationException("reason", kind switch
            {
                TransitionKind.Regress => "Say why the incident moves back to Containment (what impact came back).",
                TransitionKind.Reopen => "Say why the incident is reopened.",
                _ => "Say why the incident is dismissed (a false alarm, or a duplicate of which incident).",
            });
        }

        if (duplicateOf is not null && kind != TransitionKind.Dismiss)
        {
            throw new DomainValidationException(
                "duplicateOf", "Only a dismissal can name the incident this one duplicates.");
        }

        if (duplicateOf == Number)
        {
            throw new DomainValidationException("duplicateOf", "An incident cannot be a duplicate of itself.");
        }

        switch (kind.Value)
        {
            case TransitionKind.Forward:
                MoveForward(target, reason, actor, now);
                break;
            case TransitionKind.Regress:
            case TransitionKind.Reopen:
                MoveBack(target, kind.Value, reason!, actor, now);
                break;
            case TransitionKind.Dismiss:
                Dismiss(reason!, duplicateOf, actor, now);
                break;
        }

        Touch(now);
    }

    private void MoveForward(Phase target, string? reason, Actor actor, DateTimeOffset now)
    {
        var from = Phase;
        var left = PhaseFacts.Lifecycle.Where(phase => phase >= from && phase < target).ToList();
        EnsureExitRulesHold(left);

        for (var entered = from + 1; entered <= target; entered++)
        {
            Enter(entered, now);
        }

        var skipped = left.Skip(1).ToList();
        var text = (from, target) switch
        {
            (Phase.Learnings, Phase.Closed) => "Closed the incident.",
            _ when skipped.Count > 0 => $"Moved from {from} to {target}, skipping {string.Join(", ", skipped)}.",
            _ => $"Moved from {from} to {target}.",
        };
        if (from == Phase.Preparation)
        {
            text = skipped.Count > 0 ? $"{DescribeDeclaration()} {text}" : DescribeDeclaration();
        }

        if (reason is not null)
        {
            text += $" Reason: {reason}";
        }

        Append(
            from == Phase.Preparation ? TimelineEventKind.Declared : TimelineEventKind.PhaseChanged, text, actor, now);
    }

    private void MoveBack(Phase target, TransitionKind kind, string reason, Actor actor, DateTimeOffset now)
    {
        var from = Phase;
        foreach (var later in Enum.GetValues<Phase>().Where(phase => phase > target && phase <= Phase.Closed))
        {
            SetMilestone(later, null);
        }

        Enter(target, now);
        var text = kind == TransitionKind.Regress
            ? $"Impact came back: moved from {from} back to {target}. Reason: {reason}"
            : $"Reopened into {target}. Reason: {reason}";
        Append(TimelineEventKind.PhaseChanged, text, actor, now);
    }

    private void Dismiss(string reason, long? duplicateOf, Actor actor, DateTimeOffset now)
    {
        DismissalReason = reason;
        DuplicateOf = duplicateOf;
        Enter(Phase.Dismissed, now);
        var text = duplicateOf is { } original
            ? $"Dismissed as a duplicate of {FormatNumber(original)}. Reason: {reason}"
            : $"Dismissed. Reason: {reason}";
        Append(TimelineEventKind.PhaseChanged, text, actor, now);
    }

    private void EnsureExitRulesHold(IEnumerable<Phase> leaving)
    {
        var breaches = leaving
            .SelectMany(phase => ExitRules.Check(this, phase))
            .Where(check => !check.IsMet)
            .Select(check => new RuleBreach(check.Rule.Code, check.Rule.Message))
            .ToList();
        if (breaches.Count > 0)
        {
            throw new RuleViolationException(breaches);
        }
    }

    private void Enter(Phase phase, DateTimeOffset now)
    {
        Phase = phase;
        SetMilestone(phase, now);
        ScheduleUpdates();
    }

    private void SetMilestone(Phase phase, DateTimeOffset? value) => MilestoneTable[phase].Set(this, value);

    /// <summary>
    /// Keeps ImpactStartedAt ≤ DetectedAt ≤ DeclaredAt ≤ MitigatedAt ≤ ResolvedAt ≤ ClosedAt.
    /// Only the first two are given by people; the others are set by transitions in clock order.
    /// </summary>
    private void EnsureChronology(DateTimeOffset? impactStartedAt, DateTimeOffset? detectedAt, DateTimeOffset now)
    {
        if (impactStartedAt > now)
        {
            throw new DomainValidationException("impactStartedAt", "The impact cannot start in the future.");
        }

        if (detectedAt > now)
        {
            throw new DomainValidationException("detectedAt", "The problem cannot be detected in the future.");
        }

        if (impactStartedAt > detectedAt)
        {
            throw new DomainValidationException(
                "detectedAt", "The problem cannot be detected before its impact started.");
        }

        if (impactStartedAt > DeclaredAt)
        {
            throw new DomainValidationException(
                "impactStartedAt", "The impact must have started before the incident was declared.");
        }

        if (detectedAt > DeclaredAt)
        {
            throw new DomainValidationException(
                "detectedAt", "The problem must have been detected before the incident was declared.");
        }
    }
}
