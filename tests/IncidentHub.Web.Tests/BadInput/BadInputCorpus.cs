using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentHub.Domain;

namespace IncidentHub.Web.Tests.BadInput;

/// <summary>What kind of value a body field holds, which decides the bad values tried on it.</summary>
internal enum FieldKind
{
    Text,
    Enum,
    WholeNumber,
    Id,
    Date,
    Time,
    TextList,

    /// <summary>An incident named by number: 42 or "INC-42".</summary>
    IncidentNumber,
}

internal sealed record BodyField(string Name, FieldKind Kind)
{
    /// <summary>The longest text accepted (for a list: the longest element).</summary>
    public int MaxLength { get; init; }

    /// <summary>For a list: the most elements accepted.</summary>
    public int MaxCount { get; init; }

    /// <summary>Leaving the field out is refused.</summary>
    public bool Required { get; init; }

    /// <summary>An explicit JSON null is refused.</summary>
    public bool NullRefused { get; init; }

    /// <summary>Text that is empty or only white space is refused (for a list: such an element).</summary>
    public bool BlankRefused { get; init; }

    /// <summary>A time after now is refused.</summary>
    public bool FutureRefused { get; init; }

    /// <summary>For an enum: two valid names, to try them combined ("A, B").</summary>
    public string[] Names { get; init; } = [];
}

/// <summary>An endpoint that takes a JSON body, with a body that would be accepted, and its fields.</summary>
internal sealed record BodyEndpoint(
    string Name, HttpMethod Method, string Path, string ValidBody, bool TakesIfMatch, params BodyField[] Fields)
{
    /// <summary>A POST whose answer holds a secret shown once: it never reads an Idempotency-Key (a retry runs again).</summary>
    public bool IgnoresIdempotencyKey { get; init; }
}

/// <summary>An endpoint that lists, with its query parameters.</summary>
internal sealed record ListEndpoint(
    string Name,
    string Path,
    string[] EnumFilters,
    string[] TextFilters,
    string[] BoolFilters,
    string[] IdFilters,
    string[] NumberFilters,
    string CursorShape);

/// <summary>
/// The bad-input corpus: every endpoint that takes input, with malformed, mistyped, out-of-range,
/// over-long and inconsistent input. Generated from a description of each endpoint, so that a new
/// field gets the same treatment as the others by adding one line.
/// </summary>
internal static class BadInputCorpus
{
    public const string Api = "/api/v1";

    /// <summary>The fake clock's now (see AppFixture.Start); times after it are in the future.</summary>
    public const string Now = "2026-03-02T09:00:00Z";

    public const string Future = "2026-03-03T09:00:00Z";

    public const string UnknownId = "0193a1f2-7c1e-7d4b-9a51-3f2c9e6b1a20";

    private static readonly HttpMethod Patch = HttpMethod.Patch;

    private static readonly JsonSerializerOptions Relaxed =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly BodyEndpoint[] BodyEndpoints =
    [
        new("declare", HttpMethod.Post, "/incidents", """{"title":"Checkout down","severity":"S2","source":"Monitoring"}""", false,
            new("title", FieldKind.Text) { MaxLength = NewIncident.TitleMaxLength, Required = true, NullRefused = true, BlankRefused = true },
            new("summary", FieldKind.Text) { MaxLength = NewIncident.SummaryMaxLength },
            new("severity", FieldKind.Enum) { Required = true, NullRefused = true, Names = ["S1", "S2"] },
            new("source", FieldKind.Enum) { Required = true, NullRefused = true, Names = ["Monitoring", "CustomerReport"] },
            new("services", FieldKind.TextList) { MaxLength = NewIncident.ServiceMaxLength, MaxCount = NewIncident.MaxServices, NullRefused = true, BlankRefused = true },
            new("impactStartedAt", FieldKind.Time) { FutureRefused = true },
            new("detectedAt", FieldKind.Time) { FutureRefused = true },
            new("phase", FieldKind.Enum) { Names = ["Preparation", "Identification"] }),
        new("draft", HttpMethod.Post, "/incidents", """{"title":"Risky migration tonight","phase":"Preparation"}""", false,
            new("title", FieldKind.Text) { MaxLength = NewIncident.TitleMaxLength, Required = true, NullRefused = true, BlankRefused = true },
            new("summary", FieldKind.Text) { MaxLength = NewIncident.SummaryMaxLength },
            new("severity", FieldKind.Enum) { Names = ["S1", "S2"] },
            new("source", FieldKind.Enum) { Names = ["Monitoring", "CustomerReport"] },
            new("services", FieldKind.TextList) { MaxLength = NewIncident.ServiceMaxLength, MaxCount = NewIncident.MaxServices, NullRefused = true, BlankRefused = true },
            new("impactStartedAt", FieldKind.Time),
            new("detectedAt", FieldKind.Time)),
        new("update incident", Patch, "/incidents/{incident}", """{"title":"Checkout down in EU"}""", true,
            new("title", FieldKind.Text) { MaxLength = NewIncident.TitleMaxLength, NullRefused = true, BlankRefused = true },
            new("summary", FieldKind.Text) { MaxLength = NewIncident.SummaryMaxLength },
            new("source", FieldKind.Enum) { NullRefused = true, Names = ["Monitoring", "CustomerReport"] },
            new("services", FieldKind.TextList) { MaxLength = NewIncident.ServiceMaxLength, MaxCount = NewIncident.MaxServices, NullRefused = true, BlankRefused = true },
            new("impactStartedAt", FieldKind.Time) { FutureRefused = true },
            new("detectedAt", FieldKind.Time) { FutureRefused = true },
            new("noCorrectiveActionsReason", FieldKind.Text) { MaxLength = Incident.ReasonMaxLength }),
        new("change phase", HttpMethod.Post, "/incidents/{incident}/phase", """{"target":"Dismissed","reason":"False alarm"}""", true,
            new("target", FieldKind.Enum) { Required = true, NullRefused = true, Names = ["Investigation", "Containment"] },
            new("reason", FieldKind.Text) { MaxLength = Incident.ReasonMaxLength },
            new("duplicateOf", FieldKind.WholeNumber)),
        new("change severity", HttpMethod.Post, "/incidents/{incident}/severity", """{"severity":"S1","reason":"More customers affected"}""", true,
            new("severity", FieldKind.Enum) { Required = true, NullRefused = true, Names = ["S1", "S2"] },
            // Required once the incident is declared, as {incident} is: the history says why severity moved.
            new("reason", FieldKind.Text) { MaxLength = SeverityChange.ReasonMaxLength, Required = true, NullRefused = true, BlankRefused = true }),
        new("assign role", HttpMethod.Put, "/incidents/{incident}/roles/IncidentManager", """{"personId":"{person}"}""", true,
            new BodyField("personId", FieldKind.Id) { Required = true, NullRefused = true }),
        new("save review", HttpMethod.Put, "/incidents/{incident}/review", """{"rootCauseSummary":"An expired certificate"}""", true,
            new("rootCauseSummary", FieldKind.Text) { MaxLength = IncidentReview.TextMaxLength },
            new("contributingFactors", FieldKind.Text) { MaxLength = IncidentReview.TextMaxLength },
            new("whatWentWell", FieldKind.Text) { MaxLength = IncidentReview.TextMaxLength },
            new("whatWentBadly", FieldKind.Text) { MaxLength = IncidentReview.TextMaxLength },
            new("fiveWhys", FieldKind.TextList) { MaxLength = 2_000, MaxCount = IncidentReview.MaxWhys },
            new("notes", FieldKind.Text) { MaxLength = IncidentReview.TextMaxLength }),
        new("add timeline entry", HttpMethod.Post, "/incidents/{incident}/timeline", """{"text":"Rolled back the deploy"}""", true,
            new("text", FieldKind.Text) { MaxLength = TimelineEvent.TextMaxLength, Required = true, NullRefused = true, BlankRefused = true },
            new("occurredAt", FieldKind.Time) { FutureRefused = true },
            new("tag", FieldKind.Enum) { Names = ["ImpactStarted", "ImpactDetected"] }),
        new("post status update", HttpMethod.Post, "/incidents/{incident}/status-updates", """{"audience":"Internal","text":"We are on it"}""", true,
            new("audience", FieldKind.Enum) { Required = true, NullRefused = true, Names = ["Internal", "External"] },
            new("text", FieldKind.Text) { MaxLength = StatusUpdate.TextMaxLength, Required = true, NullRefused = true, BlankRefused = true }),
        new("add corrective action", HttpMethod.Post, "/incidents/{incident}/corrective-actions", """{"title":"Alert on certificate expiry","kind":"Detection"}""", true,
            new("title", FieldKind.Text) { MaxLength = CorrectiveAction.TitleMaxLength, Required = true, NullRefused = true, BlankRefused = true },
            new("description", FieldKind.Text) { MaxLength = CorrectiveAction.DescriptionMaxLength },
            new("kind", FieldKind.Enum) { Required = true, NullRefused = true, Names = ["Prevention", "Detection"] },
            new("ownerId", FieldKind.Id),
            new("dueDate", FieldKind.Date),
            new("trackerUrl", FieldKind.Text) { MaxLength = CorrectiveAction.TrackerUrlMaxLength }),
        new("update corrective action", Patch, "/corrective-actions/{action}", """{"title":"Alert 30 days before certificate expiry"}""", true,
            new("title", FieldKind.Text) { MaxLength = CorrectiveAction.TitleMaxLength, NullRefused = true, BlankRefused = true },
            new("description", FieldKind.Text) { MaxLength = CorrectiveAction.DescriptionMaxLength },
            new("kind", FieldKind.Enum) { NullRefused = true, Names = ["Prevention", "Detection"] },
            new("status", FieldKind.Enum) { NullRefused = true, Names = ["Open", "InProgress"] },
            new("wontDoReason", FieldKind.Text) { MaxLength = CorrectiveAction.ReasonMaxLength },
            new("ownerId", FieldKind.Id),
            new("dueDate", FieldKind.Date),
            new("trackerUrl", FieldKind.Text) { MaxLength = CorrectiveAction.TrackerUrlMaxLength }),
        new("merge incident", HttpMethod.Post, "/incidents/{incident}/merge", """{"into":"INC-{incident}"}""", false,
            new BodyField("into", FieldKind.IncidentNumber) { Required = true, NullRefused = true }),
        new("add person", HttpMethod.Post, "/people", """{"displayName":"Grace Hopper","email":"grace@example.com"}""", false,
            new("displayName", FieldKind.Text) { MaxLength = Person.DisplayNameMaxLength, Required = true, NullRefused = true, BlankRefused = true },
            new("email", FieldKind.Text) { MaxLength = Person.EmailMaxLength, Required = true, NullRefused = true, BlankRefused = true }),
        new("create alert source", HttpMethod.Post, "/alert-sources", """{"name":"Prometheus EU","kind":"Alertmanager"}""", false,
            new("name", FieldKind.Text) { MaxLength = AlertSource.NameMaxLength, Required = true, NullRefused = true, BlankRefused = true },
            new("kind", FieldKind.Enum) { Required = true, NullRefused = true, Names = ["Alertmanager", "Events"] },
            new("defaultService", FieldKind.Text) { MaxLength = ServiceSlug.MaxLength },
            new("severityLabels", FieldKind.TextList) { MaxLength = AlertSource.LabelNameMaxLength, MaxCount = AlertSource.MaxLabelNames, BlankRefused = true },
            new("serviceLabel", FieldKind.Text) { MaxLength = AlertSource.LabelNameMaxLength },
            new("groupByLabels", FieldKind.TextList) { MaxLength = AlertSource.LabelNameMaxLength, MaxCount = AlertSource.MaxLabelNames, BlankRefused = true })
        {
            IgnoresIdempotencyKey = true,
        },
        new("update alert source", Patch, "/alert-sources/{source}", """{"name":"Prometheus EU"}""", true,
            new("name", FieldKind.Text) { MaxLength = AlertSource.NameMaxLength, NullRefused = true, BlankRefused = true },
            new("kind", FieldKind.Enum) { NullRefused = true, Names = ["Alertmanager", "Events"] },
            new("defaultService", FieldKind.Text) { MaxLength = ServiceSlug.MaxLength },
            new("severityLabels", FieldKind.TextList) { MaxLength = AlertSource.LabelNameMaxLength, MaxCount = AlertSource.MaxLabelNames, BlankRefused = true },
            new("serviceLabel", FieldKind.Text) { MaxLength = AlertSource.LabelNameMaxLength },
            new("groupByLabels", FieldKind.TextList) { MaxLength = AlertSource.LabelNameMaxLength, MaxCount = AlertSource.MaxLabelNames, BlankRefused = true }),
        new("add service", HttpMethod.Post, "/services", """{"slug":"search","name":"Search"}""", false,
            new("slug", FieldKind.Text) { MaxLength = ServiceSlug.MaxLength, Required = true, NullRefused = true, BlankRefused = true },
            new("name", FieldKind.Text) { MaxLength = Service.NameMaxLength, Required = true, NullRefused = true, BlankRefused = true },
            new("description", FieldKind.Text) { MaxLength = Service.DescriptionMaxLength },
            new("ownerTeam", FieldKind.Text) { MaxLength = Service.OwnerTeamMaxLength },
            new("runbookUrl", FieldKind.Text) { MaxLength = Service.RunbookUrlMaxLength }),
        // The seeded incident names "checkout", so the catalogue has it (for review).
        new("update service", Patch, "/services/checkout", """{"name":"Checkout"}""", true,
            new("name", FieldKind.Text) { MaxLength = Service.NameMaxLength, NullRefused = true, BlankRefused = true },
            new("description", FieldKind.Text) { MaxLength = Service.DescriptionMaxLength },
            new("ownerTeam", FieldKind.Text) { MaxLength = Service.OwnerTeamMaxLength },
            new("runbookUrl", FieldKind.Text) { MaxLength = Service.RunbookUrlMaxLength }),
    ];

    public static readonly ListEndpoint[] ListEndpoints =
    [
        new("list incidents", "/incidents", ["phase", "status", "severity", "sort"], ["service", "q"], [], [], [], "ticks-number"),
        new("read timeline", "/incidents/{incident}/timeline", ["kind"], [], [], [], [], "ticks-number"),
        new("list status updates", "/incidents/{incident}/status-updates", ["audience"], [], [], [], [], "ticks-id"),
        new("list incident corrective actions", "/incidents/{incident}/corrective-actions", ["status", "kind"], [], ["overdue"], ["ownerId"], [], "date-id"),
        new("list corrective actions", "/corrective-actions", ["status", "kind"], [], ["overdue"], ["ownerId"], ["incidentNumber"], "date-id"),
        new("list people", "/people", [], ["q"], ["active"], [], [], "text-id"),
        new("list alerts", "/alerts", ["status", "severity"], ["service"], [], ["sourceId"], ["incidentNumber"], "rank-ticks-id"),
        new("list incident alerts", "/incidents/{incident}/alerts", ["status"], [], [], [], [], "rank-ticks-id"),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, BadInputCase>> All = new(Build);

    /// <summary>
    /// JSON null for every field that may be null: not bad input, but it must be read as "no value"
    /// (2xx), or refused by a rule as a clean 4xx problem, never crash. Status is not fixed here.
    /// </summary>
    public static IReadOnlyDictionary<string, BadInputCase> NullAllowed { get; } = BodyEndpoints
        .SelectMany(endpoint => endpoint.Fields.Where(field => !field.NullRefused).Select(field => new BadInputCase
        {
            Name = $"{endpoint.Name}: {field.Name} null",
            Method = endpoint.Method,
            Path = Api + endpoint.Path,
            Body = With(endpoint.ValidBody, field.Name, "null"),
            Status = 0,
        }))
        .ToDictionary(item => item.Name, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, BadInputCase> Cases => All.Value;

    public static BadInputCase Get(string name) => All.Value[name];

    private static Dictionary<string, BadInputCase> Build()
    {
        var cases = new Dictionary<string, BadInputCase>(StringComparer.Ordinal);
        foreach (var item in BodyEndpoints.SelectMany(BodyCases)
            .Concat(BodyEndpoints.SelectMany(HeaderCases))
            .Concat(RouteCases())
            .Concat(ListEndpoints.SelectMany(QueryCases))
            .Concat(SpecificCases()))
        {
            if (!cases.TryAdd(item.Name, item))
            {
                throw new InvalidOperationException($"Two cases are named '{item.Name}'.");
            }
        }

        return cases;
    }

    private static IEnumerable<BadInputCase> BodyCases(BodyEndpoint endpoint)
    {
        BadInputCase Case(
            string what,
            string? body,
            int status,
            string? field,
            string? says,
            string? contentType = BadInputCase.Json) => new()
            {
                Name = $"{endpoint.Name}: {what}",
                Method = endpoint.Method,
                Path = Api + endpoint.Path,
                Body = body,
                ContentType = contentType,
                Status = status,
                Field = field,
                Says = says,
            };

        const string NotJson = "not valid JSON";
        const string SendObject = "Send a JSON object";
        const string SendJson = "Content-Type: application/json";
        const string NotPart = "not part of this request";

        var valid = endpoint.ValidBody;
        var first = endpoint.Fields[0].Name;
        var text = endpoint.Fields.FirstOrDefault(field => field.Kind == FieldKind.Text) ?? endpoint.Fields[0];

        // The body as a whole.
        yield return Case("malformed JSON (missing value)", $"{{\"{first}\": }}", 400, "body", NotJson);
        yield return Case("malformed JSON (unquoted name)", $"{{{first}: \"x\"}}", 400, "body", NotJson);
        yield return Case("malformed JSON (single quotes)", $"{{'{first}': 'x'}}", 400, "body", NotJson);
        yield return Case("malformed JSON (trailing comma)", valid[..^1] + ",}", 400, "body", NotJson);
        yield return Case("malformed JSON (comment)", "/* note */ " + valid, 400, "body", NotJson);
        yield return Case("malformed JSON (plain words)", "not json at all", 400, "body", NotJson);
        yield return Case("malformed JSON (two objects)", valid + valid, 400, "body", NotJson);
        yield return Case("deeply nested arrays instead of an object", new string('[', 5_000) + new string(']', 5_000), 400, "body", SendObject);
        yield return Case("malformed JSON (deeply nested field)", $"{{\"{first}\":{new string('[', 5_000)}{new string(']', 5_000)}}}", 400, "body", NotJson);
        yield return Case("malformed JSON (control character in text)", $"{{\"{first}\":\"a\tb\"}}", 400, "body", NotJson);
        yield return Case("truncated JSON (inside a string)", $"{{\"{first}\":\"abc", 400, "body", NotJson);
        yield return Case("truncated JSON (last brace cut)", valid[..^1], 400, "body", NotJson);
        yield return Case("truncated JSON (cut in half)", valid[..(valid.Length / 2)], 400, "body", NotJson);
        yield return Case("a JSON array instead of an object", "[]", 400, "body", SendObject);
        yield return Case("the body wrapped in an array", $"[{valid}]", 400, "body", SendObject);
        yield return Case("a JSON string instead of an object", "\"Checkout down\"", 400, "body", SendObject);
        yield return Case("a JSON number instead of an object", "42", 400, "body", SendObject);
        yield return Case("a JSON boolean instead of an object", "true", 400, "body", SendObject);
        yield return Case("JSON null as the body", "null", 400, "body", SendObject);
        yield return Case("empty body", "", 400, "body", SendObject);
        yield return Case("white space as the body", "   ", 400, "body", NotJson);
        yield return Case("no body and no Content-Type", null, 400, "body", SendObject, contentType: null);
        yield return Case("Content-Type text/plain", valid, 415, null, null, "text/plain");
        yield return Case("Content-Type application/xml", valid, 415, null, null, "application/xml");
        yield return Case("Content-Type form", valid, 415, null, null, "application/x-www-form-urlencoded");
        yield return Case("no Content-Type", valid, 415, null, SendJson, contentType: null);
        yield return Case("an unknown charset", valid, 415, null, "charset", "application/json; charset=klingon");
        yield return Case("an unknown field", With(valid, "bogus", "1"), 400, "bogus", NotPart);
        yield return Case("an unknown object field", With(valid, "extra", """{"a":1}"""), 400, "extra", NotPart);
        yield return Case("only an unknown field", """{"bogus":true}""", 400, "bogus", NotPart);
        yield return new BadInputCase
        {
            Name = $"{endpoint.Name}: invalid UTF-8",
            Method = endpoint.Method,
            Path = Api + endpoint.Path,
            RawBody = [.. Encoding.UTF8.GetBytes("{\"" + text.Name + "\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")],
            Status = 400,
            Field = text.Name,
            Says = text.Kind == FieldKind.Text ? "Unicode" : null,
        };

        if (endpoint.Path.Contains("{incident}", StringComparison.Ordinal))
        {
            // Set by the route and the headers, never by the body.
            yield return Case("the incident number in the body", With(valid, "number", "1"), 400, "number", NotPart);
            yield return Case("the expected version in the body", With(valid, "expectedVersion", "1"), 400, "expectedVersion", NotPart);
        }

        if (endpoint.Path.Contains("/roles/", StringComparison.Ordinal))
        {
            yield return Case("the role in the body", With(valid, "role", "\"EngineerOnCall\""), 400, "role", NotPart);
        }

        foreach (var field in endpoint.Fields)
        {
            foreach (var item in FieldCases(endpoint, field))
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<BadInputCase> FieldCases(BodyEndpoint endpoint, BodyField field)
    {
        var name = field.Name;
        BadInputCase Case(string what, string value, string? says, string? at = null) => new()
        {
            Name = $"{endpoint.Name}: {name} {what}",
            Method = endpoint.Method,
            Path = Api + endpoint.Path,
            Body = With(endpoint.ValidBody, name, value),
            Status = 400,
            Field = at ?? name,
            Says = says,
        };

        // What the API says when the value has the wrong type or format.
        var expected = field.Kind switch
        {
            FieldKind.Text => "Use text",
            FieldKind.Enum => "Use one of",
            FieldKind.WholeNumber => "whole number",
            FieldKind.Id => "Use an id",
            FieldKind.Date => "Use a date",
            FieldKind.Time => "ISO 8601",
            FieldKind.IncidentNumber => "Use an incident number",
            _ => "Use a list",
        };
        const string TooLong = "characters or fewer";
        const string Nul = "NUL character";

        if (field.Required)
        {
            yield return new BadInputCase
            {
                Name = $"{endpoint.Name}: {name} missing",
                Method = endpoint.Method,
                Path = Api + endpoint.Path,
                Body = Without(endpoint.ValidBody, name),
                Status = 400,
                Field = name,
            };
        }

        if (field.NullRefused)
        {
            yield return Case("null", "null", null);
        }

        yield return Case("an object", """{"value":"x"}""", expected);
        switch (field.Kind)
        {
            case FieldKind.Text:
                yield return Case("a number", "42", expected);
                yield return Case("a boolean", "true", expected);
                yield return Case("a list", """["x"]""", expected);
                yield return Case("over-long", Quote(new string('x', field.MaxLength + 1)), TooLong);
                yield return Case("1 MB long", Quote(BadInputCase.OneMegabyte), TooLong);
                yield return Case("with a NUL character", "\"before\\u0000after\"", Nul);
                yield return Case("with a lone surrogate", "\"broken \\ud800 text\"", "Unicode");
                if (field.BlankRefused)
                {
                    yield return Case("empty", "\"\"", null);
                    yield return Case("only white space", "\"   \"", null);
                }

                break;
            case FieldKind.Enum:
                yield return Case("an unknown name", "\"Nope\"", expected);
                yield return Case("a number (3)", "3", expected);
                yield return Case("a number as text (\"3\")", "\"3\"", expected);
                yield return Case("a negative number as text (\"-1\")", "\"-1\"", expected);
                yield return Case("empty", "\"\"", expected);
                yield return Case("two names combined", Quote($"{field.Names[0]}, {field.Names[1]}"), expected);
                yield return Case("a list of names", $"[\"{field.Names[0]}\"]", expected);
                yield return Case("a huge number (1e400)", "1e400", expected);
                yield return Case("1 MB long", Quote(BadInputCase.OneMegabyte), expected);
                break;
            case FieldKind.WholeNumber:
                yield return Case("text", "\"abc\"", expected);
                yield return Case("a number as text", "\"5\"", expected);
                yield return Case("a huge number (1e400)", "1e400", expected);
                yield return Case("a huge number (99999999999999999999)", "99999999999999999999", expected);
                yield return Case("a huge negative number", "-99999999999999999999", expected);
                yield return Case("a fraction", "1.5", expected);
                yield return Case("zero", "0", "number of the incident");
                yield return Case("negative", "-1", "number of the incident");
                yield return Case("a boolean", "true", expected);
                break;
            case FieldKind.Id:
                yield return Case("not a GUID", "\"not-a-guid\"", expected);
                yield return Case("a GUID cut short", "\"0193a1f2-7c1e-7d4b-9a51\"", expected);
                yield return Case("a number", "42", expected);
                yield return Case("empty", "\"\"", expected);
                yield return Case("the empty GUID", "\"00000000-0000-0000-0000-000000000000\"", "person");
                yield return Case("naming nobody", Quote(UnknownId), "person");
                yield return Case("1 MB long", Quote(BadInputCase.OneMegabyte), expected);
                break;
            case FieldKind.IncidentNumber:
                yield return Case("text", "\"abc\"", expected);
                yield return Case("a prefix without digits", "\"INC-\"", expected);
                yield return Case("a negative number as text", "\"INC--1\"", expected);
                yield return Case("a huge number (1e400)", "1e400", expected);
                yield return Case("a huge number (99999999999999999999)", "99999999999999999999", expected);
                yield return Case("a huge number as text", "\"INC-99999999999999999999\"", expected);
                yield return Case("a fraction", "1.5", expected);
                yield return Case("a boolean", "true", expected);
                yield return Case("a list", "[42]", expected);
                yield return Case("1 MB long", Quote(BadInputCase.OneMegabyte), expected);
                yield return Case("zero", "0", "number of the incident");
                yield return Case("zero as a reference", "\"INC-0\"", "number of the incident");
                yield return Case("negative", "-1", "number of the incident");
                break;
            case FieldKind.Date:
                yield return Case("an invalid date (2026-13-45)", "\"2026-13-45\"", expected);
                yield return Case("an invalid date (2026-02-30)", "\"2026-02-30\"", expected);
                yield return Case("a day-first date", "\"31/12/2026\"", expected);
                yield return Case("a word", "\"tomorrow\"", expected);
                yield return Case("a number", "20261231", expected);
                yield return Case("empty", "\"\"", expected);
                break;
            case FieldKind.Time:
                yield return Case("an invalid date (2026-13-45)", "\"2026-13-45\"", expected);
                yield return Case("an invalid time (2026-13-45T10:00:00Z)", "\"2026-13-45T10:00:00Z\"", expected);
                yield return Case("an invalid time (2026-02-30T10:00:00Z)", "\"2026-02-30T10:00:00Z\"", expected);
                yield return Case("an invalid hour", "\"2026-03-01T25:00:00Z\"", expected);
                yield return Case("an offset out of range", "\"2026-03-01T10:00:00+25:00\"", expected);
                yield return Case("a word", "\"yesterday\"", expected);
                yield return Case("a Unix time", "1767225600", expected);
                yield return Case("empty", "\"\"", expected);
                yield return Case("1 MB long", Quote(BadInputCase.OneMegabyte), expected);
                if (field.FutureRefused)
                {
                    yield return Case("in the future", Quote(Future), "future");
                }

                break;
            case FieldKind.TextList:
                yield return Case("text instead of a list", "\"api\"", expected);
                yield return Case("a number instead of a list", "42", expected);
                yield return Case("with a number", "[42]", "Use text", name + "[0]");
                yield return Case("with an object", """[{"name":"api"}]""", "Use text", name + "[0]");
                yield return Case("with null", """["api", null]""", null, name + "[1]");
                yield return Case("with an over-long element", $"[{Quote(new string('x', field.MaxLength + 1))}]", TooLong, name + "[0]");
                yield return Case("with a 1 MB element", $"[{Quote(BadInputCase.OneMegabyte)}]", TooLong, name + "[0]");
                yield return Case("with a NUL character", "[\"a\\u0000b\"]", Nul, name + "[0]");
                yield return Case("with a NUL character in a later element", "[\"a\", \"b\", \"c\\u0000\"]", Nul, name + "[2]");
                yield return Case("too long", $"[{string.Join(',', Enumerable.Range(1, field.MaxCount + 1).Select(i => $"\"item{i}\""))}]", "at most");
                yield return Case("with 100000 elements", $"[{string.Join(',', Enumerable.Repeat("\"x\"", 100_000))}]", "at most");
                if (field.BlankRefused)
                {
                    yield return Case("with an empty element", """["api", ""]""", null, name + "[1]");
                }

                break;
        }
    }

    private static IEnumerable<BadInputCase> HeaderCases(BodyEndpoint endpoint)
    {
        BadInputCase Case(string what, string header, string value, int status) => new()
        {
            Name = $"{endpoint.Name}: {what}",
            Method = endpoint.Method,
            Path = Api + endpoint.Path,
            Body = endpoint.ValidBody,
            Headers = new Dictionary<string, string> { [header] = value },
            Status = status,
            Says = status == 412 ? "Read it again and retry" : header,
        };

        if (endpoint.TakesIfMatch)
        {
            yield return Case("If-Match garbage", "If-Match", "garbage", 412);
            yield return Case("If-Match unquoted", "If-Match", "12345", 412);
            yield return Case("If-Match weak", "If-Match", "W/\"12345\"", 412);
            yield return Case("If-Match two tags", "If-Match", "\"1\", \"2\"", 412);
            yield return Case("If-Match overflowing", "If-Match", "\"99999999999999999999\"", 412);
            yield return Case("If-Match negative", "If-Match", "\"-1\"", 412);
            yield return Case("If-Match empty tag", "If-Match", "\"\"", 412);
            yield return Case("If-Match stale", "If-Match", "\"1\"", 412);
            yield return Case("If-Match 1 MB", "If-Match", "\"" + new string('9', 1 << 20) + "\"", 412);
        }

        if (endpoint.Method == HttpMethod.Post && !endpoint.IgnoresIdempotencyKey)
        {
            yield return Case("Idempotency-Key too long", "Idempotency-Key", new string('k', 256), 400);
            yield return Case("Idempotency-Key 1 MB", "Idempotency-Key", new string('k', 1 << 20), 400);
        }
    }

    private static IEnumerable<BadInputCase> RouteCases()
    {
        // (A NUL in a path cannot be sent through the test server; Kestrel refuses it with 400 before routing.)
        string[] badNumbers = ["abc", "INC-", "INC-0", "0", "-1", "INC--1", "1.5", "1e3", "99999999999999999999", "INC-99999999999999999999", "INC-987654", "%20", "%E2%82%AC"];
        var incidentRoutes = BodyEndpoints
            .Where(endpoint => endpoint.Path.Contains("{incident}", StringComparison.Ordinal))
            .Select(endpoint => (endpoint.Name, endpoint.Method, endpoint.Path, (string?)endpoint.ValidBody))
            .Concat([
                ("get incident", HttpMethod.Get, "/incidents/{incident}", null),
                ("unassign role", HttpMethod.Delete, "/incidents/{incident}/roles/IncidentManager", null),
                ("read timeline", HttpMethod.Get, "/incidents/{incident}/timeline", null),
                ("list status updates", HttpMethod.Get, "/incidents/{incident}/status-updates", null),
                ("list incident corrective actions", HttpMethod.Get, "/incidents/{incident}/corrective-actions", null),
                ("list incident alerts", HttpMethod.Get, "/incidents/{incident}/alerts", null),
            ]);
        foreach (var (name, method, path, body) in incidentRoutes)
        {
            foreach (var number in badNumbers)
            {
                yield return new BadInputCase
                {
                    Name = $"{name}: incident number '{Uri.UnescapeDataString(number)}'",
                    Method = method,
                    Path = Api + path.Replace("{incident}", number, StringComparison.Ordinal),
                    Body = body,
                    Status = 404,
                };
            }
        }

        string[] badRoles = ["Nope", "0", "1", "-1", "+1", "%201", "IncidentManager,EngineerOnCall", "IncidentManager%2C%201", "incident-manager", ""];
        foreach (var (name, method, body) in new[]
        {
            ("assign role", HttpMethod.Put, """{"personId":"{person}"}"""),
            ("unassign role", HttpMethod.Delete, (string?)null),
        })
        {
            foreach (var role in badRoles)
            {
                yield return new BadInputCase
                {
                    Name = $"{name}: role '{Uri.UnescapeDataString(role)}'",
                    Method = method,
                    Path = $"{Api}/incidents/{{incident}}/roles/{role}",
                    Body = body,
                    Status = 404,
                };
            }
        }

        string[] badIds = ["not-a-guid", "0193a1f2-7c1e-7d4b-9a51", "12345", UnknownId, "00000000-0000-0000-0000-000000000000", "%20"];
        var idRoutes = new (string Name, HttpMethod Method, string Path, string? Body)[]
        {
            ("get corrective action", HttpMethod.Get, "/corrective-actions/", null),
            ("update corrective action", Patch, "/corrective-actions/", """{"title":"Alert 30 days before certificate expiry"}"""),
            ("get person", HttpMethod.Get, "/people/", null),
            ("get alert", HttpMethod.Get, "/alerts/", null),
            ("get alert source", HttpMethod.Get, "/alert-sources/", null),
            ("update alert source", Patch, "/alert-sources/", """{"name":"Prometheus EU"}"""),
        };
        foreach (var (name, method, path, body) in idRoutes)
        {
            foreach (var id in badIds)
            {
                yield return new BadInputCase
                {
                    Name = $"{name}: id '{Uri.UnescapeDataString(id)}'",
                    Method = method,
                    Path = Api + path + id,
                    Body = body,
                    Status = 404,
                };
            }
        }

        foreach (var id in badIds)
        {
            yield return new BadInputCase
            {
                Name = $"acknowledge alert: id '{Uri.UnescapeDataString(id)}'",
                Method = HttpMethod.Post,
                Path = $"{Api}/alerts/{id}/acknowledge",
                Status = 404,
            };
        }

        // A slug that is not in the catalogue, well-formed or not, names no service.
        string[] badSlugs = ["nope", "Checkout", "check%20out", "%20", "checkout.", new string('x', 1_000), "%E2%82%AC"];
        foreach (var (name, method, body) in new[]
        {
            ("get service", HttpMethod.Get, (string?)null),
            ("update service", Patch, """{"name":"Checkout"}"""),
        })
        {
            foreach (var slug in badSlugs)
            {
                var shown = Uri.UnescapeDataString(slug);
                yield return new BadInputCase
                {
                    Name = $"{name}: slug '{(shown.Length > 40 ? shown[..40] + "…" : shown)}'",
                    Method = method,
                    Path = $"{Api}/services/{slug}",
                    Body = body,
                    Status = 404,
                };
            }
        }

        yield return new BadInputCase { Name = "method not allowed: DELETE /services/{slug}", Method = HttpMethod.Delete, Path = Api + "/services/checkout", Status = 405 };
        yield return new BadInputCase { Name = "method not allowed: PUT /incidents", Method = HttpMethod.Put, Path = Api + "/incidents", Body = "{}", Status = 405 };
        yield return new BadInputCase { Name = "method not allowed: DELETE /people", Method = HttpMethod.Delete, Path = Api + "/people", Status = 405 };
        yield return new BadInputCase { Name = "method not allowed: POST /incidents/{number}", Method = HttpMethod.Post, Path = Api + "/incidents/{incident}", Body = "{}", Status = 405 };
        yield return new BadInputCase { Name = "unknown route", Method = HttpMethod.Get, Path = Api + "/nothing-here", Status = 404 };
    }

    private static IEnumerable<BadInputCase> QueryCases(ListEndpoint endpoint)
    {
        BadInputCase Case(string what, string query, string field, string says) => new()
        {
            Name = $"{endpoint.Name}: {what}",
            Method = HttpMethod.Get,
            Path = $"{Api}{endpoint.Path}?{query}",
            Status = 400,
            Field = field,
            Says = says,
        };

        const string WholeNumber = "whole number";
        const string Limit = "1 to 200 items";
        const string BadCursor = "cursor is not valid";
        const string OneOf = "Use one of";

        yield return Case("limit text", "limit=abc", "limit", WholeNumber);
        yield return Case("limit a fraction", "limit=1.5", "limit", WholeNumber);
        yield return Case("limit 1e400", "limit=1e400", "limit", WholeNumber);
        yield return Case("limit 99999999999999999999", "limit=99999999999999999999", "limit", WholeNumber);
        yield return Case("limit -99999999999999999999", "limit=-99999999999999999999", "limit", WholeNumber);
        yield return Case("limit given twice", "limit=1&limit=2", "limit", WholeNumber);
        yield return Case("limit in upper case and text", "LIMIT=abc", "limit", WholeNumber);
        yield return Case("limit zero", "limit=0", "limit", Limit);
        yield return Case("limit negative", "limit=-1", "limit", Limit);
        yield return Case("limit above the maximum", "limit=201", "limit", Limit);

        yield return Case("cursor not base64", "cursor=!!!", "cursor", BadCursor);
        yield return Case("cursor random base64", "cursor=" + B64("hello"), "cursor", BadCursor);
        yield return Case("cursor with too many parts", "cursor=" + B64("1\u001f2\u001f3\u001f4"), "cursor", BadCursor);
        yield return Case("cursor 1 MB", "cursor=" + new string('A', 1 << 20), "cursor", BadCursor);
        yield return Case("cursor with a NUL", "cursor=" + B64("a\0b\u001f" + UnknownId), "cursor", BadCursor);
        yield return Case("cursor of another list", "cursor=" + B64(endpoint.CursorShape is "date-id" or "text-id" ? "638000000000000000\u001f5" : "2026-01-01\u001f" + UnknownId), "cursor", BadCursor);
        foreach (var (what, cursor) in CraftedCursors(endpoint.CursorShape))
        {
            yield return Case($"cursor {what}", "cursor=" + B64(cursor), "cursor", BadCursor);
        }

        foreach (var filter in endpoint.EnumFilters)
        {
            yield return Case($"{filter} unknown", $"{filter}=Nope", filter, OneOf);
            yield return Case($"{filter} a number", $"{filter}=1", filter, OneOf);
            yield return Case($"{filter} a signed number", $"{filter}=%2B1", filter, OneOf);
            yield return Case($"{filter} a negative number", $"{filter}=-1", filter, OneOf);
            yield return Case($"{filter} two names combined", $"{filter}={EnumPair(filter)}", filter, OneOf);
            yield return Case($"{filter} 1 MB", $"{filter}={new string('x', 1 << 20)}", filter, OneOf);
            yield return Case($"{filter} with a NUL", $"{filter}=%00", filter, OneOf);
        }

        foreach (var filter in endpoint.TextFilters)
        {
            yield return Case($"{filter} 1 MB", $"{filter}={new string('x', 1 << 20)}", filter, "characters or fewer");
            yield return Case($"{filter} with a NUL", $"{filter}=a%00b", filter, "NUL character");
        }

        foreach (var filter in endpoint.BoolFilters)
        {
            yield return Case($"{filter} not a boolean", $"{filter}=maybe", filter, "true or false");
            yield return Case($"{filter} a number", $"{filter}=2", filter, "true or false");
        }

        foreach (var filter in endpoint.IdFilters)
        {
            yield return Case($"{filter} not a GUID", $"{filter}=abc", filter, "Use an id");
            yield return Case($"{filter} 1 MB", $"{filter}={new string('a', 1 << 20)}", filter, "Use an id");
        }

        foreach (var filter in endpoint.NumberFilters)
        {
            yield return Case($"{filter} text", $"{filter}=abc", filter, WholeNumber);
            yield return Case($"{filter} 99999999999999999999", $"{filter}=99999999999999999999", filter, WholeNumber);
        }
    }

    private static string EnumPair(string filter) => filter switch
    {
        "severity" => "S1,S2",
        "phase" => "Preparation,Identification",
        "status" => "Open,Closed",
        "sort" => "Declared,Severity",
        "kind" => "Drafted,Declared",
        "audience" => "Internal,External",
        _ => "A,B",
    };

    /// <summary>Cursors with the right number of parts but values the list could never have made.</summary>
    private static IEnumerable<(string What, string Cursor)> CraftedCursors(string shape)
    {
        var max = DateTimeOffset.MaxValue.UtcTicks.ToString(CultureInfo.InvariantCulture);
        switch (shape)
        {
            case "ticks-number":
            case "ticks-id":
                var second = shape == "ticks-id" ? UnknownId : "5";
                yield return ("with ticks beyond the year 9999", $"{max}9\u001f{second}");
                yield return ("with negative ticks", $"-5\u001f{second}");
                yield return ("with ticks as text", $"yesterday\u001f{second}");
                yield return ("with a bad second part", "638000000000000000\u001fnot-a-key");
                yield return ("with empty parts", "\u001f");
                break;
            case "date-id":
                yield return ("with an invalid date", $"2026-13-45\u001f{UnknownId}");
                yield return ("with a bad id", "2026-01-01\u001fnot-a-guid");
                yield return ("with empty parts", "\u001f");
                break;
            case "rank-ticks-id":
                yield return ("with a rank as text", $"open\u001f638000000000000000\u001f{UnknownId}");
                yield return ("with ticks beyond the year 9999", $"0\u001f{max}9\u001f{UnknownId}");
                yield return ("with negative ticks", $"0\u001f-5\u001f{UnknownId}");
                yield return ("with a bad id", "1\u001f638000000000000000\u001fnot-a-guid");
                yield return ("with empty parts", "\u001f\u001f");
                break;
            case "text-id":
                yield return ("with a bad id", "Ada\u001fnot-a-guid");
                yield return ("with empty parts", "\u001f");
                break;
        }
    }

    private static IEnumerable<BadInputCase> SpecificCases()
    {
        BadInputCase Case(
            string name, HttpMethod method, string path, string body, int status, string? field, string says) => new()
            {
                Name = name,
                Method = method,
                Path = Api + path,
                Body = body,
                Status = status,
                Field = field,
                Says = says,
            };

        var post = HttpMethod.Post;
        const string Declare = "\"title\":\"Checkout down\",\"severity\":\"S2\",\"source\":\"Monitoring\"";

        // Times out of order (the seeded incident's impact started at 07:30 and was detected at 08:00; now is 09:00).
        yield return Case("declare: detectedAt before impactStartedAt", post, "/incidents",
            $$"""{{{Declare}},"impactStartedAt":"2026-03-02T08:00:00Z","detectedAt":"2026-03-02T07:00:00Z"}""", 400, "detectedAt", "before its impact started");
        yield return Case("declare: impactStartedAt in the future with detectedAt before it", post, "/incidents",
            $$"""{{{Declare}},"impactStartedAt":"2026-03-02T10:00:00Z","detectedAt":"2026-03-02T08:00:00Z"}""", 400, "detectedAt", "before its impact started");
        yield return Case("declare: impactStartedAt in the future by its offset", post, "/incidents",
            $$"""{{{Declare}},"impactStartedAt":"2026-03-02T09:30:00-01:00"}""", 400, "impactStartedAt", "future");
        yield return Case("declare: impactStartedAt in the year 9999", post, "/incidents",
            $$"""{{{Declare}},"impactStartedAt":"9999-12-31T23:59:59Z"}""", 400, "impactStartedAt", "future");
        yield return Case("draft: detectedAt before impactStartedAt", post, "/incidents",
            """{"title":"Risky migration","phase":"Preparation","impactStartedAt":"2026-03-02T08:00:00Z","detectedAt":"2026-03-02T07:00:00Z"}""", 400, "detectedAt", "before its impact started");
        yield return Case("update incident: detectedAt before the stored impactStartedAt", Patch, "/incidents/{incident}",
            """{"detectedAt":"2026-03-02T06:00:00Z"}""", 400, "detectedAt", "before its impact started");
        yield return Case("update incident: impactStartedAt after the stored detectedAt", Patch, "/incidents/{incident}",
            """{"impactStartedAt":"2026-03-02T08:30:00Z"}""", 400, "detectedAt", "before its impact started");
        yield return Case("update incident: detectedAt before impactStartedAt in one change", Patch, "/incidents/{incident}",
            """{"impactStartedAt":"2026-03-02T08:00:00Z","detectedAt":"2026-03-02T07:00:00Z"}""", 400, "detectedAt", "before its impact started");
        yield return Case("add timeline entry: occurredAt in the future by its offset", post, "/incidents/{incident}/timeline",
            """{"text":"Note","occurredAt":"2026-03-02T09:30:00-01:00"}""", 400, "occurredAt", "future");

        // Phase changes with inconsistent fields.
        yield return Case("declare: phase Closed", post, "/incidents", $$"""{{{Declare}},"phase":"Closed"}""", 400, "phase", "Preparation");
        yield return Case("declare: phase Investigation", post, "/incidents", $$"""{{{Declare}},"phase":"Investigation"}""", 400, "phase", "Preparation");
        yield return Case("change phase: dismiss without a reason", post, "/incidents/{incident}/phase", """{"target":"Dismissed"}""", 400, "reason", "Say why");
        yield return Case("change phase: dismiss with a blank reason", post, "/incidents/{incident}/phase", """{"target":"Dismissed","reason":"   "}""", 400, "reason", "Say why");
        yield return Case("change phase: duplicate of itself", post, "/incidents/{incident}/phase", """{"target":"Dismissed","reason":"dup","duplicateOf":{incident}}""", 400, "duplicateOf", "itself");
        yield return Case("change phase: duplicate of an incident that does not exist", post, "/incidents/{incident}/phase", """{"target":"Dismissed","reason":"dup","duplicateOf":987654}""", 400, "duplicateOf", "no incident");
        yield return Case("change phase: duplicate of the largest number", post, "/incidents/{incident}/phase", """{"target":"Dismissed","reason":"dup","duplicateOf":9223372036854775807}""", 400, "duplicateOf", "no incident");
        yield return Case("change phase: duplicateOf without dismissing", post, "/incidents/{incident}/phase", """{"target":"Investigation","duplicateOf":{incident}}""", 400, "duplicateOf", "Only a dismissal");

        // Values that are well-formed but not acceptable.
        yield return Case("add corrective action: trackerUrl not a link", post, "/incidents/{incident}/corrective-actions", """{"title":"x","kind":"Detection","trackerUrl":"not a link"}""", 400, "trackerUrl", "http");
        yield return Case("add corrective action: trackerUrl javascript", post, "/incidents/{incident}/corrective-actions", """{"title":"x","kind":"Detection","trackerUrl":"javascript:alert(1)"}""", 400, "trackerUrl", "http");
        yield return Case("add corrective action: trackerUrl relative", post, "/incidents/{incident}/corrective-actions", """{"title":"x","kind":"Detection","trackerUrl":"/issues/1"}""", 400, "trackerUrl", "http");
        yield return Case("update corrective action: trackerUrl ftp", Patch, "/corrective-actions/{action}", """{"trackerUrl":"ftp://tracker.example.com/1"}""", 400, "trackerUrl", "http");
        yield return Case("update corrective action: WontDo without a reason", Patch, "/corrective-actions/{action}", """{"status":"WontDo"}""", 400, "wontDoReason", "Say why");
        yield return Case("update corrective action: WontDo with a blank reason", Patch, "/corrective-actions/{action}", """{"status":"WontDo","wontDoReason":"  "}""", 400, "wontDoReason", "Say why");
        yield return Case("add person: email not an address", post, "/people", """{"displayName":"Grace","email":"not-an-email"}""", 400, "email", "email address");
        yield return Case("add person: email taken", post, "/people", """{"displayName":"Someone","email":"ADA@example.com"}""", 409, null, "already exists");
        yield return Case("add service: a name as the slug", post, "/services", """{"slug":"Payments API","name":"Payments API"}""", 400, "slug", "\"payments-api\"");
        yield return Case("add service: a slug without a letter or a digit", post, "/services", """{"slug":"---","name":"Dashes"}""", 400, "slug", "letter or a digit");
        yield return Case("add service: slug taken", post, "/services", """{"slug":"checkout","name":"Checkout again"}""", 409, null, "already has");
        yield return Case("add service: runbookUrl javascript", post, "/services", """{"slug":"search","name":"Search","runbookUrl":"javascript:alert(1)"}""", 400, "runbookUrl", "http");
        yield return Case("add service: runbookUrl relative", post, "/services", """{"slug":"search","name":"Search","runbookUrl":"/runbooks/search"}""", 400, "runbookUrl", "http");
        yield return Case("update service: runbookUrl ftp", Patch, "/services/checkout", """{"runbookUrl":"ftp://runbooks.example.com/checkout"}""", 400, "runbookUrl", "http");
        yield return Case("update service: the slug in the body", Patch, "/services/checkout", """{"slug":"checkout-api"}""", 400, "slug", "not part of this request");
        yield return Case("update service: shownOnStatusPage null", Patch, "/services/checkout", """{"shownOnStatusPage":null}""", 400, "shownOnStatusPage", "null");
        yield return Case("update service: shownOnStatusPage text", Patch, "/services/checkout", """{"shownOnStatusPage":"yes"}""", 400, "shownOnStatusPage", "true or false");
        yield return new BadInputCase { Name = "list services: q 1 MB", Method = HttpMethod.Get, Path = $"{Api}/services?q={new string('x', 1 << 20)}", Status = 400, Field = "q", Says = "characters or fewer" };
        yield return new BadInputCase { Name = "list services: q with a NUL", Method = HttpMethod.Get, Path = $"{Api}/services?q=a%00b", Status = 400, Field = "q", Says = "NUL character" };
    }

    /// <summary>The body with one field set to a raw JSON value (text that may itself be invalid JSON).</summary>
    public static string With(string body, string field, string rawValue)
    {
        var inner = Without(body, field);
        var rest = inner[1..^1].Trim();
        return $"{{{(rest.Length == 0 ? "" : rest + ",")}\"{field}\":{rawValue}}}";
    }

    public static string Without(string body, string field)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove(field);
        return json.ToJsonString(Relaxed);
    }

    private static string Quote(string text) => "\"" + text + "\"";

    private static string B64(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
