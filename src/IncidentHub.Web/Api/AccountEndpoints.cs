using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
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
        api.MapGet("/me", GetMe).WithName("getMe").WithTags("Accounts")
            .WithSummary("Who the caller is")
            .WithDescription("The account behind the token, its role and what it may do.");

        var tokens = api.MapGroup("/tokens").WithTags("API tokens").ProducesForbidden();
        tokens.MapGet("", ListOwnTokens).WithName("listOwnTokens")
            .WithSummary("List one's own tokens")
            .WithDescription("All of them on one page: nextCursor is always null.");
        tokens.MapPost("", CreateOwnToken).ReadsJsonBody().WithMetadata(new NotIdempotentAttribute())
            .WithName("createOwnToken")
            .WithSummary("Make a token for oneself; the answer is the only time the token is shown")
            .WithDescription("A token never gets more scopes than the token or account that makes it.");
        tokens.MapDelete("/{id:guid}", RevokeToken).ProducesNotFound().WithName("revokeToken")
            .WithSummary("Revoke a token")
            .WithDescription("One's own, or (admin) any.");

        var accounts = api.MapGroup("/accounts").WithTags("Accounts").ProducesForbidden();
        accounts.MapGet("", ListAccounts).WithName("listAccounts")
            .WithSummary("List accounts (admin)")
            .WithDescription("All of them on one page: nextCursor is always null.");
        accounts.MapPost("", CreateAccount).ReadsJsonBody().ProducesConflict().WithName("createAccount")
            .WithSummary("Create an account or a service account (admin)")
            .WithDescription("A service account signs in with tokens only, so it has no password.");
        accounts.MapPatch("/{id:guid}", UpdateAccount).ProducesNotFound().ReadsJsonBody().ProducesConflict()
            .WithName("updateAccount")
            .WithSummary("Change an account's role or name, deactivate or reactivate it (admin)")
            .WithDescription("A partial update: an absent field stays as it is.");
        accounts.MapGet("/{id:guid}/tokens", ListAccountTokens).ProducesNotFound().WithName("listAccountTokens")
            .WithSummary("List an account's tokens (admin)")
            .WithDescription("All of them on one page: nextCursor is always null.");
        accounts.MapPost("/{id:guid}/tokens", CreateAccountToken).ProducesNotFound().ReadsJsonBody()
            .WithMetadata(new NotIdempotentAttribute()).WithName("createAccountToken")
            .WithSummary("Make a token for a service account (admin)")
            .WithDescription("The answer is the only time the token is shown.");
    }

    private static async Task<Ok<MeView>> GetMe(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMe(), cancellationToken));

    private static async Task<Ok<Page<TokenView>>> ListOwnTokens(ISender sender, CancellationToken cancellationToken) =>
        OnePage(await sender.Send(new ListTokens(), cancellationToken));

    private static async Task<Created<CreatedToken>> CreateOwnToken(
        CreateToken body, ISender sender, CancellationToken cancellationToken) =>
        Created(await sender.Send(body with { AccountId = null }, cancellationToken));

    private static async Task<Ok<TokenView>> RevokeToken(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RevokeToken(id), cancellationToken));

    private static async Task<Ok<Page<AccountView>>> ListAccounts(
        ISender sender, CancellationToken cancellationToken) =>
        OnePage(await sender.Send(new ListAccounts(), cancellationToken));

    private static async Task<Created<AccountView>> CreateAccount(
        CreateAccount body, ISender sender, CancellationToken cancellationToken)
    {
        var account = await sender.Send(body, cancellationToken);
        return TypedResults.Created($"/api/v1/accounts/{account.Id}", account);
    }

    private static async Task<Ok<AccountView>> UpdateAccount(
        Guid id, AccountChanges body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateAccount(id, body), cancellationToken));

    private static async Task<Ok<Page<TokenView>>> ListAccountTokens(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        OnePage(await sender.Send(new ListTokens(id), cancellationToken));

    private static async Task<Created<CreatedToken>> CreateAccountToken(
        Guid id, CreateToken body, ISender sender, CancellationToken cancellationToken) =>
        Created(await sender.Send(body with { AccountId = id }, cancellationToken));

    /// <summary>These lists are short enough to answer whole, in the shape every list has.</summary>
    private static Ok<Page<T>> OnePage<T>(IReadOnlyList<T> items) => TypedResults.Ok(new Page<T>(items, null));

    private static Created<CreatedToken> Created(CreatedToken created) =>
        TypedResults.Created((string?)null, created);
}
