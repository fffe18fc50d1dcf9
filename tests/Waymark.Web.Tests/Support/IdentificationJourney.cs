using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Waymark.Web.Tests.Support;

/// <summary>What a practitioner types on the "who is the person" step.</summary>
public sealed record PersonAnswers(string GivenName, string FamilyName, DateOnly? DateOfBirth = null,
    string? Sex = null, string? NhsNumber = null, string? PncId = null, string? Postcode = null);

/// <summary>
/// Drives the identification journey through its forms, one step at a time, the way a browser would:
/// each step's form is read from the page, filled in, and posted with its antiforgery token.
/// </summary>
public sealed partial class IdentificationJourney(AppClient client)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public Guid DraftId { get; private set; }

    public string StepUrl(string step) => $"/identification/{DraftId}/{step}";

    /// <summary>Now in UK local time, as the setting step asks for it.</summary>
    public static DateTimeOffset LondonNow => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London);

    public static DateOnly LondonToday => DateOnly.FromDateTime(LondonNow.DateTime);

    public async Task StartAsync(Guid? personId = null)
    {
        var page = await client.GetPageAsync(personId is null ? "/identification" : $"/identification?person={personId}");
        using var response = await page.Form().SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = SettingUrl().Match(Redirects.Target(response));
        Assert.True(match.Success, $"Start should lead to the setting step, went to {Redirects.Target(response)}");
        DraftId = Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>Valid answers for the setting step (police custody, two hours ago), then <paramref name="change"/>.</summary>
    public async Task<HttpResponseMessage> SubmitSettingAsync(Action<HtmlForm>? change = null)
    {
        var at = LondonNow.AddHours(-2);
        var form = (await client.GetPageAsync(StepUrl("setting"))).Form()
            .Set("Setting", "PoliceCustody")
            .Set("Reference", "NS-123456")
            .SetDate("When", DateOnly.FromDateTime(at.DateTime))
            .Set("Time", at.ToString("HH:mm", CultureInfo.InvariantCulture));
        change?.Invoke(form);
        return await form.SubmitAsync(client);
    }

    public async Task<HttpResponseMessage> SubmitReasonAsync(string source = "Custody sergeant", string why = "Said he hears voices; distressed at booking-in.", params string[] prompts)
    {
        var form = (await client.GetPageAsync(StepUrl("reason"))).Form()
            .Set("Source", source).Set("Why", why).SetAll("Prompts", prompts.Length == 0 ? ["mental-health"] : prompts);
        return await form.SubmitAsync(client);
    }

    public async Task<HttpResponseMessage> SubmitPersonAsync(PersonAnswers answers, Action<HtmlForm>? change = null)
    {
        var form = (await client.GetPageAsync(StepUrl("person"))).Form()
            .Set("GivenName", answers.GivenName)
            .Set("FamilyName", answers.FamilyName)
            .Set("Sex", answers.Sex)
            .Set("NhsNumber", answers.NhsNumber ?? "")
            .Set("PncId", answers.PncId ?? "")
            .Set("Postcode", answers.Postcode ?? "");
        if (answers.DateOfBirth is { } dob) form.SetDate("Dob", dob);
        change?.Invoke(form);
        return await form.SubmitAsync(client);
    }

    public Task<HtmlPage> MatchesAsync() => client.GetPageAsync(StepUrl("matches"));

    /// <summary>Answers "do we know this person?" with a candidate's id, or "new".</summary>
    public async Task ChooseAsync(string choice)
    {
        var page = await MatchesAsync();
        using var response = await page.Form().Set("Choice", choice).SubmitAsync(client);
        await ExpectRedirectAsync(response, "check");
    }

    public Task<HtmlPage> CheckAsync() => client.GetPageAsync(StepUrl("check"));

    /// <summary>Records the identification; returns the person whose record it lands on.</summary>
    public async Task<Guid> ConfirmAsync()
    {
        var page = await CheckAsync();
        using var response = await page.Form().SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = PersonUrl().Match(Redirects.Target(response));
        Assert.True(match.Success, $"Recording should land on the person's record, went to {Redirects.Target(response)}");
        return Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>Setting, reason and person steps with valid answers, ending on the match step.</summary>
    public async Task AnswerUpToMatchesAsync(PersonAnswers person)
    {
        using (var r = await SubmitSettingAsync()) await ExpectRedirectAsync(r, "reason");
        using (var r = await SubmitReasonAsync()) await ExpectRedirectAsync(r, "person");
        using (var r = await SubmitPersonAsync(person)) await ExpectRedirectAsync(r, "matches");
    }

    /// <summary>A whole journey for a new person; returns the new person's id.</summary>
    public async Task<Guid> RecordNewPersonAsync(PersonAnswers person)
    {
        await StartAsync();
        await AnswerUpToMatchesAsync(person);
        await ChooseAsync("new");
        return await ConfirmAsync();
    }

    public async Task ExpectRedirectAsync(HttpResponseMessage response, string step)
    {
        if (response.StatusCode != HttpStatusCode.Redirect || Redirects.Target(response) != StepUrl(step))
        {
            var page = await HtmlPage.ReadAsync(response);
            Assert.Fail($"Expected to go on to {StepUrl(step)}, got {(int)response.StatusCode} {Redirects.Describe(response)} {page.ErrorSummary}");
        }
    }

    /// <summary>A valid NHS number in the 999 test range, different each call.</summary>
    public static string NewNhsNumber()
    {
        while (true)
        {
            var nine = "999" + Random.Shared.Next(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
            if (Waymark.Identifiers.NhsNumber.CheckDigit(nine) is { } check) return nine + check;
        }
    }

    [GeneratedRegex(@"^/identification/([0-9a-f-]{36})/setting$")]
    private static partial Regex SettingUrl();

    [GeneratedRegex(@"^/people/([0-9a-f-]{36})$")]
    private static partial Regex PersonUrl();
}
