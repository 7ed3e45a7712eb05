namespace IncidentHub.Domain.Tests.Lifecycle;

/// <summary>
/// The transition table of docs/design.md (Transitions), written out by hand, independently of the domain's own table.
/// F forward or skip, R regress with a reason, O reopen with a reason, D dismiss with a reason, - refused.
/// </summary>
internal static class ExpectedTransitions
{
    private static readonly Phase[] Columns =
    [
        Phase.Preparation, Phase.Identification, Phase.Investigation, Phase.Containment, Phase.Remediation,
        Phase.Recovery, Phase.Learnings, Phase.Closed, Phase.Dismissed,
    ];

    private static readonly string[] Rows =
    [
        // from             Pre Ide Inv Con Rem Rec Lea Clo Dis
        "Preparation         -   F   F   F   F   F   F   F   D",
        "Identification      -   -   F   F   F   F   F   F   D",
        "Investigation       -   -   -   F   F   F   F   F   D",
        "Containment         -   -   -   -   F   F   F   F   -",
        "Remediation         -   -   -   R   -   F   F   F   -",
        "Recovery            -   -   -   R   -   -   F   F   -",
        "Learnings           -   -   -   -   -   -   -   F   -",
        "Closed              -   -   O   O   -   -   -   -   -",
        "Dismissed           -   -   -   -   -   -   -   -   -",
    ];

    public static IEnumerable<(Phase From, Phase To, TransitionOutcome Outcome)> All()
    {
        foreach (var row in Rows)
        {
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var from = Enum.Parse<Phase>(cells[0]);
            for (var column = 0; column < Columns.Length; column++)
            {
                yield return (from, Columns[column], Parse(cells[column + 1]));
            }
        }
    }

    private static TransitionOutcome Parse(string cell) => cell switch
    {
        "F" => TransitionOutcome.Forward,
        "R" => TransitionOutcome.Regress,
        "O" => TransitionOutcome.Reopen,
        "D" => TransitionOutcome.Dismiss,
        "-" => TransitionOutcome.Refused,
        _ => throw new InvalidOperationException($"Unknown cell '{cell}' in the expected transition table."),
    };
}
