namespace IncidentHub.Web.Tests.BadInput;

/// <summary>
/// Cases of the corpus that still fail because the fix lies outside what this corpus's change may touch.
/// Each is run by a skipped theory that states the change needed; remove a case from here once it is fixed.
/// </summary>
internal static class KnownBugs
{
    public const string RoleRouteReason =
        "BUG: ApiResults.Role (src/IncidentHub.Web/Api/ApiResults.cs) parses the {role} route value with Enum.TryParse, which also "
        + "accepts ' 1', '+1' and 'IncidentManager,EngineerOnCall' (→ EngineerOnCall): the request then assigns or unassigns a role "
        + "the client never named. Fix: parse with EnumText.TryParse<IncidentRole> (exact names, any case) and throw NotFoundException otherwise.";

    public const string EnumCombinationReason =
        "BUG: JsonStringEnumConverter reads \"S1, S2\" as S1|S2 = S3 (and \"Monitoring, CustomerReport\" as CustomerReport) even for enums "
        + "without [Flags], so a malformed value is stored as a different one. Fix: in Json.cs, replace it by a converter that accepts exactly "
        + "one declared name; since a custom converter makes the OpenAPI document describe every enum as {} (checked: Severity becomes {}), "
        + "Program.cs's AddOpenApi must add a schema transformer that writes the enum names for enum types. Program.cs is outside this change.";

    public const string IdempotencyKeyReason =
        "BUG: IdempotencyMiddleware.WriteProblemAsync (src/IncidentHub.Web/Infrastructure/IdempotencyMiddleware.cs) answers an empty or "
        + "over-long Idempotency-Key with a 400 ProblemDetails without an errors object. Fix: write a ValidationProblemDetails with "
        + "errors { \"Idempotency-Key\": [\"Use 1 to 255 characters.\"] } (the status and detail can stay).";

    private static readonly string[] RoleCases =
    [
        "assign role: role ' 1'", "assign role: role '+1'", "assign role: role 'IncidentManager,EngineerOnCall'",
        "unassign role: role ' 1'", "unassign role: role '+1'", "unassign role: role 'IncidentManager,EngineerOnCall'",
    ];

    public static IReadOnlyDictionary<string, string> Reasons { get; } = Build();

    private static Dictionary<string, string> Build()
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in RoleCases)
        {
            reasons[name] = RoleRouteReason;
        }

        var bodyEndpoints = BadInputCorpus.BodyEndpoints.Select(endpoint => endpoint.Name + ": ").ToArray();
        foreach (var name in BadInputCorpus.Cases.Keys.Where(name =>
            name.EndsWith(" two names combined", StringComparison.Ordinal) && bodyEndpoints.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))))
        {
            reasons[name] = EnumCombinationReason;
        }

        return reasons;
    }
}
