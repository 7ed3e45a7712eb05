namespace IncidentHub.Web;

/// <summary>The app cannot start as configured; the message says what to do, and is all an operator sees.</summary>
public sealed class StartupException(string message, Exception? innerException = null) : Exception(message, innerException);
