using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Accounts;

public sealed record MeView(
    Guid Id,
    string DisplayName,
    string Email,
    AccountRole Role,
    string? TokenName,
    IReadOnlyCollection<string>? Scopes);

/// <summary>Who the caller is: lets a script check its token before it acts.</summary>
public sealed record GetMe : IQuery<MeView>, IRequiresPermission
{
    public Permission Required => Permission.SignedIn;
}

public sealed class GetMeHandler(IncidentHubDbContext db, ICurrentUser currentUser) : IQueryHandler<GetMe, MeView>
{
    public async ValueTask<MeView> Handle(GetMe query, CancellationToken cancellationToken)
    {
        var user = currentUser.Principal!;
        var email = await db.People
            .Where(person => person.Id == user.PersonId)
            .Select(person => person.Email)
            .SingleAsync(cancellationToken);
        return new MeView(user.PersonId, user.DisplayName, email, user.Role, user.TokenName, user.Scopes);
    }
}
