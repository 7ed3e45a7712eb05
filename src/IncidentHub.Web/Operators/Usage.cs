namespace IncidentHub.Web.Operators;

/// <summary>The help text, or a refusal of the arguments given: never needs a database.</summary>
public sealed class Usage(string? verb, string? error = null, bool brief = false) : OperatorCommand
{
    public const string Text = """
        Usage: dotnet IncidentHub.Web.dll [COMMAND]

        Without a command the app serves. Commands do one thing against the database named by
        ConnectionStrings__IncidentHub and exit:

          migrate
              Apply the database migrations.

          accounts create --email EMAIL --name NAME --role ROLE (--password-stdin | --password-file FILE | --service-account)
              Make an account. ROLE is Admin, IncidentManager, Responder or Viewer. The password is read from
              standard input or from a file, never from the command line; a service account has none and acts
              only through API tokens. Prints the account's id.

          tokens create --email EMAIL --name NAME --scopes SCOPE[,SCOPE...] [--expires-in-days DAYS]
              Make an API token for the account, as if its owner made it on the account page. SCOPE is
              incidents:read, incidents:write or admin (admins only); DAYS from 1 to 365, default 90.
              Prints the token, once, and nothing else.

        Exit codes: 0 done, 1 refused (e.g. the account exists), 2 bad arguments, 3 database unavailable or not migrated.
        """;

    /// <summary>
    /// Shows the help (exit 0) or the refusal (exit 2): one line when the command was known, else with the help.
    /// </summary>
    public int Show()
    {
        if (error is null)
        {
            Console.Out.WriteLine(Text);
            return 0;
        }

        Console.Error.WriteLine(verb is null ? $"incidenthub: {error}" : $"incidenthub {verb}: {error}");
        if (!brief)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine(Text);
        }

        return 2;
    }

    protected override string Verb => verb ?? "";

    protected override Task<int> ExecuteAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Task.FromResult(Show());
}
