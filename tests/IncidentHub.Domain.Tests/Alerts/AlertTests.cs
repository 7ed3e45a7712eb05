namespace IncidentHub.Domain.Tests.Alerts;

public sealed class AlertTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static AlertSignal Signal(string title = "Down") => new()
    {
        Fingerprint = "f",
        Action = AlertAction.Fire,
        GroupKey = "g",
        GroupName = "{}",
        Title = title,
        StartsAt = Now.AddMinutes(-5),
    };

    [Fact]
    public void Only_the_first_repeat_asks_for_a_timeline_entry_and_every_repeat_is_counted()
    {
        var alert = Alert.Fire(Guid.NewGuid(), Signal(), Guid.NewGuid(), openedIncident: true, Now);
        Assert.True(alert.Repeat(Signal("Down again"), Now.AddMinutes(1)));
        Assert.False(alert.Repeat(Signal(), Now.AddMinutes(2)));
        Assert.Equal(3, alert.TimesReceived);
        Assert.Equal(Now.AddMinutes(2), alert.LastReceivedAt);
    }

    [Fact]
    public void Resolving_keeps_the_end_the_sender_gives_unless_it_precedes_the_start()
    {
        var alert = Alert.Fire(Guid.NewGuid(), Signal(), Guid.NewGuid(), openedIncident: false, Now);
        Assert.True(alert.Resolve(Now.AddMinutes(-1), Now));
        Assert.Equal(Now.AddMinutes(-1), alert.EndsAt);
        Assert.False(alert.Resolve(Now, Now.AddMinutes(1)));

        var early = Alert.Fire(Guid.NewGuid(), Signal(), Guid.NewGuid(), openedIncident: false, Now);
        early.Resolve(Now.AddHours(-1), Now);
        Assert.Equal(Now, early.EndsAt);
    }

    [Fact]
    public void Only_a_firing_alert_can_be_acknowledged()
    {
        var alert = Alert.Fire(Guid.NewGuid(), Signal(), Guid.NewGuid(), openedIncident: false, Now);
        Assert.True(alert.Acknowledge("Ann", Now));
        Assert.False(alert.Acknowledge("Bob", Now));
        Assert.Equal("Ann", alert.AcknowledgedBy);
        alert.Resolve(null, Now);
        Assert.False(alert.Acknowledge("Bob", Now));
        Assert.Equal(AlertStatus.Resolved, alert.Status);
    }
}
