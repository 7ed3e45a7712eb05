using IncidentHub.Domain;
using IncidentHub.Web.Features.Accounts;
using Mediator;

namespace IncidentHub.Web.Operators;

/// <summary>
/// <c>accounts create</c>: sends <see cref="CreateAccount"/> as the operator. A password never comes from the
/// command line, where <c>ps</c> shows it to every user of the machine: it is read from standard input or a file.
/// </summary>
public sealed class CreateAccountVerb : OperatorCommand
{
    public const string Name = "accounts create";

    private readonly CreateAccount command;
    private readonly string? passwordFile;
    private readonly bool passwordFromStandardInput;

    public CreateAccountVerb(IReadOnlyList<string> args)
    {
        var arguments = new Arguments(
            Name,
            args,
            options: ["email", "name", "role", "password-file"],
            flags: ["password-stdin", "service-account"]);
        passwordFile = arguments.Optional("password-file");
        passwordFromStandardInput = arguments.Flag("password-stdin");
        var serviceAccount = arguments.Flag("service-account");
        if ((passwordFile is null ? 0 : 1) + (passwordFromStandardInput ? 1 : 0) + (serviceAccount ? 1 : 0) != 1)
        {
            throw new UsageException(
                "give exactly one of --password-stdin, --password-file FILE or --service-account.");
        }

        var role = arguments.Required("role", "Responder");
        command = new CreateAccount
        {
            Email = arguments.Required("email", "ada@example.com"),
            DisplayName = arguments.Required("name", "\"Ada Lovelace\""),
            Role = Enum.TryParse<AccountRole>(role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new UsageException(
                    $"there is no role \"{role}\": use Admin, IncidentManager, Responder or Viewer."),
            ServiceAccount = serviceAccount,
        };
    }

    protected override string Verb => Name;

    protected override async Task<int> ExecuteAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var password = passwordFromStandardInput ? await Console.In.ReadToEndAsync(cancellationToken)
            : passwordFile is not null ? await ReadPasswordFileAsync(passwordFile, cancellationToken)
            : null;
        services.GetRequiredService<OperatorIdentity>().ActAs(OperatorIdentity.Operator);
        var account = await services.GetRequiredService<ISender>()
            .Send(command with { Password = password?.TrimEnd('\r', '\n') }, cancellationToken);
        await Console.Error.WriteLineAsync(
            $"Created the {(account.IsServiceAccount ? "service account" : "account")} {account.Email} " +
            $"({account.Role}).");
        await Console.Out.WriteLineAsync(account.Id.ToString());
        return 0;
    }

    private static async Task<string> ReadPasswordFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the password file: {failure.Message}");
        }
    }
}
