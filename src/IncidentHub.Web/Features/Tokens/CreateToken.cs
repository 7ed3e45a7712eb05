using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Tokens;

/// <summary>
/// A personal access token for oneself, or — by an admin — for a service account. It is shown
/// once; only its hash is kept. A token never gets more than its maker has: a token made through
/// a token gets at most that token's scopes, and only admins' tokens may have the admin scope.
/// </summary>
public sealed record CreateToken : ICommand<CreatedToken>, IRequiresPermission
{
    public const int DefaultLifetimeDays = 90;
    public const int MaxLifetimeDays = 365;

    /// <summary>The service account the token is for; empty for one's own token.</summary>
    public Guid? AccountId { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    public int? ExpiresInDays { get; init; }

    public Permission Required => AccountId is null ? Permission.SignedIn : Permission.Administer;
}

public sealed class CreateTokenValidator : AbstractValidator<CreateToken>
{
    public CreateTokenValidator()
    {
        RuleFor(command => command.Name)
            .NotEmpty()
            .WithMessage("Name the token after what will use it.")
            .MaximumLength(ApiToken.NameMaxLength);
        RuleFor(command => command.Scopes)
            .NotEmpty()
            .WithMessage($"Choose at least one scope: {string.Join(", ", Security.Scopes.All)}.");
        // More scopes than there are can only repeat one.
        RuleFor(command => command.Scopes).MaxItems(Security.Scopes.All.Count)
            .WithMessage($"Give each scope once: {string.Join(", ", Security.Scopes.All)}.");
        RuleForEach(command => command.Scopes).OneOf(Security.Scopes.All)
            .WithMessage($"Use the scopes {string.Join(", ", Security.Scopes.All)}.");
        RuleFor(command => command.ExpiresInDays).InclusiveBetween(1, CreateToken.MaxLifetimeDays)
            .WithMessage($"A token lasts from 1 to {CreateToken.MaxLifetimeDays} days.");
    }
}

public sealed class CreateTokenHandler(
    IncidentHubDbContext db, ICurrentUser currentUser, TimeProvider clock, SecurityEvents securityEvents)
    : ICommandHandler<CreateToken, CreatedToken>
{
    public async ValueTask<CreatedToken> Handle(CreateToken command, CancellationToken cancellationToken)
    {
        var maker = currentUser.Principal!;
        var ownerId = command.AccountId ?? maker.PersonId;
        var owner = await db.Accounts.AsNoTracking().Where(account => account.Id == ownerId)
            .Select(account => new { account.Role, account.IsServiceAccount }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("There is no account with this id.");
        if (command.AccountId is not null && command.AccountId != maker.PersonId && !owner.IsServiceAccount)
        {
            throw new RuleViolationException(
                "ServiceAccountRequired", "Admins make tokens for service accounts; people make their own.");
        }

        var scopes = command.Scopes!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (scopes.FirstOrDefault(scope => !maker.HasScope(scope)) is { } beyond)
        {
            throw new ForbiddenException(
                $"A token made with token \"{maker.TokenName}\" cannot have the scope {beyond}, "
                + "which that token lacks.");
        }

        if (scopes.Contains(Security.Scopes.Admin) && owner.Role != AccountRole.Admin)
        {
            throw new InvalidReferenceException("scopes", "Only an admin's token can have the admin scope.");
        }

        var now = clock.GetUtcNow();
        var secret = Secrets.NewApiToken();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            AccountId = ownerId,
            Name = command.Name!.Trim(),
            Scopes = scopes,
            TokenHash = Secrets.Hash(secret),
            Prefix = Secrets.DisplayPrefix(secret),
            CreatedAt = now,
            CreatedById = maker.PersonId,
            ExpiresAt = now.AddDays(command.ExpiresInDays ?? CreateToken.DefaultLifetimeDays),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        securityEvents.TokenCreated(token.Id, token.Name, ownerId, maker.PersonId);
        return CreatedToken.From(token, secret);
    }
}
