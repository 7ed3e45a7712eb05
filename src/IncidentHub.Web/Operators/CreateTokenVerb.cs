using System.Globalization;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Tokens;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Operators;

/// <summary>
/// <c>tokens create</c>: sends <see cref="CreateToken"/> as the account's owner, so the token is made, checked and
/// stored (hashed) exactly as on the account page: the same scopes for the same role, the same lifetimes.
/// Standard output carries the token and nothing else, so that <c>TOKEN=$(…)</c> works.
/// </summary>
public sealed class CreateTokenVerb : OperatorCommand
{
    public const string Name = "tokens create";

    private readonly string email;
    private readonly CreateToken command;

    public CreateTokenVerb(IReadOnlyList<string> args)
    {
        var arguments = new Arguments(Name, args, options: ["email", "name", "scopes", "expires-in-days"], flags: []);
        email = arguments.Required("email", "ci@example.com");
        var days = arguments.Optional("expires-in-days");
        command = new CreateToken
        {
            Name = arguments.Required("name", "deploy-pipeline"),
            Scopes = arguments.Required("scopes", $"{Scopes.IncidentsRead},{Scopes.IncidentsWrite}")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ExpiresInDays = days is null ? CreateToken.DefaultLifetimeDays
                : int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : throw new UsageException(
                    $"--expires-in-days takes a whole number of days from 1 to {CreateToken.MaxLifetimeDays}."),
        };
    }

    protected override string Verb => Name;

    protected override async Task<int> ExecuteAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncidentHubDbContext>();
        var normalized = Domain.Person.NormalizeEmail(email);
        var owner = await (from account in db.Accounts
                           join person in db.People on account.Id equals person.Id
                           where account.Email == normalized
                           select new { account.Id, person.DisplayName, account.Role, person.Active })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"there is no account {normalized}: make it first with accounts create.");
        if (!owner.Active)
        {
            throw new Domain.RuleViolationException(
                "AccountInactive", $"{normalized} is deactivated: reactivate it before making tokens for it.");
        }

        services.GetRequiredService<OperatorIdentity>()
            .ActAs(new CurrentPrincipal(owner.Id, owner.DisplayName, owner.Role, Scopes: null, TokenName: null));
        var token = await services.GetRequiredService<ISender>().Send(command, cancellationToken);
        await Console.Error.WriteLineAsync(
            $"Created token \"{token.Name}\" ({string.Join(", ", token.Scopes)}) for {normalized}, valid until " +
            $"{token.ExpiresAt:yyyy-MM-dd HH:mm} UTC. It is shown once, below.");
        await Console.Out.WriteLineAsync(token.Token);
        return 0;
    }
}
