using System.Globalization;
using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

public sealed class TimeTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Times_show_in_the_viewers_time_zone_with_the_UTC_time_in_the_title()
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S2");
        // India: UTC+05:30 all year, so local and UTC differ by an odd half hour.
        var incident = new IncidentPage(await SignInAsync(Rita, timeZone: "Asia/Kolkata"));
        await incident.GotoAsync(number);

        var time = incident.Timeline.First.Locator("time");
        var utc = DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        var local = utc.ToOffset(TimeSpan.FromMinutes(330));

        await Expect(time).ToHaveAttributeAsync("title", utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        // en-US, medium date and short time, e.g. "Mar 2, 2026, 2:30 PM" (ICU may put a narrow space before PM).
        var expected = local.ToString("MMM d, yyyy, h:mm", CultureInfo.InvariantCulture) + " " + local.ToString("tt", CultureInfo.InvariantCulture);
        await Expect(time).ToHaveTextAsync(new Regex("^" + Regex.Escape(expected).Replace(@"\ ", @"\s", StringComparison.Ordinal) + "$"));

        // The same on the list.
        await incident.Page.GotoAsync("/");
        var listed = incident.Page.Locator(".incident-row time").First;
        await Expect(listed).ToHaveAttributeAsync("title", new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$"));
        await Expect(listed).Not.ToHaveTextAsync(new Regex("UTC"));
    }
}
