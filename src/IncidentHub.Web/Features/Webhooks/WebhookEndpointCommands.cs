using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using IncidentHub.Web.Webhooks;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Webhooks;

/// <summary>
/// An admin registers an address to be told of events. Its signing secret is in this answer only; what is kept is
/// the secret encrypted with the app's data-protection keys, since every delivery must be signed with it.
/// </summary>
public sealed record CreateWebhookEndpoint : ICommand<WebhookEndpointWithSecret>, IRequiresPermission, IChangesCredentials
{
    public string? Name { get; init; }

    public string? Url { get; init; }

    /// <summary>The event types to send, from <c>incident.declared</c> to <c>alert.resolved</c>.</summary>
    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>Absent: StandardWebhooks.</summary>
    public WebhookFormat? Format { get; init; }

    public bool Enabled { get; init; } = true;

    public Permission Required => Permission.Administer;
}

/// <summary>A partial update: an absent field stays as it is. <c>enabled: true</c> also clears why it was disabled.</summary>
public sealed record WebhookEndpointChanges
{
    public Optional<string> Name { get; init; }

    public Optional<string> Url { get; init; }

    public Optional<IReadOnlyList<string>> EventTypes { get; init; }

    public Optional<WebhookFormat> Format { get; init; }

    public Optional<bool> Enabled { get; init; }
}

public sealed record UpdateWebhookEndpoint(Guid Id, uint? ExpectedVersion, WebhookEndpointChanges Changes)
    : ICommand<WebhookEndpointView>, IRequiresPermission, IChangesCredentials
{
    public Permission Required => Permission.Administer;
}

/// <summary>A new secret, shown in this answer only; deliveries are signed with it from now on.</summary>
public sealed record RotateWebhookSecret(Guid Id) : ICommand<WebhookEndpointWithSecret>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

/// <summary>Removes the endpoint with its deliveries and their attempts.</summary>
public sealed record DeleteWebhookEndpoint(Guid Id) : ICommand<Unit>, IRequiresPermission, IChangesCredentials
{
    public Permission Required => Permission.Administer;
}

/// <summary>Sends a <c>ping</c> event to this endpoint only, enabled or not, to try it.</summary>
public sealed record PingWebhookEndpoint(Guid Id) : ICommand<WebhookDeliveryView>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

public static class WebhookRules
{
    public const string NameTaken = "WebhookNameTaken";

    public static IRuleBuilderOptions<T, string?> WebhookName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Name the endpoint after where it goes, e.g. \"#incidents on Slack\".")
            .MaximumLength(WebhookEndpoint.NameMaxLength);

    public static IRuleBuilderOptions<T, string?> WebhookUrl<T>(
        this IRuleBuilder<T, string?> rule, WebhookNetworkPolicy policy) =>
        rule.NotEmpty().WithMessage("Enter the address deliveries are sent to (https://…).")
            .MaximumLength(WebhookEndpoint.UrlMaxLength)
            .Must(url => string.IsNullOrEmpty(url) || policy.Check(url) is null)
            .WithMessage((_, url) => policy.Check(url!) ?? "");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> WebhookEventTypes<T>(
        this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.NotEmpty().WithMessage("Choose at least one event type.")
            .MaxItems(IncidentHub.Web.Webhooks.WebhookEventTypes.Subscribable.Count);

    public static IRuleBuilderOptions<T, string?> WebhookEventType<T>(this IRuleBuilder<T, string?> rule) =>
        rule.OneOf(IncidentHub.Web.Webhooks.WebhookEventTypes.Subscribable);

    public static async Task EnsureNameFreeAsync(
        this IncidentHubDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var pattern = LikePattern.Exactly(name);
        if (await db.WebhookEndpoints.AnyAsync(
                endpoint => EF.Functions.ILike(endpoint.Name, pattern, LikePattern.Escape) && endpoint.Id != except,
                cancellationToken))
        {
            throw new RuleViolationException(
                NameTaken, $"Another webhook endpoint is already named \"{name.Trim()}\"; give this one another name.");
        }
    }

    public static async Task<WebhookEndpoint> FindEndpointAsync(
        this IncidentHubDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.SingleOrDefaultAsync(endpoint => endpoint.Id == id, cancellationToken)
        ?? throw new NotFoundException("There is no such webhook endpoint.");

    public static IDataProtector SecretProtector(this IDataProtectionProvider protection) =>
        protection.CreateProtector(WebhookDispatcher.SecretPurpose);
}

public sealed class CreateWebhookEndpointValidator : AbstractValidator<CreateWebhookEndpoint>
{
    public CreateWebhookEndpointValidator(WebhookNetworkPolicy policy)
    {
        RuleFor(command => command.Name).WebhookName();
        RuleFor(command => command.Url).WebhookUrl(policy);
        RuleFor(command => command.EventTypes).WebhookEventTypes();
        RuleForEach(command => command.EventTypes).WebhookEventType();
        RuleFor(command => command.Format).IsInEnum();
    }
}

public sealed class UpdateWebhookEndpointValidator : AbstractValidator<UpdateWebhookEndpoint>
{
    public UpdateWebhookEndpointValidator(WebhookNetworkPolicy policy)
    {
        RuleFor(command => command.Changes).NotNull();
        When(command => command.Changes is not null, () =>
        {
            RuleFor(command => command.Changes.Name.Value).WebhookName()
                .WithName("Name").OverridePropertyName("name").When(command => command.Changes.Name.IsSet);
            RuleFor(command => command.Changes.Url.Value).WebhookUrl(policy)
                .WithName("Url").OverridePropertyName("url").When(command => command.Changes.Url.IsSet);
            RuleFor(command => command.Changes.EventTypes.Value).WebhookEventTypes()
                .WithName("Event types").OverridePropertyName("eventTypes")
                .When(command => command.Changes.EventTypes.IsSet);
            RuleForEach(command => command.Changes.EventTypes.Value).WebhookEventType()
                .WithName("Event types").OverridePropertyName("eventTypes")
                .When(command => command.Changes.EventTypes is { IsSet: true, Value: not null });
            RuleFor(command => command.Changes.Format.Value).IsInEnum()
                .WithName("Format").OverridePropertyName("format").When(command => command.Changes.Format.IsSet);
        });
    }
}

public sealed class CreateWebhookEndpointHandler(
    IncidentHubDbContext db, IDataProtectionProvider protection, TimeProvider clock)
    : ICommandHandler<CreateWebhookEndpoint, WebhookEndpointWithSecret>
{
    public async ValueTask<WebhookEndpointWithSecret> Handle(
        CreateWebhookEndpoint command, CancellationToken cancellationToken)
    {
        await db.EnsureNameFreeAsync(command.Name!, null, cancellationToken);
        var secret = WebhookSecrets.New();
        var endpoint = new WebhookEndpoint(
            command.Name!.Trim(), command.Url!.Trim(), command.EventTypes!, command.Format ?? WebhookFormat.StandardWebhooks,
            command.Enabled, protection.SecretProtector().Protect(secret), WebhookSecrets.DisplayPrefix(secret),
            clock.GetUtcNow());
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookEndpointWithSecret(await db.WebhookEndpointViewAsync(endpoint.Id, cancellationToken), secret);
    }
}

public sealed class UpdateWebhookEndpointHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<UpdateWebhookEndpoint, WebhookEndpointView>
{
    public async ValueTask<WebhookEndpointView> Handle(UpdateWebhookEndpoint command, CancellationToken cancellationToken)
    {
        var endpoint = await db.FindEndpointAsync(command.Id, cancellationToken);
        if (command.ExpectedVersion is { } expected && expected != endpoint.Version)
        {
            throw new PreconditionFailedException(
                "Someone changed this webhook endpoint since you read it (its ETag differs). Read it again and retry.");
        }

        var changes = command.Changes;
        var now = clock.GetUtcNow();
        if (changes.Name.IsSet)
        {
            await db.EnsureNameFreeAsync(changes.Name.Value, endpoint.Id, cancellationToken);
            endpoint.Name = changes.Name.Value.Trim();
        }

        if (changes.Url.IsSet)
        {
            endpoint.Url = changes.Url.Value.Trim();
        }

        if (changes.EventTypes.IsSet)
        {
            endpoint.EventTypes = [.. changes.EventTypes.Value.Distinct(StringComparer.Ordinal)];
        }

        if (changes.Format.IsSet)
        {
            endpoint.Format = changes.Format.Value;
        }

        if (changes.Enabled.IsSet)
        {
            endpoint.Enable(changes.Enabled.Value, now);
        }

        endpoint.Touch(now);
        await db.SaveChangesAsync(cancellationToken);
        return await db.WebhookEndpointViewAsync(endpoint.Id, cancellationToken);
    }
}

public sealed class RotateWebhookSecretHandler(IncidentHubDbContext db, IDataProtectionProvider protection, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecret, WebhookEndpointWithSecret>
{
    public async ValueTask<WebhookEndpointWithSecret> Handle(RotateWebhookSecret command, CancellationToken cancellationToken)
    {
        var endpoint = await db.FindEndpointAsync(command.Id, cancellationToken);
        var secret = WebhookSecrets.New();
        endpoint.ReplaceSecret(protection.SecretProtector().Protect(secret), WebhookSecrets.DisplayPrefix(secret));
        endpoint.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookEndpointWithSecret(await db.WebhookEndpointViewAsync(endpoint.Id, cancellationToken), secret);
    }
}

public sealed class DeleteWebhookEndpointHandler(IncidentHubDbContext db) : ICommandHandler<DeleteWebhookEndpoint, Unit>
{
    public async ValueTask<Unit> Handle(DeleteWebhookEndpoint command, CancellationToken cancellationToken)
    {
        var endpoint = await db.FindEndpointAsync(command.Id, cancellationToken);
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class PingWebhookEndpointHandler(IncidentHubDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<PingWebhookEndpoint, WebhookDeliveryView>
{
    public async ValueTask<WebhookDeliveryView> Handle(PingWebhookEndpoint command, CancellationToken cancellationToken)
    {
        var endpoint = await db.FindEndpointAsync(command.Id, cancellationToken);
        var ping = WebhookPayloads.Ping(endpoint, user.Actor.Name, clock.GetUtcNow());
        db.WebhookEvents.Add(ping);
        await db.SaveChangesAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.Where(candidate => candidate.EventId == ping.Id)
            .Select(candidate => candidate.Id).SingleAsync(cancellationToken);
        return await db.WebhookDeliveryViewAsync(endpoint.Id, delivery, cancellationToken);
    }
}
