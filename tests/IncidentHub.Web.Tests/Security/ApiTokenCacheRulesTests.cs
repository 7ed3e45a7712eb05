using IncidentHub.Domain;
using IncidentHub.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// When the token cache may answer, without a database: the rules that keep it from answering with stale rights.
/// </summary>
public sealed class ApiTokenCacheRulesTests
{
    private const string Hash = "0123ABCD";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly StoredToken token;

    public ApiTokenCacheRulesTests() => token = new StoredToken(
        Guid.NewGuid(), "alertmanager", [Scopes.IncidentsRead], clock.GetUtcNow().AddDays(30), Revoked: false,
        LastUsedAt: null, AccountRole.Responder, Guid.NewGuid(), "Alert Manager", AccountActive: true);

    [Fact]
    public void Nothing_is_cached_while_the_instance_is_not_listening_for_changes()
    {
        var cache = new ApiTokenCache(clock);

        cache.Keep(Hash, token, cache.Generation);

        Assert.False(cache.TryGet(Hash, out _));
    }

    [Fact]
    public void A_listening_instance_answers_from_the_cache()
    {
        var cache = Listening();

        cache.Keep(Hash, token, cache.Generation);

        Assert.True(cache.TryGet(Hash, out var cached));
        Assert.Same(token, cached);
    }

    [Fact]
    public void A_token_read_before_a_change_was_heard_is_not_kept()
    {
        var cache = Listening();
        var readAt = cache.Generation;

        cache.Forget();
        cache.Keep(Hash, token, readAt);

        Assert.False(cache.TryGet(Hash, out _));
    }

    [Fact]
    public void A_change_empties_the_cache()
    {
        var cache = Listening();
        cache.Keep(Hash, token, cache.Generation);

        cache.Forget();

        Assert.False(cache.TryGet(Hash, out _));
    }

    [Fact]
    public void Losing_the_listening_connection_empties_the_cache_and_stops_it_until_listening_again()
    {
        var cache = Listening();
        cache.Keep(Hash, token, cache.Generation);

        cache.StopTrusting();
        cache.Keep(Hash, token, cache.Generation);

        Assert.False(cache.TryGet(Hash, out _));
        cache.StartTrusting();
        Assert.False(cache.TryGet(Hash, out _));
    }

    [Fact]
    public void An_entry_lives_at_most_a_minute()
    {
        var cache = Listening();
        cache.Keep(Hash, token, cache.Generation);

        clock.Advance(ApiTokenCache.MaxAge - TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGet(Hash, out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet(Hash, out _));
    }

    [Fact]
    public void A_recorded_use_updates_the_kept_entry()
    {
        var cache = Listening();
        cache.Keep(Hash, token, cache.Generation);

        cache.Touch(Hash, token, clock.GetUtcNow());

        Assert.True(cache.TryGet(Hash, out var cached));
        Assert.Equal(clock.GetUtcNow(), cached.LastUsedAt);
    }

    private ApiTokenCache Listening()
    {
        var cache = new ApiTokenCache(clock);
        cache.StartTrusting();
        return cache;
    }
}
