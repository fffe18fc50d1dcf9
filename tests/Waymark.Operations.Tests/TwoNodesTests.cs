using Waymark.Persistence;

namespace Waymark.Operations.Tests;

/// <summary>
/// Two instances of the web app on one PostgreSQL database, as behind a load balancer without sticky sessions
/// (issue 16 item 5; docs/operations.md, "Running several instances"): the sign-in cookie, the anti-forgery
/// token, a sign-out and saved changes all hold across them, because the data protection keys, the sessions and the
/// data are in the database.
/// </summary>
public sealed class TwoNodesTests : IAsyncLifetime
{
    private readonly TestDatabase _db = TestDatabase.For(DatabaseProvider.Postgres);
    private readonly string _password = "Nodes-" + Guid.NewGuid().ToString("N");
    private AppProcess? _a, _b;

    public async Task InitializeAsync()
    {
        await _db.CreateAsync();
        // One after the other, as a deployment should (docs): the first migrates, seeds the demo and creates the data protection key.
        _a = await AppProcess.StartAsync(SoakCommand.Settings(_db.ConnectionString, "", _password));
        _b = await AppProcess.StartAsync(SoakCommand.Settings(_db.ConnectionString, "", _password));
    }

    public async Task DisposeAsync()
    {
        _a?.Dispose();
        _b?.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_user_signed_in_on_one_node_works_on_the_other_and_a_sign_out_on_one_is_honoured_by_both()
    {
        using var onA = new WebSession(_a!.Address);
        await onA.SignInAsync("practitioner@demo.invalid", _password);
        using var onB = onA.On(_b!.Address);
        Assert.Equal(System.Net.HttpStatusCode.OK, await _a.ReadyAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, await _b.ReadyAsync());

        // The cookie issued by A is accepted by B: B's people list, not a redirect to sign in.
        var list = await onB.GetAsync("/people");
        Assert.True(list.Status == 200, $"B refused A's cookie: {list}");
        var person = await onB.FirstPersonAsync() ?? throw new InvalidOperationException("no demo person");

        // A change saved on A is seen on B.
        var first = Journeys.DramaPhone();
        var saved = await Journeys.ChangePhoneAsync(onA, person, first);
        Assert.True(saved.Status == 302, $"save on A: {saved}");
        Shows(await onB.GetAsync($"/people/{person}?Purpose=audit"), first);

        // A form read from A (its anti-forgery token and cookie) is accepted when posted to B, and B's change is seen on A.
        var form = WebSession.MainForm(await onA.GetAsync($"/people/{person}/edit"), $"/people/{person}/edit");
        string second;
        do second = Journeys.DramaPhone(); while (second == first);
        form.Set("Input.Phone", second);
        using var onBWithAForm = onA.On(_b.Address); // carries the anti-forgery cookie A set with the form
        var posted = await onBWithAForm.PostAsync(form.Action, form.Fields);
        Assert.True(posted.Status == 302, $"B refused A's anti-forgery token: {posted}");
        Shows(await onA.GetAsync($"/people/{person}?Purpose=audit"), second);

        // Signing out on A ends the session in the database: B refuses the same cookie at once (no cache on B).
        using var keptCookie = onA.On(_b.Address);
        var token = WebSession.SignOutToken(await onA.GetAsync("/")) ?? throw new InvalidOperationException("no sign-out form");
        var signedOut = await onA.PostAsync("/account/sign-out", [new("__RequestVerificationToken", token)]);
        Assert.Equal(302, signedOut.Status);
        var after = await keptCookie.GetAsync("/people");
        Assert.Equal(302, after.Status);
        Assert.StartsWith("/account/sign-in", after.Location, StringComparison.OrdinalIgnoreCase);
        // And A refuses it too (not just because A's browser dropped the cookie).
        var onAAgain = await keptCookie.On(_a.Address).GetAsync("/people");
        Assert.Equal(302, onAAgain.Status);
    }

    private static void Shows(Answer page, string text)
    {
        if (page.Status == 200 && page.Body.Contains(text, StringComparison.Ordinal)) return;
        var h1 = System.Text.RegularExpressions.Regex.Match(page.Body, "<h1[^>]*>(.*?)</h1>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var contact = System.Text.RegularExpressions.Regex.Match(page.Body, "Phone:[^<]*").Value;
        Assert.Fail($"Expected {text}: {page.Status} {page.Location} h1 '{h1}' '{contact}'");
    }
}
