using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IncidentHub.Web.Security;

/// <summary>
/// Keeps browser sessions in PostgreSQL; the cookie carries only a random key. Signing out deletes
/// the row, so an old cookie stops working everywhere at once, and so does deactivating an
/// account (its sessions are deleted and an inactive person's sessions are never read back).
/// Several app instances share the sessions through the database.
/// </summary>
public sealed class DatabaseTicketStore(NpgsqlDataSource database, TimeProvider clock, IOptions<SessionOptions> options)
    : ITicketStore
{
    private static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Secrets.NewKey();
        var now = clock.GetUtcNow();
        await using var command = database.CreateCommand(
            "INSERT INTO sessions (key_hash, account_id, ticket, created_at, last_seen_at) "
            + "VALUES ($1, $2, $3, $4, $4)");
        command.Parameters.Add(new() { Value = Secrets.Hash(key) });
        command.Parameters.Add(new() { Value = AccountIdOf(ticket) });
        command.Parameters.Add(new() { Value = TicketSerializer.Default.Serialize(ticket) });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var command = database.CreateCommand("UPDATE sessions SET ticket = $2 WHERE key_hash = $1");
        command.Parameters.Add(new() { Value = Secrets.Hash(key) });
        command.Parameters.Add(new() { Value = TicketSerializer.Default.Serialize(ticket) });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow();
        var limits = options.Value;
        await using var command = database.CreateCommand("""
            SELECT s.ticket, s.last_seen_at FROM sessions s JOIN people p ON p.id = s.account_id
            WHERE s.key_hash = $1 AND p.active AND s.last_seen_at > $2 AND s.created_at > $3
            """);
        command.Parameters.Add(new() { Value = Secrets.Hash(key) });
        command.Parameters.Add(new() { Value = now - limits.IdleTimeout });
        command.Parameters.Add(new() { Value = now - limits.AbsoluteTimeout });
        byte[] ticket;
        DateTimeOffset lastSeen;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                return null;
            }

            ticket = (byte[])reader.GetValue(0);
            lastSeen = reader.GetFieldValue<DateTimeOffset>(1);
        }

        if (now - lastSeen > LastSeenPrecision)
        {
            await using var touch = database.CreateCommand("UPDATE sessions SET last_seen_at = $2 WHERE key_hash = $1");
            touch.Parameters.Add(new() { Value = Secrets.Hash(key) });
            touch.Parameters.Add(new() { Value = now });
            await touch.ExecuteNonQueryAsync();
        }

        return TicketSerializer.Default.Deserialize(ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var command = database.CreateCommand("DELETE FROM sessions WHERE key_hash = $1");
        command.Parameters.Add(new() { Value = Secrets.Hash(key) });
        await command.ExecuteNonQueryAsync();
    }

    private static Guid AccountIdOf(AuthenticationTicket ticket) =>
        CurrentPrincipal.From(ticket.Principal)?.PersonId
            ?? throw new InvalidOperationException("A session belongs to an account.");
}

/// <summary>Wires the store into the cookie scheme.</summary>
public sealed class UseDatabaseTicketStore(DatabaseTicketStore store)
    : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = store;
        }
    }
}
