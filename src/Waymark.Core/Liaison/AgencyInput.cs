using System.Net.Mail;

namespace Waymark.Liaison;

/// <summary>
/// A criminal justice agency as typed on the form or read from an agencies file. Field keys of <see cref="Validate"/>
/// are the property names, so a form can put each message by its field.
/// </summary>
/// <param name="Kind">The kind of agency; null when none was chosen.</param>
/// <param name="Name">Required, up to <see cref="MaxName"/> characters; unique in the team (checked by the service).</param>
/// <param name="Code">The agency's own code (HMCTS court code, prison code, custody suite code); up to 20 characters.</param>
/// <param name="SecureEmail">Optional; a syntactically valid address up to 254 characters.</param>
/// <param name="Telephone">Optional; up to 50 characters of digits, spaces and + - ( ), at least 10 digits.</param>
/// <param name="Address">Optional; up to 500 characters, lines separated by new lines.</param>
/// <param name="Notes">Optional; up to 1000 characters.</param>
public sealed record AgencyInput(AgencyKind? Kind, string? Name, string? Code, string? SecureEmail, string? Telephone, string? Address, string? Notes)
{
    /// <summary>The longest name, in characters (the column's length).</summary>
    public const int MaxName = 200;

    /// <summary>Every problem with what was typed, as (field, message); empty when it can be saved (bar the name being taken).</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Kind is not { } k || !Enum.IsDefined(k)) yield return (nameof(Kind), "Select the kind of agency");
        if (string.IsNullOrWhiteSpace(Name)) yield return (nameof(Name), "Enter the agency's name");
        else if (Name.Trim().Length > MaxName) yield return (nameof(Name), $"Name must be {MaxName} characters or fewer");
        if (Code is { } c && c.Trim().Length > 20) yield return (nameof(Code), "Code must be 20 characters or fewer");
        if (!IsEmail(SecureEmail)) yield return (nameof(SecureEmail), "Enter the secure email address in the correct format, like custody.northshire@cjsm.invalid");
        if (!IsPhone(Telephone)) yield return (nameof(Telephone), "Enter a telephone number, like 01632 960 001");
        if (Address is { } a && a.Trim().Length > 500) yield return (nameof(Address), "Address must be 500 characters or fewer");
        if (Notes is { } n && n.Trim().Length > 1000) yield return (nameof(Notes), "Notes must be 1,000 characters or fewer");
    }

    /// <summary>Whether <paramref name="s"/> is empty or one plain address (name@domain.tld, no display name), up to 254 characters.</summary>
    public static bool IsEmail(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return true;
        var e = s.Trim();
        return e.Length <= 254 && MailAddress.TryCreate(e, out var parsed) && parsed.Address == e
            && e[(e.IndexOf('@', StringComparison.Ordinal) + 1)..].Contains('.', StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="s"/> is empty or a telephone number as people type one (at least 10 digits).</summary>
    public static bool IsPhone(string? s) => string.IsNullOrWhiteSpace(s)
        || (s.Trim().Length <= 50 && s.Count(char.IsAsciiDigit) >= 10 && s.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')'));

    /// <summary>Trimmed text, or null for blank.</summary>
    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
