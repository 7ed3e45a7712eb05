using IncidentHub.Web.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentHub.Web.Operators;

/// <summary>
/// A verb of the app itself (<c>migrate</c>, <c>accounts create</c>, <c>tokens create</c>) for operators and their
/// tools — Ansible, Terraform, CI — so that nobody needs a browser to set up an installation. It does one thing
/// against the database and exits instead of serving. What a script reads goes to standard output; words for
/// people, and the log, go to standard error.
/// </summary>
public abstract class OperatorCommand
{
    /// <summary>The command the arguments name, or null when they are the web app's own (serve).</summary>
    public static OperatorCommand? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0
            || args[0] is not ("-h" or "--help" or "help")
                && (args[0].StartsWith('-') || args[0].Contains('=', StringComparison.Ordinal)))
        {
            return null;
        }

        var verb = args[0] is "accounts" or "tokens" && args.Count > 1 && !args[1].StartsWith('-')
            ? $"{args[0]} {args[1]}"
            : args[0];
        var rest = args.Skip(verb.Count(character => character == ' ') + 1).ToArray();
        if (rest.Any(arg => arg is "-h" or "--help"))
        {
            return new Usage(verb);
        }

        try
        {
            return verb switch
            {
                "-h" or "--help" or "help" => new Usage(null),
                MigrateVerb.Name => new MigrateVerb(rest),
                CreateAccountVerb.Name => new CreateAccountVerb(rest),
                CreateTokenVerb.Name => new CreateTokenVerb(rest),
                _ => new Usage(null, $"there is no command \"{verb}\"."),
            };
        }
        catch (UsageException refused)
        {
            return new Usage(verb, refused.Message, brief: true);
        }
    }

    /// <summary>
    /// Settings for the host the command runs in: quiet logs on standard error, the operator as the current user.
    /// </summary>
    public void Prepare(WebApplicationBuilder builder)
    {
        builder.Configuration[Logging.CommandModeKey] = "true";
        builder.Services.AddScoped<OperatorIdentity>();
        builder.Services.Replace(
            ServiceDescriptor.Scoped<Security.ICurrentUser>(services =>
                services.GetRequiredService<OperatorIdentity>()));
    }

    /// <summary>
    /// Runs the command and returns the process's exit code; a failure is one line on standard error, never a stack
    /// trace.
    /// </summary>
    public async Task<int> RunAsync(WebApplication app)
    {
        var cancellation = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await ExecuteAsync(scope.ServiceProvider, cancellation);
        }
#pragma warning disable CA1031 // Whatever went wrong, an operator's tool gets one line and an exit code.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            var (exitCode, message) = CommandFailure.Describe(failure, app.Configuration);
            await Console.Error.WriteLineAsync($"incidenthub {Verb}: {message}");
            return exitCode;
        }
    }

    protected abstract string Verb { get; }

    protected abstract Task<int> ExecuteAsync(IServiceProvider services, CancellationToken cancellationToken);
}
