using System.Net;
using IncidentHub.Web.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IncidentHub.Web.Tests.Webhooks;

/// <summary>The retry schedule, the network fence and the signature, without a database or a receiver.</summary>
public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(3, 1800)]
    [InlineData(4, 7200)]
    [InlineData(9, 86400)]
    public void Each_wait_is_Standard_Webhooks_one_give_or_take_a_tenth(int attempt, int seconds)
    {
        var waits = Enumerable.Range(0, 200).Select(_ => WebhookSchedule.WaitAfter(attempt, null)!.Value.TotalSeconds).ToList();

        Assert.All(waits, wait => Assert.InRange(wait, seconds * 0.9, seconds * 1.1));
        Assert.True(waits.Distinct().Count() > 100, "the waits are spread, so that failures together do not return together");
    }

    [Fact]
    public void After_the_tenth_attempt_there_is_no_wait_and_Retry_After_wins_up_to_a_day()
    {
        Assert.Null(WebhookSchedule.WaitAfter(10, null));
        Assert.Null(WebhookSchedule.WaitAfter(10, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(120), WebhookSchedule.WaitAfter(1, TimeSpan.FromSeconds(120)));
        Assert.Equal(TimeSpan.FromDays(1), WebhookSchedule.WaitAfter(1, TimeSpan.FromDays(9)));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.Found, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Gone, false)]
    public void Only_failures_that_may_pass_are_retried(HttpStatusCode? status, bool retried) =>
        Assert.Equal(retried, WebhookSchedule.IsWorthRetrying(status));

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.0.0.5", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("::ffff:192.168.1.1", "private")]
    [InlineData("fd00:ec2::254", "private")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("224.0.0.1", "multicast")]
    public void Internal_addresses_are_refused_unless_their_network_is_allowed(string address, string kind)
    {
        var refusal = Policy().RefusalOf(IPAddress.Parse(address));

        Assert.Contains(kind, refusal, StringComparison.Ordinal);
        Assert.Null(Policy(("IncidentHub:Webhooks:AllowedNetworks", "10.0.0.0/8, 127.0.0.1, 169.254.0.0/16, 192.168.0.0/16, fd00::/8, fe80::/10, 224.0.0.0/4"))
            .RefusalOf(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    public void Public_addresses_are_allowed(string address) => Assert.Null(Policy().RefusalOf(IPAddress.Parse(address)));

    [Fact]
    public void A_signature_is_the_base64_HMAC_of_id_timestamp_and_body()
    {
        // Standard Webhooks' own example (its specification's test vector).
        var signature = WebhookSecrets.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
            "{\"test\": 2432232314}");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    private static WebhookNetworkPolicy Policy(params (string Key, string Value)[] settings) => new(
        new ConfigurationBuilder().AddInMemoryCollection(
            settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))).Build(),
        new ProductionEnvironment());

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "IncidentHub";

        public string ContentRootPath { get; set; } = "/";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
