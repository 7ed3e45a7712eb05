namespace IncidentHub.Web.Tests.BadInput;

/// <summary>
/// One request a client could send that the API must refuse with a clear 4xx problem.
/// Paths and bodies may hold placeholders filled from the seeded data:
/// <c>{incident}</c> (an incident number), <c>{action}</c> (a corrective action id), <c>{person}</c> (a person id).
/// A body may also hold <see cref="OneMegabyte"/>, replaced by 1 MB of text when the request is sent.
/// </summary>
public sealed record BadInputCase
{
    public const string OneMegabyte = "__ONE_MEGABYTE__";

    public const string Json = "application/json";

    public required string Name { get; init; }

    public required HttpMethod Method { get; init; }

    public required string Path { get; init; }

    /// <summary>The body as text; null sends no body at all.</summary>
    public string? Body { get; init; }

    /// <summary>The body as raw bytes, for bytes that are not valid UTF-8; wins over <see cref="Body"/>.</summary>
    public byte[]? RawBody { get; init; }

    /// <summary>The Content-Type sent with a body; null sends none.</summary>
    public string? ContentType { get; init; } = Json;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The status the API must answer with.</summary>
    public required int Status { get; init; }

    /// <summary>
    /// For a 400: the field the <c>errors</c> object must name (or an element of it, like <c>services[0]</c>).
    /// </summary>
    public string? Field { get; init; }

    /// <summary>
    /// Text the answer must hold (any case): in a message for <see cref="Field"/>, or else in the problem's detail.
    /// Pins the wording the API derives from framework messages, so that a rewording upstream fails here.
    /// </summary>
    public string? Says { get; init; }

    public override string ToString() => Name;
}
