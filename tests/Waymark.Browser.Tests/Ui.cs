using System.Text;
using Deque.AxeCore.Commons;
using Newtonsoft.Json.Linq;
using Microsoft.Playwright;

namespace Waymark.Browser.Tests;

/// <summary>What every test does to a page: accessibility checks, signing in, moving by keyboard.</summary>
public static class Ui
{
    /// <summary>How long any browser wait may take before the test fails: every action, navigation and expectation.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static string Email(string role) => $"{role.ToLowerInvariant()}@demo.invalid";

    /// <summary>
    /// Runs axe with the WCAG 2.2 AA tags and fails on any violation, listing each rule, the elements and the help.
    /// Also checks the page has exactly one h1 and a title.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page, string what)
    {
        // Everything loaded (styles decide colour contrast and target sizes), checked by polling the document rather
        // than by waiting for the load event, which Playwright was seen to miss here (see WaitForDocumentAsync).
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { Timeout = (float)Patience.TotalMilliseconds });
        var results = await page.RunAxeAsync();
        if (results.Violations.Length > 0)
        {
            var sb = new StringBuilder($"axe found {results.Violations.Length} violation(s) on {what} ({page.Url}):\n");
            foreach (var v in results.Violations)
            {
                sb.Append($"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}\n");
                foreach (var n in v.Nodes)
                {
                    sb.Append($"    at {n.Target}: {n.Html}\n");
                    foreach (var check in (n.Any ?? []).Concat(n.All ?? []).Concat(n.None ?? []))
                        sb.Append($"      {check.Message}\n");
                }
            }
            Assert.Fail(sb.ToString());
        }
        Assert.True(results.Passes.Length > 0, $"axe ran no passing rule on {what}: it did not really run");
        await page.AssertStructureAsync(what);
    }

    /// <summary>
    /// The axe-core build that ships in Deque.AxeCore.Commons, injected once per document and run with axe.run.
    /// (Deque.AxeCore.Playwright's RunAxe opens a new browser page for every call to merge frame results,
    /// which costs seconds a call here; these pages have no frames, so the plain run gives the same results.)
    /// </summary>
    public static async Task<AxeResult> RunAxeAsync(this IPage page)
    {
        // Evaluate has no timeout of its own (and never returns where scripts are off): fail instead of hanging.
        var limit = TimeSpan.FromSeconds(60);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'").WaitAsync(limit))
            await page.EvaluateAsync(AxeSource.Value).WaitAsync(limit);
        var json = await page.EvaluateAsync<string>(
            "async tags => JSON.stringify(await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))",
            WcagTags).WaitAsync(limit);
        return new AxeResult(JObject.Parse(json));
    }

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe-core is missing from Deque.AxeCore.Commons");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Exactly one h1, and a title naming the page and the service.</summary>
    public static async Task AssertStructureAsync(this IPage page, string what)
    {
        var h1s = await page.Locator("h1").CountAsync();
        Assert.True(h1s == 1, $"{what} ({page.Url}) has {h1s} h1 elements, not exactly one");
        var title = await page.TitleAsync();
        Assert.True(title.EndsWith("– Waymark", StringComparison.Ordinal) && title.Length > "– Waymark".Length + 1,
            $"{what} ({page.Url}) has title \"{title}\"; expected \"<page> – Waymark\"");
    }

    /// <summary>An error state: <see cref="AssertErrorSummaryAsync"/>, then axe on the page as it now is.</summary>
    public static async Task AssertErrorStateAsync(this IPage page, string what, params string[] messages)
    {
        await page.AssertErrorSummaryAsync(what, messages);
        await page.AssertAccessibleAsync(what + " (error state)");
    }

    /// <summary>The title says Error, the summary lists each message, each message is by its field, and every summary link goes to one element.</summary>
    public static async Task AssertErrorSummaryAsync(this IPage page, string what, params string[] messages)
    {
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        foreach (var m in messages)
        {
            await Assertions.Expect(summary.GetByText(m, new() { Exact = true })).ToBeVisibleAsync();
            // Each message is also shown by its field.
            await Assertions.Expect(page.Locator(".nhsuk-error-message").Filter(new() { HasText = m })).ToHaveCountAsync(1);
        }
        var hrefs = new List<string>();
        foreach (var link in await summary.Locator("a").AllAsync())
        {
            var href = await link.GetAttributeAsync("href");
            Assert.NotNull(href);
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            Assert.True(await page.Locator(href).CountAsync() == 1, $"error summary link {href} on {what} does not point to exactly one element");
            hrefs.Add(href);
        }
        // Errors are listed in the order their fields come on the page. A selector list matches in document
        // order, which gives the fields' order without running script in the page.
        if (hrefs.Count > 1)
        {
            var inPageOrder = new List<string>();
            foreach (var field in await page.Locator(string.Join(", ", hrefs)).AllAsync()) inPageOrder.Add("#" + await field.GetAttributeAsync("id"));
            Assert.True(inPageOrder.SequenceEqual(hrefs),
                $"error summary on {what} lists {string.Join(", ", hrefs)}; the fields come in the order {string.Join(", ", inPageOrder)}");
        }
        await page.AssertStructureAsync(what);
    }

    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(WaymarkApp.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Wait for the home page to arrive and show its heading rather than for the window's load event: a run here
            // once timed out waiting for "load" on a home page that had already committed and gone network-idle. Poll the
            // URL rather than WaitForURLAsync: when the home page is already there, that waits for a "commit" load state
            // that never comes (seen in the crisis-and-beyond walk: at "/", h1 "Hello, …", timed out in WaitForLoadState).
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"^https?://[^/]+/(\?.*)?$"), new() { Timeout = (float)Patience.TotalMilliseconds });
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Hello, "), new() { Timeout = (float)Patience.TotalMilliseconds });
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // Say where the browser was left and what the page said, so a failure in CI can be understood from its log.
            var h1 = await page.Locator("h1").AllInnerTextsAsync().WaitAsync(TimeSpan.FromSeconds(5));
            var summary = await page.Locator(".nhsuk-error-summary").AllInnerTextsAsync().WaitAsync(TimeSpan.FromSeconds(5));
            throw new TimeoutException($"Signing in as {email} did not reach the home page: the browser is at {page.Url}, h1 \"{string.Join(" | ", h1)}\", error summary \"{string.Join(" | ", summary)}\"", e);
        }
    }

    /// <summary>Tabs to <paramref name="link"/> and follows it with Enter, waiting for the next page (it must be keyboard reachable).</summary>
    public static async Task FollowLinkByKeyboardAsync(this IPage page, ILocator link, int maxPresses = 250)
    {
        await page.TabToAsync(link, maxPresses);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
    }

    /// <summary>Tabs to the link named exactly <paramref name="name"/> and follows it with Enter.</summary>
    public static Task FollowLinkByKeyboardAsync(this IPage page, string name) =>
        page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }));

    /// <summary>Presses Tab until <paramref name="target"/> has focus; fails if it is not reached, so it must be keyboard reachable.</summary>
    public static async Task TabToAsync(this IPage page, ILocator target, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement")) return;
        }
        Assert.Fail($"{target} was not reached with {maxPresses} presses of Tab");
    }

    /// <summary>Tabs into a radio group and moves with the arrow keys until the radio labelled <paramref name="label"/> is selected.</summary>
    public static Task ChooseRadioByKeyboardAsync(this IPage page, string groupName, string label) =>
        page.ChooseRadioByKeyboardAsync(groupName, page.GetByRole(AriaRole.Radio, new() { Name = label, Exact = true }));

    /// <summary>Tabs into a radio group and moves with the arrow keys until <paramref name="target"/> is selected.</summary>
    public static async Task ChooseRadioByKeyboardAsync(this IPage page, string groupName, ILocator target)
    {
        var radios = page.Locator($"input[type=radio][name='{groupName}']");
        var reached = false;
        for (var i = 0; i < 80 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await radios.EvaluateAllAsync<bool>("els => els.includes(document.activeElement)");
        }
        Assert.True(reached, $"radio group {groupName} was not reached with Tab");
        var count = await radios.CountAsync();
        if (!await radios.EvaluateAllAsync<bool>("els => els.some(e => e.checked)"))
            await page.Keyboard.PressAsync("Space");
        for (var i = 0; i <= count && !await target.IsCheckedAsync(); i++)
            await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(target).ToBeCheckedAsync();
        await Assertions.Expect(target).ToBeFocusedAsync();
    }

    /// <summary>Tabs to a checkbox and ticks it with Space.</summary>
    public static async Task TickByKeyboardAsync(this IPage page, string label)
    {
        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true });
        await page.TabToAsync(box);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(box).ToBeCheckedAsync();
    }

    /// <summary>Tabs to a text field and types into it (replacing what is there).</summary>
    public static async Task TypeByKeyboardAsync(this IPage page, ILocator field, string text)
    {
        await page.TabToAsync(field);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        if (text.Length > 0) await page.Keyboard.TypeAsync(text);
        await Assertions.Expect(field).ToHaveValueAsync(text);
    }

    /// <summary>Tabs to the button, presses Enter and waits for the page that comes back.</summary>
    public static async Task PressButtonAsync(this IPage page, string name)
    {
        var button = page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
        await page.TabToAsync(button);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
    }

    /// <summary>
    /// Does <paramref name="action"/> and waits until a new document has replaced the current one and loaded.
    /// The same URL comes back when a form is shown again with errors, so waiting for a URL is not enough;
    /// the main frame's navigation event is, and it needs no script in the page (the no-JavaScript test uses it too).
    /// </summary>
    public static async Task NavigatesAsync(this IPage page, Func<Task> action)
    {
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame) navigated.TrySetResult();
        }
        page.FrameNavigated += OnNavigated;
        try
        {
            await action();
            await navigated.Task.WaitAsync(Patience);
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }
        await page.WaitForDocumentAsync();
    }

    /// <summary>
    /// Waits until the page's document has been parsed to its end (the layout's footer is there). A locator wait polls,
    /// and works without JavaScript. Waiting for the window's load event instead timed out after 15 s in 2 runs of 10
    /// here, on pages that had committed and gone network-idle: Playwright missed an event that had already happened.
    /// </summary>
    public static Task WaitForDocumentAsync(this IPage page) =>
        Assertions.Expect(page.Locator("footer[role=contentinfo]")).ToBeAttachedAsync(new() { Timeout = (float)Patience.TotalMilliseconds });

    /// <summary>
    /// Waits until the address matches <paramref name="url"/> and that page's document has been parsed to its end.
    /// Playwright's <c>WaitForURLAsync</c> on its own also waits for the window's load event, which it sometimes misses
    /// (see <see cref="WaitForDocumentAsync"/>): a 15 s timeout on a page that had loaded (LiaisonWalkTests, 1 run in 5).
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, Func<string, bool> url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForDocumentAsync();
    }

    /// <inheritdoc cref="WaitForPageAsync(IPage, Func{string, bool})"/>
    public static Task WaitForPageAsync(this IPage page, System.Text.RegularExpressions.Regex url) =>
        page.WaitForPageAsync(u => url.IsMatch(u));

    /// <summary>Fails with the error summary's text when a form that should have been accepted came back with errors.</summary>
    public static async Task AssertNoErrorsAsync(this IPage page, string what)
    {
        var summary = page.Locator(".nhsuk-error-summary");
        if (await summary.CountAsync() > 0)
            Assert.Fail($"{what} was refused: {await summary.InnerTextAsync()}");
    }

    /// <summary>Clicks (as a pointer user would) and waits for the next page.</summary>
    public static Task ClickAndWaitAsync(this IPage page, ILocator target) => page.NavigatesAsync(() => target.ClickAsync());
}
