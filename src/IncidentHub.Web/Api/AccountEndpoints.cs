using IncidentHub.Web.Features.Accounts;
using IncidentHub.Web.Features.Tokens;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

/// <summary>Who one is, one's own tokens, and the admin's accounts and service-account tokens.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async (ISender sender, CancellationToken cancellationToken) => TypedResults.Ok(await sender.Send(new GetMe(), cancellationToken)))
            .WithTags("Accounts").WithSummary("Who the caller is");

        var tokens = api.MapGroup("/tokens").WithTags("API tokens");
        tokens.MapGet("", async (ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { items = await sender.Send(new ListTokens(), cancellationToken), nextCursor = (string?)null }))
            .WithSummary("List one's own tokens");
        tokens.MapPost("", async (CreateToken body, ISender sender, CancellationToken cancellationToken) =>
            Created(await sender.Send(body with { AccountId = null }, cancellationToken)))
            .WithMetadata(new NotIdempotentAttribute())
            .WithSummary("Make a token for oneself; the answer is the only time the token is shown");
        tokens.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new RevokeToken(id), cancellationToken)))
            .WithSummary("Revoke a token");

        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("", async (ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { items = await sender.Send(new ListAccounts(), cancellationToken), nextCursor = (string?)null }))
            .WithSummary("List accounts (admin)");
        accounts.MapPost("", async (CreateAccount body, ISender sender, CancellationToken cancellationToken) =>
        {
            var account = await sender.Send(body, cancellationToken);
            return TypedResults.Created($"/api/v1/accounts/{account.Id}", account);
        })
            .WithSummary("Create an account or a service account (admin)");
        accounts.MapPatch("/{id:guid}", async (Guid id, AccountChanges body, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new UpdateAccount(id, body), cancellationToken)))
            .WithSummary("Change an account's role or name, deactivate or reactivate it (admin)");
        accounts.MapGet("/{id:guid}/tokens", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { items = await sender.Send(new ListTokens(id), cancellationToken), nextCursor = (string?)null }))
            .WithSummary("List an account's tokens (admin)");
        accounts.MapPost("/{id:guid}/tokens", async (Guid id, CreateToken body, ISender sender, CancellationToken cancellationToken) =>
            Created(await sender.Send(body with { AccountId = id }, cancellationToken)))
            .WithMetadata(new NotIdempotentAttribute())
            .WithSummary("Make a token for a service account (admin)");
    }

    private static Created<CreatedToken> Created(CreatedToken created) =>
        TypedResults.Created((string?)null, created);
}
