namespace Waymark.SupportNetworks;

/// <summary>What is typed to add or change a member of a person's support network. Field names are the property names.</summary>
/// <param name="Name">Required, up to <see cref="MaxName"/> characters.</param>
/// <param name="Relationship">Required.</param>
/// <param name="RelationshipWords">Optional; required for <see cref="SupportNetworks.Relationship.Other"/>; up to <see cref="MaxName"/> characters.</param>
/// <param name="Phone">Optional; a phone number by <see cref="Support.PhoneNumbers.Problem"/>.</param>
/// <param name="Email">Optional; an email address (the rule person details use).</param>
/// <param name="Address">Optional, up to <see cref="MaxAddress"/> characters.</param>
/// <param name="ConsentToContact">Whether the person consents to the team contacting them; required (yes or no).</param>
/// <param name="DoNotContact">The team must not contact them.</param>
/// <param name="DoNotContactReason">Why; required with <paramref name="DoNotContact"/>, up to <see cref="MaxReason"/> characters.</param>
/// <param name="IsCarer">They are the person's carer.</param>
/// <param name="IsAppropriateAdult">They are or have been the person's appropriate adult.</param>
/// <param name="Notes">Optional, up to <see cref="MaxNotes"/> characters.</param>
public sealed record SupportNetworkInput(
    string? Name, Relationship? Relationship, string? RelationshipWords, string? Phone, string? Email, string? Address,
    bool? ConsentToContact, bool DoNotContact, string? DoNotContactReason, bool IsCarer, bool IsAppropriateAdult, string? Notes)
{
    /// <summary>200 characters.</summary>
    public const int MaxName = 200;
    /// <summary>500 characters.</summary>
    public const int MaxAddress = 500;
    /// <summary>500 characters.</summary>
    public const int MaxReason = 500;
    /// <summary>2,000 characters.</summary>
    public const int MaxNotes = 2000;
    /// <summary>254 characters (RFC 5321's longest address).</summary>
    public const int MaxEmail = Support.EmailAddresses.MaxLength;

    /// <summary>
    /// The problem when the person consents to contact but the team is told not to contact them: the two contradict each other,
    /// so the record would not say whether the team may make contact (issue 14).
    /// </summary>
    public const string ConsentWithDoNotContact =
        "The person cannot consent to contact with someone marked do not contact: select no for consent, or untick do not contact";

    /// <summary>Every problem with the input (field, message).</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Clean(Name) is not { } name) yield return (nameof(Name), "Enter their name");
        else if (name.Length > MaxName) yield return (nameof(Name), $"Name must be {MaxName} characters or fewer");
        if (Relationship is not { } r || !Enum.IsDefined(r)) yield return (nameof(Relationship), "Select how they are related to the person");
        if (Clean(RelationshipWords) is { Length: > MaxName }) yield return (nameof(RelationshipWords), $"More about the relationship must be {MaxName} characters or fewer");
        else if (Relationship == SupportNetworks.Relationship.Other && Clean(RelationshipWords) is null)
            yield return (nameof(RelationshipWords), "Enter how they are related to the person");
        if (Clean(Phone) is { } phone && Support.PhoneNumbers.Problem(phone) is { } phoneProblem) yield return (nameof(Phone), phoneProblem);
        if (Clean(Email) is { } email && Support.EmailAddresses.Problem(email) is { } emailProblem) yield return (nameof(Email), emailProblem);
        if (Clean(Address) is { Length: > MaxAddress }) yield return (nameof(Address), $"Address must be {MaxAddress} characters or fewer");
        if (ConsentToContact is null) yield return (nameof(ConsentToContact), "Select yes if the person agrees to the team contacting them, or no if they do not");
        else if (ConsentToContact == true && DoNotContact) yield return (nameof(ConsentToContact), ConsentWithDoNotContact);
        if (DoNotContact && Clean(DoNotContactReason) is null) yield return (nameof(DoNotContactReason), "Enter why the team must not contact them");
        else if (Clean(DoNotContactReason) is { Length: > MaxReason }) yield return (nameof(DoNotContactReason), $"The reason must be {MaxReason} characters or fewer");
        if (Clean(Notes) is { Length: > MaxNotes }) yield return (nameof(Notes), $"Notes must be {MaxNotes:N0} characters or fewer");
    }

    /// <summary>Trimmed, or null when blank.</summary>
    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
