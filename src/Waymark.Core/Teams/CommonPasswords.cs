using Microsoft.AspNetCore.Identity;

namespace Waymark.Teams;

/// <summary>
/// Refuses a password whose base word is one of the most common passwords, a word of this service, or the user's own
/// email local part or name (issue 16; the NCSC's password guidance: "block the most common passwords").
/// </summary>
/// <remarks>
/// The base word: the password lower-cased, then digits and symbols stripped from its end and from its start (so
/// "Password123!", "!Welcome2026" and "Waymark-2026!" all come down to a listed word). Only the WHOLE base word is compared,
/// never a substring: "Walk-Demo-Pa55word!" comes down to "walk-demo-pa55word", which is not listed. A password that is only
/// digits and symbols has an empty base word and is refused too. Identity runs this with its length rule, so every place a
/// password is set (changing your own, a forced change, the CLI's <c>WAYMARK_NEW_PASSWORD</c>) applies it; generated
/// one-time passwords (<see cref="UserAccounts.GeneratePassword"/>) never match.
/// </remarks>
public sealed class CommonPasswordValidator : IPasswordValidator<WaymarkUser>
{
    /// <summary>The error code Identity reports.</summary>
    public const string Code = "CommonPassword";

    /// <summary>The message shown in the error summary.</summary>
    public const string Message = "Your password is too easy to guess: it is a common password, a word to do with this service, or your own name or email address, with some numbers or symbols added. Choose something less predictable, for example three random words";

    /// <summary>
    /// About 100 base words. Sources: the NCSC's list of the 100,000 most common passwords from Have I Been Pwned
    /// (ncsc.gov.uk/static-assets/documents/PwnedPasswordsTop100k.txt, 2019; its top entries reduced to base words) and the
    /// NCSC's "Most hacked passwords" analysis (2019: 123456, password, qwerty, football teams, first names, iloveyou);
    /// plus the words of this service and the months and seasons, which people add a year to.
    /// </summary>
    public static readonly IReadOnlySet<string> BaseWords = new HashSet<string>(new[]
    {
        // Most common passwords (NCSC / Have I Been Pwned top list)
        "password", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "pass", "passwd", "qwerty", "qwertyuiop", "qwerty123",
        "asdfgh", "asdfghjkl", "zxcvbnm", "azerty", "letmein", "welcome", "admin", "administrator", "changeme", "iloveyou",
        "monkey", "dragon", "football", "sunshine", "princess", "abc", "abc123", "abcdef", "abcdefg", "111111", "123456", "1234567890",
        "000000", "master", "secret", "login", "hello", "freedom", "whatever", "trustno1", "superman", "batman", "shadow",
        "baseball", "liverpool", "chelsea", "arsenal", "everton", "charlie", "michael", "jessica", "ashley", "daniel",
        "thomas", "computer", "starwars", "cheese", "summer", "flower", "lovely", "loveme", "hunter", "killer", "pokemon",
        "default", "guest", "test", "user", "root", "access", "mustang", "jordan", "harley", "ranger", "tigger", "soccer",
        "cookie", "blink", "internet", "samsung", "google", "nothing", "silver", "matrix", "london", "england",
        // This service's own words
        "waymark", "nhs", "nhsuk", "nhsengland", "liaison", "diversion", "liaisonanddiversion", "landd", "l&d", "custody", "police",
        "court", "courts", "probation", "health", "mentalhealth", "nurse", "caseworker", "practitioner", "manager", "team",
        // Months and seasons
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "spring", "autumn", "winter", "fall",
    }.Select(BaseWord).Where(w => w.Length > 0), StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="password"/> lower-cased (invariant culture), with digits and symbols (anything not a letter)
    /// removed from both ends; may be empty.
    /// </summary>
    public static string BaseWord(string password) =>
        password.ToLowerInvariant().Trim().TrimEnd(NotLetters(password)).TrimStart(NotLetters(password));

    private static char[] NotLetters(string s) => s.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    /// <summary>Whether <paramref name="password"/>'s <see cref="BaseWord"/> is listed, empty, or the user's own email local part or name.</summary>
    /// <param name="password">The proposed password.</param>
    /// <param name="email">The account's email address, or null.</param>
    /// <param name="name">The account's display name, or null.</param>
    public static bool IsTooCommon(string password, string? email, string? name)
    {
        var word = BaseWord(password);
        if (word.Length == 0 || BaseWords.Contains(word)) return true;
        var own = new List<string>();
        if (email?.Split('@')[0] is { Length: > 0 } local)
        {
            own.Add(BaseWord(local));
            own.Add(LettersOnly(local));
        }
        if (!string.IsNullOrWhiteSpace(name))
        {
            own.Add(LettersOnly(name));
            own.AddRange(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(LettersOnly));
        }
        return own.Any(o => o.Length > 0 && (o == word || o == LettersOnly(word)));
    }

    private static string LettersOnly(string s) => new(s.ToLowerInvariant().Where(char.IsLetter).ToArray());

    /// <inheritdoc />
    public Task<IdentityResult> ValidateAsync(UserManager<WaymarkUser> manager, WaymarkUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IsTooCommon(password, user.Email, user.DisplayName)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = Message })
            : IdentityResult.Success);
    }
}
