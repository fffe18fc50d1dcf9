using System.Globalization;
using System.Text.RegularExpressions;

namespace Waymark.Bench.Soak;

/// <summary>
/// The saves the soak and the fault tests drive through the web pages, as a browser would (each step's form read from the
/// page and posted with its anti-forgery token): recording an identification of a new person (one save writes the person,
/// their team link, the episode and its audit event in one transaction) and changing a person's phone number.
/// </summary>
public static partial class Journeys
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>What went wrong in a journey: the step and the answer (a 503 during an outage, a timeout, …).</summary>
    public sealed class StepFailed(string step, Answer answer) : Exception($"{step}: {answer.Status} {answer.Location}")
    {
        /// <summary>The step that was refused.</summary>
        public string Step { get; } = step;

        /// <summary>The app's answer.</summary>
        public Answer Answer { get; } = answer;
    }

    /// <summary>
    /// Records an identification (police custody, two hours ago) of a new person called <paramref name="givenName"/>
    /// <paramref name="familyName"/>. Returns the person's id once the final save was acknowledged (the redirect to their
    /// record); throws <see cref="StepFailed"/> at the first step the app refused, <see cref="HttpRequestException"/> or a
    /// cancellation when it did not answer. <paramref name="onStep"/> hears each request's answer (for counting).
    /// </summary>
    public static async Task<Guid> RecordIdentificationAsync(WebSession s, string givenName, string familyName, Action<Answer>? onStep = null, CancellationToken ct = default)
    {
        async Task<Answer> Step(string name, Func<Task<Answer>> send, Func<Answer, bool> ok)
        {
            var a = await send();
            onStep?.Invoke(a);
            return ok(a) ? a : throw new StepFailed(name, a);
        }
        async Task<(Answer Page, Form Form)> Page(string path)
        {
            var page = await Step("GET " + path, () => s.GetAsync(path, ct), a => a.Status == 200);
            return (page, WebSession.MainForm(page, path));
        }
        async Task<string> Post(Form form, string expect) =>
            (await Step("POST " + form.Action, () => s.PostAsync(form.Action, form.Fields, ct),
                a => a.Status == 302 && a.Location is not null && Regex.IsMatch(a.Location, expect))).Location!;

        var start = (await Page("/identification")).Form;
        var setting = await Post(start, "^/identification/[0-9a-f-]{36}/setting$");
        var draft = setting[..setting.LastIndexOf('/')];
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).AddHours(-2);
        var f = (await Page(setting)).Form.Set("Setting", "PoliceCustody").Set("Reference", "NS-" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture))
            .SetDate("When", DateOnly.FromDateTime(at.DateTime)).Set("Time", at.ToString("HH:mm", CultureInfo.InvariantCulture));
        await Post(f, "^" + draft + "/reason$");
        f = (await Page(draft + "/reason")).Form.Set("Source", "Custody sergeant").Set("Why", "Distressed at booking-in (synthetic soak data).").SetAll("Prompts", "mental-health");
        await Post(f, "^" + draft + "/person$");
        f = (await Page(draft + "/person")).Form.Set("GivenName", givenName).Set("FamilyName", familyName).Set("NhsNumber", "").Set("PncId", "").Set("Postcode", "")
            .SetDate("Dob", new DateOnly(1980 + Random.Shared.Next(0, 20), 1 + Random.Shared.Next(0, 12), 1 + Random.Shared.Next(0, 28)));
        await Post(f, "^" + draft + "/matches$");
        f = (await Page(draft + "/matches")).Form.Set("Choice", "new");
        await Post(f, "^" + draft + "/check$");
        f = (await Page(draft + "/check")).Form;
        var person = await Post(f, "^/people/[0-9a-f-]{36}$");
        return Guid.Parse(person["/people/".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Changes <paramref name="person"/>'s phone number to <paramref name="phone"/> on their details form. Returns the
    /// answer to the save (a redirect when it was saved); throws <see cref="StepFailed"/> when the form could not be read.
    /// </summary>
    public static async Task<Answer> ChangePhoneAsync(WebSession s, Guid person, string phone, CancellationToken ct = default)
    {
        var path = $"/people/{person}/edit";
        var page = await s.GetAsync(path, ct);
        if (page.Status != 200) throw new StepFailed("GET " + path, page);
        var form = WebSession.MainForm(page, path).Set("Input.Phone", phone).Set("Input.PhoneAbsence", null);
        return await s.PostAsync(form.Action, form.Fields, ct);
    }

    /// <summary>A drama phone number (Ofcom's 01632 960000–960999 range), different each call.</summary>
    public static string DramaPhone() => "01632 960" + Random.Shared.Next(0, 1000).ToString("000", CultureInfo.InvariantCulture);

    /// <summary>A synthetic family name unique to this run and <paramref name="n"/> (letters only, so every name rule accepts it).</summary>
    public static string SyntheticFamilyName(string run, int n) => run + Letters(n);

    private static string Letters(int n)
    {
        var chars = new List<char>();
        do { chars.Add((char)('a' + n % 26)); n /= 26; } while (n > 0);
        chars.Reverse();
        return new string([.. chars]);
    }
}
