namespace IncidentHub.Web.Security;

public sealed class SessionOptions
{
    public const string Section = "IncidentHub:Sessions";

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromDays(3);
}
