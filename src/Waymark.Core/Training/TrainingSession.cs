using Waymark.Liaison;
using Waymark.Persistence;

namespace Waymark.Training;

/// <summary>Who was trained. Stored as numbers: never renumber.</summary>
public enum TrainingAudience
{
    PoliceOfficers = 1,
    CustodyStaff = 2,
    CourtStaffOrMagistrates = 3,
    Prosecutors = 4,
    ProbationStaff = 5,
    PrisonStaff = 6,
    YouthJusticeStaff = 7,
    Other = 99,
}

/// <summary>What the training was about (issue 15 item 7). Stored as numbers: never renumber.</summary>
public enum TrainingTopic
{
    MentalHealthAwareness = 1,
    LearningDisabilityAndAutism = 2,
    LiaisonAndDiversionAndReferral = 3,
    VulnerabilityAndRisk = 4,
    SubstanceMisuse = 5,
    Other = 99,
}

/// <summary>Words for the training code lists.</summary>
public static class TrainingCodes
{
    /// <summary>Every audience, in form order.</summary>
    public static IReadOnlyList<TrainingAudience> Audiences { get; } = Enum.GetValues<TrainingAudience>();
    /// <summary>Every topic, in form order.</summary>
    public static IReadOnlyList<TrainingTopic> Topics { get; } = Enum.GetValues<TrainingTopic>();

    /// <summary>An audience in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared audience.</exception>
    public static string Display(TrainingAudience a) => a switch
    {
        TrainingAudience.PoliceOfficers => "Police officers",
        TrainingAudience.CustodyStaff => "Custody staff (detention officers, custody sergeants, healthcare)",
        TrainingAudience.CourtStaffOrMagistrates => "Court staff, legal advisers or magistrates",
        TrainingAudience.Prosecutors => "Prosecutors (CPS)",
        TrainingAudience.ProbationStaff => "Probation staff",
        TrainingAudience.PrisonStaff => "Prison staff",
        TrainingAudience.YouthJusticeStaff => "Youth justice staff",
        TrainingAudience.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "Not an audience"),
    };

    /// <summary>A topic in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared topic.</exception>
    public static string Display(TrainingTopic t) => t switch
    {
        TrainingTopic.MentalHealthAwareness => "Mental health awareness",
        TrainingTopic.LearningDisabilityAndAutism => "Learning disability and autism",
        TrainingTopic.LiaisonAndDiversionAndReferral => "The liaison and diversion service and how to refer",
        TrainingTopic.VulnerabilityAndRisk => "Vulnerability and risk",
        TrainingTopic.SubstanceMisuse => "Substance misuse",
        TrainingTopic.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "Not a topic"),
    };

    /// <summary>The agency kind in words; null (another kind of agency) is "Other agency".</summary>
    public static string AgencyDisplay(AgencyKind? kind) => kind is { } k && Enum.IsDefined(k) ? AgencyKinds.Display(k) : "Other agency";
}

/// <summary>
/// A training session the team delivered to criminal justice staff (issue 15 item 7; ../shared/seeds/001 and 004: L&amp;D
/// teams train police, courts and probation to spot vulnerability and refer). Team data, not person data. Editable
/// (<see cref="IVersioned"/>: two editors cannot overwrite each other).
/// </summary>
public class TrainingSession : ITeamOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <inheritdoc />
    public Guid TeamId { get; set; }
    /// <summary>The UK date it was delivered.</summary>
    public DateOnly DeliveredOn { get; set; }
    /// <summary>The kind of agency trained (the CJS liaison code list); null for another kind (<see cref="AgencyOther"/> says which).</summary>
    public AgencyKind? AgencyKind { get; set; }
    /// <summary>The agency in words when <see cref="AgencyKind"/> is null, or its name. Up to 200 characters.</summary>
    public string? AgencyOther { get; set; }
    public TrainingAudience Audience { get; set; }
    /// <summary>Who exactly, in words (required when <see cref="Audience"/> is Other). Up to 200 characters.</summary>
    public string? AudienceText { get; set; }
    public TrainingTopic Topic { get; set; }
    /// <summary>The topic in words when <see cref="Topic"/> is Other. Up to 200 characters.</summary>
    public string? TopicOther { get; set; }
    /// <summary>People who attended: 1 to 500.</summary>
    public int Attendees { get; set; }
    /// <summary>The attendees' average rating, 1.0 to 5.0 (one decimal), when collected.</summary>
    public decimal? AverageRating { get; set; }
    /// <summary>What the attendees said. Up to 2000 characters.</summary>
    public string? FeedbackComments { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedByUserId { get; set; }
    /// <inheritdoc />
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>What the training form sends.</summary>
public sealed class TrainingInput
{
    public const int MaxText = 200;
    public const int MaxComments = 2000;
    public const int MinAttendees = 1;
    public const int MaxAttendees = 500;

    public DateOnly? DeliveredOn { get; set; }
    /// <summary>An <see cref="Liaison.AgencyKind"/> code (its number) or "other".</summary>
    public string? Agency { get; set; }
    public string? AgencyOther { get; set; }
    public TrainingAudience? Audience { get; set; }
    public string? AudienceText { get; set; }
    public TrainingTopic? Topic { get; set; }
    public string? TopicOther { get; set; }
    public int? Attendees { get; set; }
    public decimal? AverageRating { get; set; }
    public string? FeedbackComments { get; set; }

    /// <summary>The agency kind chosen, null for "other".</summary>
    public AgencyKind? AgencyKind => int.TryParse(Agency, out var n) && Enum.IsDefined((AgencyKind)n) ? (AgencyKind)n : null;

    /// <summary>Every problem, by field; <paramref name="today"/> is the UK date (a session cannot be in the future).</summary>
    public IEnumerable<(string Field, string Message)> Validate(DateOnly today)
    {
        if (DeliveredOn is null) yield return (nameof(DeliveredOn), "Enter the date the training was delivered");
        else if (DeliveredOn > today) yield return (nameof(DeliveredOn), "The date the training was delivered must be today or in the past");
        else if (DeliveredOn < today.AddYears(-5)) yield return (nameof(DeliveredOn), "The date the training was delivered must be within the last 5 years");
        if (Agency != "other" && AgencyKind is null) yield return (nameof(Agency), "Select the kind of agency trained");
        if (Agency == "other" && string.IsNullOrWhiteSpace(AgencyOther)) yield return (nameof(AgencyOther), "Enter the agency trained");
        if (AgencyOther?.Trim().Length > MaxText) yield return (nameof(AgencyOther), $"The agency must be {MaxText} characters or fewer");
        if (Audience is not { } a || !Enum.IsDefined(a)) yield return (nameof(Audience), "Select who attended");
        else if (a == TrainingAudience.Other && string.IsNullOrWhiteSpace(AudienceText)) yield return (nameof(AudienceText), "Enter who attended");
        if (AudienceText?.Trim().Length > MaxText) yield return (nameof(AudienceText), $"Who attended must be {MaxText} characters or fewer");
        if (Topic is not { } t || !Enum.IsDefined(t)) yield return (nameof(Topic), "Select the topic");
        else if (t == TrainingTopic.Other && string.IsNullOrWhiteSpace(TopicOther)) yield return (nameof(TopicOther), "Enter the topic");
        if (TopicOther?.Trim().Length > MaxText) yield return (nameof(TopicOther), $"The topic must be {MaxText} characters or fewer");
        if (Attendees is null) yield return (nameof(Attendees), "Enter how many people attended");
        else if (Attendees is < MinAttendees or > MaxAttendees) yield return (nameof(Attendees), $"The number attending must be between {MinAttendees} and {MaxAttendees}");
        if (AverageRating is { } r && (r < 1 || r > 5)) yield return (nameof(AverageRating), "The average rating must be between 1 and 5");
        if (FeedbackComments?.Trim().Length > MaxComments) yield return (nameof(FeedbackComments), $"What attendees said must be {MaxComments} characters or fewer");
    }

    /// <summary>Copies the (valid) input onto <paramref name="s"/>.</summary>
    public void ApplyTo(TrainingSession s)
    {
        s.DeliveredOn = DeliveredOn!.Value;
        s.AgencyKind = AgencyKind;
        s.AgencyOther = Blank(AgencyOther);
        s.Audience = Audience!.Value;
        s.AudienceText = Blank(AudienceText);
        s.Topic = Topic!.Value;
        s.TopicOther = s.Topic == TrainingTopic.Other ? Blank(TopicOther) : null;
        s.Attendees = Attendees!.Value;
        s.AverageRating = AverageRating is { } r ? Math.Round(r, 1) : null;
        s.FeedbackComments = Blank(FeedbackComments);
    }

    /// <summary>The form's values for an existing session.</summary>
    public static TrainingInput From(TrainingSession s) => new()
    {
        DeliveredOn = s.DeliveredOn,
        Agency = s.AgencyKind is { } k ? ((int)k).ToString(System.Globalization.CultureInfo.InvariantCulture) : "other",
        AgencyOther = s.AgencyOther,
        Audience = s.Audience,
        AudienceText = s.AudienceText,
        Topic = s.Topic,
        TopicOther = s.TopicOther,
        Attendees = s.Attendees,
        AverageRating = s.AverageRating,
        FeedbackComments = s.FeedbackComments,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
