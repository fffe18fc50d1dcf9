using Waymark.Support;

namespace Waymark.Reminders;

/// <summary>
/// The one rule for whether a person may be sent a reminder on a channel: a text needs their recorded consent to texts
/// and a UK mobile number (<see cref="PhoneNumbers.IsUkMobile"/>); an email their consent to email and an address.
/// Used when booking, planning and again at send time.
/// </summary>
public static class ReminderConsent
{
    /// <summary>Whether texts may be sent: <paramref name="consentToText"/> and a UK mobile <paramref name="phone"/>.</summary>
    public static bool CanText(bool consentToText, string? phone) => consentToText && PhoneNumbers.IsUkMobile(phone);

    /// <summary>Whether emails may be sent: <paramref name="consentToEmail"/> and an <paramref name="email"/> address.</summary>
    public static bool CanEmail(bool consentToEmail, string? email) => consentToEmail && !string.IsNullOrWhiteSpace(email);
}
