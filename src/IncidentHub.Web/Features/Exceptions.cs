namespace IncidentHub.Web.Features;

/// <summary>The thing asked for does not exist (404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The client's <c>If-Match</c> names a version that is no longer current (412).</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>
/// Input that is invalid in the light of stored data, e.g. a reference to a person who does not exist (400).
/// </summary>
public sealed class InvalidReferenceException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
