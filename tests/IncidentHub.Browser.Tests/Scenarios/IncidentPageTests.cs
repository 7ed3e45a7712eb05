using System.Globalization;
using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// The rest of an incident's page: moves that need a reason, the timeline's own entries and its
/// filter, status updates, editing corrective actions, and review Markdown that cannot run script.
/// </summary>
public sealed class IncidentPageTests(BrowserFixture app) : BrowserTest(app)
{
    private const string RegressAction = "Impact is back: return to Containment";

    [Fact]
    public async Task Impact_coming_back_moves_the_incident_back_to_Containment_with_the_reason_in_the_timeline()
    {
        var number = await DeclareInRemediationAsync();
        var incident = new IncidentPage(await SignInAsync(Ivy));
        await incident.GotoAsync(number);
        await Expect(incident.Header.Locator("[title='Time to mitigate']")).Not.ToHaveTextAsync("TTM —");

        await incident.MoveAsync(RegressAction, "Error rate is back at 20 % after the cache warmed up");

        await Expect(incident.PhaseBadge).ToHaveTextAsync("Containment");
        await Expect(incident.Timeline.First).ToContainTextAsync(
            "Impact came back: moved from Remediation back to Containment. Reason: Error rate is back at 20 % after the cache warmed up");
        // The impact is not mitigated any more, so neither is the time to mitigate.
        await Expect(incident.Header.Locator("[title='Time to mitigate']")).ToHaveTextAsync("TTM —");
    }

    [Fact]
    public async Task Moving_back_without_a_reason_is_refused_beside_the_reason_field_and_keeps_the_phase()
    {
        var number = await DeclareInRemediationAsync();
        var incident = new IncidentPage(await SignInAsync(Ivy));
        await incident.GotoAsync(number);

        await incident.MoveAsync(RegressAction);

        // The browser holds the form back and says why at the field.
        await Expect(incident.PhaseReason).ToHaveJSPropertyAsync("required", true);
        Assert.NotEmpty(await incident.PhaseReason.EvaluateAsync<string>("input => input.validationMessage"));
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Remediation");

        // Without that check (no script, an old browser) the server refuses it, beside the same field.
        await incident.OtherMoves.Locator("form").EvaluateAsync("form => { form.noValidate = true; }");
        await incident.MoveButton.ClickAsync();

        // The disclosure comes back open, with the refused move chosen and the message at its field.
        await Expect(incident.OtherMoves.Locator("[data-valmsg-for='phase.reason']"))
            .ToHaveTextAsync("Say why the incident moves back to Containment (what impact came back).");
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Remediation");
        await Expect(incident.OtherMoves.GetByLabel("Move to", new() { Exact = true })).ToHaveValueAsync("Containment");
        await Expect(incident.Timeline.Filter(new() { HasTextString = "Impact came back" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_incident_manager_dismisses_a_false_alarm_with_its_reason()
    {
        var number = await Api.DeclareAsync("Synthetic check fails for the EU login page", "Unknown");
        var incident = new IncidentPage(await SignInAsync(Ivy));
        await incident.GotoAsync(number);

        await incident.MoveAsync("Dismiss", "False alarm: the check's own DNS resolver failed");

        await Expect(incident.PhaseBadge).ToHaveTextAsync("Dismissed");
        await Expect(incident.PhaseSection).ToContainTextAsync("False alarm: the check's own DNS resolver failed");
        await Expect(incident.Timeline.First).ToContainTextAsync("Dismissed. Reason: False alarm: the check's own DNS resolver failed");
        // A dismissed incident stays dismissed.
        await Expect(incident.MoveButton).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_incident_manager_reopens_a_closed_incident_into_Investigation_with_its_reason()
    {
        var number = await SeedWorkedIncidentAsync();
        await Api.MoveAsync(number, "Closed");
        var incident = new IncidentPage(await SignInAsync(Ivy));
        await incident.GotoAsync(number);
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Closed");

        await incident.MoveAsync("Reopen in Investigation", "Card payments fail again since the pool fix was rolled back");

        await Expect(incident.PhaseBadge).ToHaveTextAsync("Investigation");
        await Expect(incident.PhaseSection.Locator(".step.current")).ToHaveTextAsync(new Regex("Investigation"));
        await Expect(incident.Timeline.First).ToContainTextAsync(
            "Reopened into Investigation. Reason: Card payments fail again since the pool fix was rolled back");
    }

    [Fact]
    public async Task A_back_dated_entry_marked_impact_started_keeps_its_time_and_its_tag_and_sets_the_impact_start()
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S2");
        // India: UTC+05:30, so a time typed in local time that is stored unconverted (or converted the wrong way) shows.
        var incident = new IncidentPage(await SignInAsync(Rita, timeZone: "Asia/Kolkata"));
        await incident.GotoAsync(number);
        var started = DateTimeOffset.UtcNow.AddHours(-2);
        started = new DateTimeOffset(started.Year, started.Month, started.Day, started.Hour, started.Minute, 0, TimeSpan.Zero);
        var typed = started.ToOffset(TimeSpan.FromMinutes(330)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        var composer = incident.Composer;
        await composer.GetByText("More: status page, marks and back-dating").ClickAsync();
        await composer.GetByLabel("When").FillAsync(typed);
        await composer.GetByLabel("Marks").SelectOptionAsync(new SelectOptionValue { Label = "Impact started" });
        await incident.ComposeAsync("First 502s in the load balancer log");

        // Two hours ago comes after the declaration in a newest-first timeline; the newest entry says what the mark set.
        var entry = incident.Timeline.Nth(2);
        var utc = started.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        await Expect(entry).ToContainTextAsync("First 502s in the load balancer log");
        await Expect(entry.Locator(".tag-mark")).ToHaveTextAsync("Impact started");
        await Expect(entry.Locator("time")).ToHaveAttributeAsync("title", utc);
        await Expect(incident.Timeline.Nth(1)).ToContainTextAsync("Declared");
        await Expect(incident.Timeline.First).ToContainTextAsync($"Set the impact start to {utc} from an entry marked Impact started.");
        // The milestone shows in the details, and the time to detect counts from it.
        await Expect(incident.Page.Locator("section#details dl.details")).ToContainTextAsync("Impact started");
        await Expect(incident.Page.Locator("section#details dl.details time").First).ToHaveAttributeAsync("title", utc);
        await Expect(incident.Header.Locator("[title='Time to detect']")).ToHaveTextAsync(new Regex(@"^TTD 2 h \d+ min$"));
    }

    [Fact]
    public async Task An_update_with_a_mark_is_refused_beside_the_mark_and_loses_nothing_typed()
    {
        var number = await Api.DeclareAsync("Search results empty", "S3");
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);
        var composer = incident.Composer;
        await composer.GetByText("More: status page, marks and back-dating").ClickAsync();
        await composer.GetByLabel("Marks").SelectOptionAsync(new SelectOptionValue { Label = "Cause identified" });

        await incident.ComposeAsync("Index rebuild started", "External update");

        // Only a note takes a mark: the update is not posted with the mark dropped, and what was typed stays.
        await Expect(composer.Locator(".field-error")).ToContainTextAsync(["Only a note takes a mark"]);
        await Expect(composer.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync("Index rebuild started");
        await Expect(composer.GetByRole(AriaRole.Radio, new() { Name = "External update" })).ToBeCheckedAsync();
        await Expect(composer.GetByLabel("Marks")).ToHaveValueAsync("CauseIdentified");
        await Expect(incident.Timeline).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_response_view_lists_the_corrective_actions_beside_the_feed_and_links_to_them()
    {
        var number = await Api.DeclareAsync("Disk full on the primary", "S2");
        await Api.AddActionAsync(number, "Alert at 80 % disk", "Detection", Rita.Id, dueDate: null);
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);

        var summary = incident.Page.Locator("section#actions-summary");
        await Expect(summary.Locator("li")).ToHaveCountAsync(1);
        await Expect(summary.Locator("li")).ToContainTextAsync("Alert at 80 % disk");
        await Expect(summary.Locator("li .badge.status")).ToHaveTextAsync("Open");
        await summary.GetByRole(AriaRole.Link, new() { Name = "Edit them with the review" }).ClickAsync();

        await Expect(incident.Page).ToHaveURLAsync(new Regex(@"[?&]view=learnings#actions$"));
        await Expect(incident.Page.Locator("section#actions li.action")).ToContainTextAsync("Alert at 80 % disk");
    }

    [Fact]
    public async Task Filtering_the_timeline_by_kind_shows_only_entries_of_that_kind()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S3");
        await Api.AddNoteAsync(number, "Consumer lag at 40 000 messages");
        await Api.ChangeSeverityAsync(number, "S2", "Orders are delayed by an hour");
        await Api.AssignAsync(number, "EngineerOnCall", Rita.Id);
        await Api.AddNoteAsync(number, "Restarted the consumer pods");
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);
        await Expect(incident.Timeline).ToHaveCountAsync(5);
        var show = incident.Page.Locator("section#timeline").GetByLabel("Show");
        var filter = incident.Page.Locator("section#timeline").GetByRole(AriaRole.Button, new() { Name = "Filter" });

        await show.SelectOptionAsync(new SelectOptionValue { Label = "Note" });
        await filter.ClickAsync();

        await Expect(incident.Page).ToHaveURLAsync(new Regex(@"[?&]kind=Note\b"));
        await Expect(incident.Timeline.Locator(".badge.kind")).ToHaveTextAsync(["Note", "Note"]);
        await Expect(incident.Timeline.Locator(".entry-text")).ToHaveTextAsync(["Restarted the consumer pods", "Consumer lag at 40 000 messages"]);
        await Expect(show).ToHaveValueAsync("Note");

        await show.SelectOptionAsync(new SelectOptionValue { Label = "Severity changed" });
        await filter.ClickAsync();

        await Expect(incident.Timeline).ToHaveCountAsync(1);
        await Expect(incident.Timeline.First.Locator(".badge.kind")).ToHaveTextAsync("Severity");
        await Expect(incident.Timeline.First).ToContainTextAsync("Orders are delayed by an hour");

        await show.SelectOptionAsync(new SelectOptionValue { Label = "Everything" });
        await filter.ClickAsync();
        await Expect(incident.Timeline).ToHaveCountAsync(5);
    }

    [Fact]
    public async Task A_communications_manager_posts_an_external_update_that_shows_its_audience_and_how_long_ago_it_was()
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S2");
        await Api.AssignAsync(number, "CommunicationsManagerOnCall", Rita.Id);
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);
        var latest = incident.Now.Locator(".glance .latest dd");
        await Expect(latest).ToHaveTextAsync("none yet");
        // A note is the default, so that nothing reaches customers by mistake.
        await Expect(incident.Composer.GetByRole(AriaRole.Radio, new() { Name = "Note" })).ToBeCheckedAsync();

        const string update = "Some card payments fail. We are rolling back the latest release.";
        await incident.ComposeAsync(update, "External update");

        // The first screen shows the latest update and how long ago it was; the feed shows it as the newest entry.
        await Expect(latest.Locator(".badge")).ToHaveTextAsync("External");
        await Expect(latest.Locator(".since")).ToHaveTextAsync(new Regex(@"^\d+ s ago$"));
        await Expect(latest.Locator(".latest-text")).ToHaveTextAsync(update);
        await Expect(incident.Timeline.First).ToContainTextAsync("External status update: Some card payments fail.");
        await Expect(incident.Timeline.First).ToContainTextAsync("Rita Responder");
    }

    [Fact]
    public async Task Editing_a_corrective_action_changes_its_status_owner_and_due_date()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S3");
        await Api.AddActionAsync(number, "Alert on consumer lag", "Detection", Rita.Id, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)));
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);
        await incident.OpenLearningsAsync();
        var action = incident.Actions.Locator("li.action", new() { HasTextString = "Alert on consumer lag" });
        await Expect(action.Locator(".badge.status")).ToHaveTextAsync("Open");
        var due = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await action.Locator("summary").ClickAsync();
        await action.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "In progress" });
        await action.GetByLabel("Owner").SelectOptionAsync(new SelectOptionValue { Label = "Ivy Manager" });
        await action.GetByLabel("Due").FillAsync(due);
        await action.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(action.Locator(".badge.status")).ToHaveTextAsync("In progress");
        await Expect(action).ToContainTextAsync($"Owner: Ivy Manager · Due: {due}");
        await incident.Header.GetByRole(AriaRole.Link, new() { Name = "Response", Exact = true }).ClickAsync();
        await Expect(incident.Timeline.First).ToContainTextAsync($"Updated corrective action \"Alert on consumer lag\": status to In progress, owner, due date to {due}.");
    }

    [Fact]
    public async Task Markdown_in_the_review_is_rendered_without_running_any_script()
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S2");
        var page = await SignInAsync(Rita);
        List<string> dialogs = [];
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Message);
            }

            _ = dialog.DismissAsync();
        };
        var incident = new IncidentPage(page);
        await incident.GotoAsync(number);
        await incident.OpenLearningsAsync();

        await incident.Review.GetByText("Write the review").ClickAsync();
        await incident.Review.GetByLabel("Root-cause summary").FillAsync(
            "The **connection pool** ran dry. <script>alert('root cause')</script>\n\n<img src=x onerror=\"alert('image')\">\n\n[the runbook](javascript:alert('link'))");
        await incident.Review.GetByLabel("Five whys").FillAsync("Payments failed <img src=x onerror=alert('why')>\nThe pool ran dry");
        await incident.Review.GetByLabel("Notes").FillAsync("<a href=\"javascript:alert('raw')\" onclick=\"alert('click')\">raw link</a>");
        await incident.Review.GetByRole(AriaRole.Button, new() { Name = "Save the review" }).ClickAsync();

        var review = incident.Review.Locator("[data-live=review]");
        // Markdown still works; the HTML in it shows as text.
        await Expect(review.Locator("strong", new() { HasTextString = "connection pool" })).ToBeVisibleAsync();
        await Expect(review).ToContainTextAsync("<script>alert('root cause')</script>");
        await Expect(review).ToContainTextAsync("<img src=x onerror=\"alert('image')\">");
        await Expect(review).ToContainTextAsync("Payments failed <img src=x onerror=alert('why')>");
        await Expect(review).ToContainTextAsync("<a href=\"javascript:alert('raw')\" onclick=\"alert('click')\">raw link</a>");
        await Expect(review.Locator("script, img, iframe, object, embed, [onerror], [onclick]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[onerror], [onclick], a[href^='javascript:' i]")).ToHaveCountAsync(0);

        // The Markdown link is left without its javascript: target: following it does nothing.
        await review.GetByText("the runbook").ClickAsync();
        await Expect(incident.Header).ToContainTextAsync($"INC-{number}");
        lock (dialogs)
        {
            Assert.True(dialogs.Count == 0, "The review ran script: " + string.Join(", ", dialogs));
        }
    }

    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task After_a_move_the_next_thing_and_the_moves_show_below_the_sticky_header(Screen screen)
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S3");
        await Api.AssignAsync(number, "EngineerOnCall", Rita.Id);
        var incident = new IncidentPage(await SignInAsync(Rita, screen));
        await incident.GotoAsync(number);

        await incident.AdvanceAsync("Investigation");

        await Expect(incident.Page).ToHaveURLAsync(new Regex("#now$"));
        var header = await incident.Header.BoundingBoxAsync();
        var glance = await incident.Now.Locator(".glance").BoundingBoxAsync();
        var next = await incident.Now.Locator(".next-todo").BoundingBoxAsync();
        var bottom = header!.Y + header.Height;
        Assert.True(glance!.Y >= bottom, $"Who is on it (top {glance.Y}) is under the sticky header ({bottom}).");
        Assert.True(next!.Y >= bottom, $"The next thing (top {next.Y}) is under the sticky header (bottom {bottom}).");
    }

    [Fact]
    public async Task A_severity_change_needs_a_reason_in_the_browser_and_on_the_server()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S3");
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);
        await incident.SeveritySection.GetByLabel("Severity", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "S1 (critical)" });

        await incident.ChangeSeverityButton.ClickAsync();
        await Expect(incident.SeverityReason).ToHaveJSPropertyAsync("required", true);
        Assert.NotEmpty(await incident.SeverityReason.EvaluateAsync<string>("input => input.validationMessage"));

        await incident.SeveritySection.Locator("form").EvaluateAsync("form => { form.noValidate = true; }");
        await incident.ChangeSeverityButton.ClickAsync();

        await Expect(incident.SeveritySection.Locator("[data-valmsg-for='severity.reason']")).ToHaveTextAsync("Say why the severity changes (what is affected now).");
        await Expect(incident.SeverityBadge).ToHaveTextAsync("S3");
        await Expect(incident.SeverityHistory).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_S3_investigation_says_the_managers_are_not_needed_instead_of_ticking_them_off()
    {
        var number = await Api.DeclareAsync("Search is slow", "S3");
        await Api.AssignAsync(number, "EngineerOnCall", Rita.Id);
        await Api.MoveAsync(number, "Investigation");
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);

        var checklist = incident.PhaseSection.Locator(".checklist li");
        await Expect(checklist).ToHaveTextAsync([
            new Regex(@"^✓ Settle the severity \(S1 to S4\)"),
            new Regex(@"^– Assign an Incident Manager \(not needed at S3\)$"),
            new Regex(@"^– Assign a Communications Manager On Call \(not needed at S3\)$"),
        ]);
    }

    [Fact]
    public async Task An_empty_role_starts_with_nobody_chosen_and_assigning_nobody_is_refused_beside_that_role()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S2");
        var incident = new IncidentPage(await SignInAsync(Ivy));
        await incident.GotoAsync(number);
        var picker = incident.Roles.GetByLabel("Assign Engineer On Call to");
        var assign = incident.Roles.GetByRole(AriaRole.Button, new() { Name = "Assign Engineer On Call" });
        await Expect(picker).ToHaveValueAsync("");
        await Expect(picker.Locator("option:checked")).ToHaveTextAsync("Choose a person");

        await assign.ClickAsync();
        await Expect(picker).ToHaveJSPropertyAsync("required", true);
        Assert.NotEmpty(await picker.EvaluateAsync<string>("select => select.validationMessage"));

        await picker.EvaluateAsync("select => { select.form.noValidate = true; }");
        await assign.ClickAsync();

        await Expect(incident.Roles.Locator("#assign-EngineerOnCall-error")).ToHaveTextAsync("Choose the person who takes the role.");
        await Expect(incident.Roles.GetByLabel("Assign Engineer On Call to")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(incident.Holder("Engineer On Call")).ToContainTextAsync("Nobody");
        await Expect(incident.Roles.Locator(".field-error")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Choices_filters_and_badges_show_words_not_code_names()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S3");
        var action = await Api.AddActionAsync(number, "Alert on consumer lag", "Detection", Rita.Id, null);
        await Api.SetActionStatusAsync(action, "InProgress");
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);

        // The response and the review-and-actions view together.
        var choices = (await incident.Page.Locator("main select option").AllTextContentsAsync()).ToList();
        var text = await incident.Page.Locator("main").InnerTextAsync();
        await incident.OpenLearningsAsync();
        choices.AddRange(await incident.Page.Locator("main select option").AllTextContentsAsync());
        text += await incident.Page.Locator("main").InnerTextAsync();
        foreach (var word in new[] { "Phase changed", "Impact started", "In progress", "Won't do" })
        {
            Assert.Contains(word, choices);
        }

        foreach (var code in new[] { "ImpactStarted", "PhaseChanged", "InProgress", "WontDo", "SeverityChanged" })
        {
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        }

        await incident.Page.GotoAsync("/corrective-actions");
        await Expect(incident.Page.Locator("td[data-label=Status]")).ToHaveTextAsync("In progress");
        var filter = await incident.Page.GetByLabel("Status").Locator("option").AllTextContentsAsync();
        Assert.Equal(["Any status", "Open", "In progress", "Done", "Won't do"], filter);
    }

    /// <summary>An S3 incident with an Engineer On Call, moved on to Remediation (mitigated) through the API.</summary>
    private async Task<long> DeclareInRemediationAsync()
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S3", "Monitoring", "checkout-api");
        await Api.AssignAsync(number, "EngineerOnCall", Rita.Id);
        foreach (var phase in new[] { "Investigation", "Containment", "Remediation" })
        {
            await Api.MoveAsync(number, phase);
        }

        return number;
    }
}
