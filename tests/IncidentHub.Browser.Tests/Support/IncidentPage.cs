using System.Text.RegularExpressions;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>What the tests read and do on an incident's page, found the way a person (or a screen reader) finds it: by labels, roles and names.</summary>
public sealed class IncidentPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Header => Page.Locator("[data-live=header]");

    public ILocator PhaseBadge => Header.Locator(".badge[class*='phase-']");

    public ILocator SeverityBadge => Header.Locator(".badge[class*='sev-']");

    /// <summary>Refusals, conflicts and other messages that belong to no single field.</summary>
    public ILocator Alert => Page.GetByRole(AriaRole.Alert);

    /// <summary>The first screen below the header: who is on it, the latest update, what is next, the moves.</summary>
    public ILocator Now => Page.Locator("section#now");

    /// <summary>The phase's facts: the stepper, and what the exit rules ask for.</summary>
    public ILocator PhaseSection => Page.Locator("section#phase");

    /// <summary>Skips, moves back, reopening and dismissing, behind their disclosure.</summary>
    public ILocator OtherMoves => Now.Locator("details.other-moves");

    /// <summary>The one-tap move to the following phase.</summary>
    public ILocator ForwardMoveButton => Now.Locator(".moves > form button");

    public ILocator Composer => Page.Locator("section#compose");

    public ILocator Roles => Page.Locator("section#roles");

    public ILocator SeveritySection => Page.Locator("section#severity");

    public ILocator SeverityHistory => SeveritySection.Locator("ol.history > li");

    public ILocator Timeline => Page.Locator("[data-live=timeline-list] li.entry");

    public ILocator Actions => Page.Locator("section#actions");

    public ILocator Review => Page.Locator("section#review");

    /// <summary>The reason a move back, a reopening or a dismissal needs.</summary>
    public ILocator PhaseReason => OtherMoves.GetByLabel("Reason");

    public ILocator MoveButton => OtherMoves.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true });

    public ILocator ChangeSeverityButton => SeveritySection.GetByRole(AriaRole.Button, new() { Name = "Change severity" });

    public ILocator SeverityReason => SeveritySection.GetByLabel("Reason");

    /// <summary>Who holds <paramref name="role"/> ("Engineer On Call"), as the Roles section shows it.</summary>
    public ILocator Holder(string role) =>
        Roles.Locator(".role").Filter(new() { Has = Page.Locator("dt", new() { HasTextRegex = new Regex($"^{role}$") }) }).Locator("dd");

    public async Task GotoAsync(long number)
    {
        await Page.GotoAsync($"/incidents/{number}");
        await Expect(Header).ToContainTextAsync($"INC-{number}");
    }

    /// <summary>
    /// Makes a move: the one-tap forward move ("Move to Investigation", "Close the incident") by its
    /// button, any other ("Dismiss", "Reopen in Investigation") from the disclosure, with its reason.
    /// </summary>
    public async Task MoveAsync(string action, string? reason = null)
    {
        var forward = ForwardMoveButton.Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(action)}$") });
        if (reason is null && await forward.CountAsync() == 1)
        {
            await forward.ClickAsync();
            return;
        }

        await OpenOtherMovesAsync();
        await OtherMoves.GetByLabel("Move to", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = action });
        if (reason is not null)
        {
            await PhaseReason.FillAsync(reason);
        }

        await MoveButton.ClickAsync();
    }

    public async Task OpenOtherMovesAsync()
    {
        if (await OtherMoves.GetAttributeAsync("open") is null)
        {
            await OtherMoves.Locator("summary").ClickAsync();
        }
    }

    /// <summary>The review and the corrective actions: their own view, reached from the header.</summary>
    public async Task OpenLearningsAsync()
    {
        var learnings = Header.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Review and corrective") });
        await learnings.ClickAsync();
        await Expect(Review).ToBeVisibleAsync();
    }

    /// <summary>Moves forward and waits for the new phase to show.</summary>
    public async Task AdvanceAsync(string phase)
    {
        await MoveAsync($"Move to {phase}");
        await Expect(PhaseBadge).ToHaveTextAsync(phase);
    }

    /// <summary>Assigns (or hands over) an incident role with the Roles section's controls.</summary>
    public async Task AssignAsync(string role, string person)
    {
        await Roles.GetByLabel(new Regex($"^(Assign|Hand over) {role} to$")).SelectOptionAsync(new SelectOptionValue { Label = person });
        await Roles.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^(Assign|Hand over) {role}$") }).ClickAsync();
        await Expect(Holder(role)).ToContainTextAsync(person);
    }

    /// <summary>Fills in the severity form (which marks it as being edited) without submitting it.</summary>
    public async Task FillSeverityAsync(string severity, string reason)
    {
        await SeveritySection.GetByLabel("Severity", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = severity });
        await SeverityReason.FillAsync(reason);
    }

    public async Task ChangeSeverityAsync(string severity, string reason)
    {
        await FillSeverityAsync(severity, reason);
        await ChangeSeverityButton.ClickAsync();
        await Expect(SeverityBadge).ToHaveTextAsync(severity[..2]);
    }

    /// <summary>Writes in the composer: a "Note", an "Internal update" or an "External update".</summary>
    public async Task ComposeAsync(string text, string kind = "Note")
    {
        await Composer.GetByRole(AriaRole.Radio, new() { Name = kind }).CheckAsync();
        await Composer.GetByLabel("Text", new() { Exact = true }).FillAsync(text);
        await Composer.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
    }

    public async Task AddNoteAsync(string text)
    {
        await ComposeAsync(text);
        await Expect(Timeline.First).ToContainTextAsync(text);
    }
}
