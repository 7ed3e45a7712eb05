namespace IncidentHub.Domain.Tests.Support;

/// <summary>The people who act in the tests, each with the role they usually play.</summary>
internal static class People
{
    /// <summary>A responder: drafts and declares incidents, writes notes.</summary>
    public static readonly Actor Alice = new(Guid.NewGuid(), "Alice");

    /// <summary>An Incident Manager: assigns roles and moves phases.</summary>
    public static readonly Actor Bob = new(Guid.NewGuid(), "Bob");

    /// <summary>An Engineer On Call.</summary>
    public static readonly Actor Carol = new(Guid.NewGuid(), "Carol");

    /// <summary>A Communications Manager On Call.</summary>
    public static readonly Actor Dave = new(Guid.NewGuid(), "Dave");

    /// <summary>Another engineer, who takes a role over.</summary>
    public static readonly Actor Erin = new(Guid.NewGuid(), "Erin");
}
