namespace Waymark.Reminders;

/// <summary>Where a reminder is, in words for the page: <see cref="Label"/> (e.g. "Failed") and, when there is one, why (<see cref="Detail"/>).</summary>
/// <param name="Label">"Delivered", "Sent", "Sending", "Waiting to send", "Not sent" (cancelled) or "Failed".</param>
/// <param name="Detail">Why it failed or was not sent, in plain words; null otherwise.</param>
public sealed record ReminderStatusWords(string Label, string? Detail)
{
    /// <summary>The label with the detail, e.g. "Failed: The mobile number was not accepted ...", or the label alone.</summary>
    public override string ToString() => Detail is null ? Label : $"{Label}: {Detail}";
}

/// <summary>
/// The one way reminders' states are put into words on every page (the appointment's reminders and the person's
/// reminders), instead of GOV.UK Notify's raw statuses ("created", "sending", "delivered") and refusal messages
/// ("phone_number Not a UK mobile number"). Notify's statuses: https://docs.notifications.service.gov.uk/rest-api.html#status-text-and-email.
/// </summary>
public static class ReminderStatus
{
    /// <summary>What <see cref="ReminderSender"/> puts before Notify's message when Notify refused to send.</summary>
    public const string RefusedPrefix = "Notify refused it: ";

    /// <summary>The state of <paramref name="reminder"/> in words.</summary>
    public static ReminderStatusWords Describe(Reminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return Describe(reminder.FailedAt, reminder.FailureReason, reminder.CancelledAt, reminder.CancelReason, reminder.DeliveredAt, reminder.SentAt, reminder.DeliveryStatus);
    }

    /// <summary>The state of a reminder, from its recorded facts, in words: failed, then cancelled, delivered, sent or sending, waiting.</summary>
    public static ReminderStatusWords Describe(DateTimeOffset? failedAt, string? failureReason, DateTimeOffset? cancelledAt, string? cancelReason,
        DateTimeOffset? deliveredAt, DateTimeOffset? sentAt, string? deliveryStatus)
    {
        if (failedAt is not null) return new("Failed", PlainFailure(failureReason));
        if (cancelledAt is not null) return new("Not sent", string.IsNullOrWhiteSpace(cancelReason) ? null : cancelReason);
        if (deliveredAt is not null || deliveryStatus == "delivered") return new("Delivered", null);
        if (sentAt is null) return new("Waiting to send", null);
        // Notify's "sent" is a text sent abroad, which gives no delivery receipt; anything else is still on its way.
        return deliveryStatus == "sent" ? new("Sent", null) : new("Sending", null);
    }

    /// <summary>
    /// A failure reason in plain words: Notify's refusal of a number or address (its validation messages name the field,
    /// "phone_number" or "email_address") becomes what to check; other reasons are already in words
    /// (<see cref="ReminderSender.FailureReason"/>).
    /// </summary>
    public static string PlainFailure(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "GOV.UK Notify could not send it.";
        if (!reason.StartsWith(RefusedPrefix, StringComparison.Ordinal)) return reason;
        var notify = reason[RefusedPrefix.Length..];
        if (notify.Contains("phone_number", StringComparison.OrdinalIgnoreCase))
            return "GOV.UK Notify did not accept the mobile number (it must be a UK mobile number). Check it with the person and change their details.";
        if (notify.Contains("email_address", StringComparison.OrdinalIgnoreCase))
            return "GOV.UK Notify did not accept the email address. Check it with the person and change their details.";
        return "GOV.UK Notify did not accept it. Ask your system administrator to check the Notify settings.";
    }
}
