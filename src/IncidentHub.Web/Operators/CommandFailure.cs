using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Features;
using IncidentHub.Web.Security;
using Npgsql;

namespace IncidentHub.Web.Operators;

/// <summary>
/// What an operator's tool learns from a failed command: an exit code to branch on and one line to show.
/// </summary>
public static class CommandFailure
{
    public const int Refused = 1;
    public const int BadArguments = 2;
    public const int DatabaseUnavailable = 3;

    public static (int ExitCode, string Message) Describe(Exception failure, IConfiguration configuration) =>
        failure switch
        {
            UsageException usage => (BadArguments, usage.Message),
            ValidationException invalid =>
                (BadArguments, string.Join(" ", invalid.Errors.Select(error => error.ErrorMessage).Distinct())),
            InvalidReferenceException or DomainValidationException => (BadArguments, failure.Message),
            RuleViolationException or NotFoundException or ForbiddenException => (Refused, failure.Message),
            OperationCanceledException => (Refused, "stopped before it finished."),
            _ when Find<PostgresException>(failure) is { SqlState: PostgresErrorCodes.UndefinedTable } =>
                (DatabaseUnavailable,
                    $"the database {Describe(configuration)} has no IncidentHub tables yet: run migrate first."),
            _ when Find<NpgsqlException>(failure) is { } database =>
                (DatabaseUnavailable,
                    $"the database {Describe(configuration)} is unavailable: {FirstLine(database.Message)}"),
            _ => (Refused, $"failed: {FirstLine(failure.Message)} ({failure.GetType().Name})"),
        };

    /// <summary>Where the command looked for the database, without the password.</summary>
    private static string Describe(IConfiguration configuration)
    {
        try
        {
            var given = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("IncidentHub"));
            return $"\"{given.Database}\" at {given.Host}:{given.Port}";
        }
        catch (ArgumentException)
        {
            return "named by ConnectionStrings:IncidentHub";
        }
    }

    private static T? Find<T>(Exception? failure)
        where T : Exception
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
