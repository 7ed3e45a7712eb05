namespace IncidentHub.Domain.Tests.Alerts;

public sealed class AlertReadingTests
{
    [Theory]
    [InlineData("critical", Severity.S1)]
    [InlineData("S1", Severity.S1)]
    [InlineData("p1", Severity.S1)]
    [InlineData("Emergency", Severity.S1)]
    [InlineData("FATAL", Severity.S1)]
    [InlineData("high", Severity.S2)]
    [InlineData("s2", Severity.S2)]
    [InlineData("P2", Severity.S2)]
    [InlineData("major", Severity.S2)]
    [InlineData("page", Severity.S2)]
    [InlineData("medium", Severity.S3)]
    [InlineData("S3", Severity.S3)]
    [InlineData("p3", Severity.S3)]
    [InlineData("error", Severity.S3)]
    [InlineData("alert", Severity.S3)]
    [InlineData("low", Severity.S4)]
    [InlineData("s4", Severity.S4)]
    [InlineData("P4", Severity.S4)]
    [InlineData("warn", Severity.S4)]
    [InlineData("Warning", Severity.S4)]
    [InlineData("info", Severity.S4)]
    [InlineData(" critical ", Severity.S1)]
    [InlineData("sev1", Severity.Unknown)]
    [InlineData("", Severity.Unknown)]
    [InlineData(null, Severity.Unknown)]
    public void Severity_words_map_as_gitlab_maps_them_case_insensitively(string? word, Severity expected) =>
        Assert.Equal(expected, AlertReading.SeverityOf(word));

    [Fact]
    public void The_first_configured_label_the_alert_carries_decides_the_severity()
    {
        var labels = new Dictionary<string, string> { ["Priority"] = "P1", ["severity"] = "info" };
        Assert.Equal(Severity.S4, AlertReading.SeverityFrom(labels, ["severity", "priority"]));
        Assert.Equal(Severity.S1, AlertReading.SeverityFrom(labels, ["priority", "severity"]));
        Assert.Equal(Severity.Unknown, AlertReading.SeverityFrom(labels, ["urgency"]));
    }

    [Fact]
    public void The_title_comes_from_the_summary_then_the_title_then_the_alert_name()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "HighLatency" };
        Assert.Equal("Latency is high", AlertReading.TitleFrom(
            labels, new Dictionary<string, string> { ["summary"] = "Latency is high", ["title"] = "t" }, "x"));
        Assert.Equal("t", AlertReading.TitleFrom(labels, new Dictionary<string, string> { ["title"] = "t" }, "x"));
        Assert.Equal("HighLatency", AlertReading.TitleFrom(labels, new Dictionary<string, string>(), "x"));
        Assert.Equal("x", AlertReading.TitleFrom(new Dictionary<string, string>(), new Dictionary<string, string>(), "x"));
    }

    [Fact]
    public void The_runbook_comes_from_runbook_url_then_runbook()
    {
        Assert.Equal("https://a", AlertReading.RunbookFrom(
            new Dictionary<string, string> { ["runbook"] = "https://b", ["runbook_url"] = "https://a" }));
        Assert.Equal("https://b", AlertReading.RunbookFrom(new Dictionary<string, string> { ["runbook"] = "https://b" }));
        Assert.Null(AlertReading.RunbookFrom(new Dictionary<string, string>()));
    }

    [Fact]
    public void The_service_comes_from_the_configured_label_else_the_source_default_as_a_slug()
    {
        var source = AlertSource.Create(
            new AlertSourceSettings { Name = "prom", ServiceLabel = "app", DefaultService = "Platform Core" },
            "hash", "ihsrc_ab", DateTimeOffset.UnixEpoch);
        Assert.Equal("checkout-api", AlertReading.ServiceFrom(new Dictionary<string, string> { ["app"] = "Checkout API" }, source));
        Assert.Equal("platform-core", AlertReading.ServiceFrom(new Dictionary<string, string> { ["service"] = "x" }, source));
    }

    [Fact]
    public void Alerts_group_by_the_configured_labels_with_the_service_as_read()
    {
        var source = AlertSource.Create(new AlertSourceSettings { Name = "p" }, "h", "p", DateTimeOffset.UnixEpoch);
        var one = AlertReading.GroupFrom(
            new Dictionary<string, string> { ["alertname"] = "Down", ["instance"] = "a" }, "web", source);
        var two = AlertReading.GroupFrom(
            new Dictionary<string, string> { ["alertname"] = "Down", ["instance"] = "b" }, "web", source);
        var three = AlertReading.GroupFrom(new Dictionary<string, string> { ["alertname"] = "Down" }, "api", source);
        Assert.Equal(one, two);
        Assert.NotEqual(one.Key, three.Key);
        Assert.Equal("{service=\"web\", alertname=\"Down\"}", one.Name);
        Assert.Equal(64, one.Key.Length);
    }

    [Theory]
    [InlineData("Payments API", "payments-api")]
    [InlineData("checkout", "checkout")]
    [InlineData("  Search / Indexer  ", "search-indexer")]
    [InlineData("api.v2_internal", "api.v2_internal")]
    [InlineData("Zahlungsdienst Ü", "zahlungsdienst-ü")]
    [InlineData("!!!", "")]
    public void Service_names_become_slugs(string name, string slug)
    {
        Assert.Equal(slug, ServiceSlug.From(name));
        Assert.Equal(slug.Length > 0, ServiceSlug.IsSlug(slug));
    }
}
