using System.Net.Mail;

namespace Waymark.Support;

/// <summary>The one check of an email address as typed for a person or someone in their support network.</summary>
public static class EmailAddresses
{
    /// <summary>The longest address stored (characters): RFC 5321's 254-character limit on a path, less its angle brackets.</summary>
    public const int MaxLength = 254;

    /// <summary>The message for an address that fails <see cref="IsValid"/> (the GOV.UK design system's wording).</summary>
    public const string FormatMessage = "Enter an email address in the correct format, like name@example.com";

    /// <summary>
    /// Whether <paramref name="email"/> (trimmed, not empty) looks like an address: at most <see cref="MaxLength"/>
    /// characters, read by <see cref="MailAddress"/> as exactly itself (no display name or angle brackets), and with a dot
    /// somewhere (so "name@localhost" is refused).
    /// </summary>
    public static bool IsValid(string email) =>
        email is not null && email.Length <= MaxLength && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email
        && email.Contains('.', StringComparison.Ordinal);

    /// <summary>Why <paramref name="email"/> (trimmed, not empty) is not an address (<see cref="FormatMessage"/>), or null when it is (<see cref="IsValid"/>).</summary>
    public static string? Problem(string email) => IsValid(email) ? null : FormatMessage;
}
