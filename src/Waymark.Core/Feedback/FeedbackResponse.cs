using Waymark.Persistence;

namespace Waymark.Feedback;

/// <summary>How a feedback response reached the team. Stored as numbers: never renumber.</summary>
public enum FeedbackChannel
{
    /// <summary>Filled in by the person on a team device (<c>/feedback/give</c>).</summary>
    TeamDevice = 1,
    /// <summary>Filled in on the printed easy-read sheet and typed in by a worker (<c>/feedback/type-in</c>).</summary>
    PaperSheet = 2,
}

/// <summary>
/// The answers to "How was your experience of our service?", as the NHS Friends and Family Test words them
/// (NHS England, "Using the Friends and Family Test to improve patient experience", 2019). Stored as numbers: never renumber.
/// </summary>
public enum ExperienceRating
{
    VeryGood = 1,
    Good = 2,
    NeitherGoodNorPoor = 3,
    Poor = 4,
    VeryPoor = 5,
    DontKnow = 6,
}

/// <summary>The answers to the three yes/partly/no questions. Stored as numbers: never renumber.</summary>
public enum YesPartlyNo
{
    Yes = 1,
    Partly = 2,
    No = 3,
}

/// <summary>
/// One anonymous feedback response (issue 15 item 6, "users' experience"; ../shared/seeds/001 §8 asks services to hear
/// what users say). Deliberately NOT linked to a person, an episode or the worker who handed over the device or typed in
/// the sheet: it holds only the team, the UK date it was given, how it came, the answers and optional words, and when it was
/// stored. Its creation is not written to the audit trail either, since an audit event names the worker and the minute, which
/// with the diary could point at the person. Every answer may be left out (at least one must be given).
/// </summary>
public class FeedbackResponse : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <inheritdoc />
    public Guid TeamId { get; set; }
    /// <summary>The UK date the person gave it (the sheet's date for a paper sheet).</summary>
    public DateOnly GivenOn { get; set; }
    /// <summary>How it came.</summary>
    public FeedbackChannel Channel { get; set; }
    /// <summary>"How was your experience of our service?"; null when not answered.</summary>
    public ExperienceRating? Experience { get; set; }
    /// <summary>"Did we listen to you?"; null when not answered.</summary>
    public YesPartlyNo? Listened { get; set; }
    /// <summary>"Did you feel treated with respect?"; null when not answered.</summary>
    public YesPartlyNo? Respected { get; set; }
    /// <summary>"Did we help you get the support you needed?"; null when not answered.</summary>
    public YesPartlyNo? Helped { get; set; }
    /// <summary>"Anything else you want to tell us?": up to <see cref="FeedbackInput.MaxComments"/> characters; shown only to team managers.</summary>
    public string? Comments { get; set; }
    /// <summary>
    /// A random value the device's form carried, so the same form posted twice stores one response (unique per team);
    /// null for a typed-in sheet.
    /// </summary>
    public Guid? SubmissionToken { get; set; }
    /// <summary>When it was stored.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The questions and the words of their answers, as the form, the sheet and the figures show them.</summary>
public static class FeedbackQuestions
{
    /// <summary>The overall question (Friends and Family Test).</summary>
    public const string Experience = "How was your experience of our service?";
    /// <summary>The first yes/partly/no question.</summary>
    public const string Listened = "Did we listen to you?";
    /// <summary>The second.</summary>
    public const string Respected = "Did you feel treated with respect?";
    /// <summary>The third.</summary>
    public const string Helped = "Did we help you get the support you needed?";
    /// <summary>The free-text question.</summary>
    public const string Comments = "Anything else you want to tell us?";

    /// <summary>Every rating, best first, "Don't know" last.</summary>
    public static IReadOnlyList<ExperienceRating> Ratings { get; } = Enum.GetValues<ExperienceRating>();

    /// <summary>Yes, Partly, No.</summary>
    public static IReadOnlyList<YesPartlyNo> YesPartlyNoAnswers { get; } = Enum.GetValues<YesPartlyNo>();

    /// <summary>"Very good" … "Don't know".</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared rating.</exception>
    public static string Display(ExperienceRating rating) => rating switch
    {
        ExperienceRating.VeryGood => "Very good",
        ExperienceRating.Good => "Good",
        ExperienceRating.NeitherGoodNorPoor => "Neither good nor poor",
        ExperienceRating.Poor => "Poor",
        ExperienceRating.VeryPoor => "Very poor",
        ExperienceRating.DontKnow => "Don't know",
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "Not a rating"),
    };

    /// <summary>"Yes", "Partly", "No".</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared answer.</exception>
    public static string Display(YesPartlyNo answer) => answer switch
    {
        YesPartlyNo.Yes => "Yes",
        YesPartlyNo.Partly => "Partly",
        YesPartlyNo.No => "No",
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "Not an answer"),
    };
}

/// <summary>What a feedback form sends.</summary>
public sealed class FeedbackInput
{
    /// <summary>The most characters of <see cref="Comments"/>.</summary>
    public const int MaxComments = 2000;
    /// <summary>How far back a paper sheet's date may be (days).</summary>
    public const int MaxSheetAgeDays = 366;

    public ExperienceRating? Experience { get; set; }
    public YesPartlyNo? Listened { get; set; }
    public YesPartlyNo? Respected { get; set; }
    public YesPartlyNo? Helped { get; set; }
    public string? Comments { get; set; }

    /// <summary>
    /// Every problem: none of the four tick-box questions answered, words or not ("Answer at least one question", on
    /// <c>Experience</c>); an answer that is not one
    /// of the offered ones; words over <see cref="MaxComments"/>.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        var words = Comments?.Trim();
        // Words alone are not enough: a response is counted in the figures by its answers, and words with no answer
        // would be a response that counts nowhere but the comments page.
        if (Experience is null && Listened is null && Respected is null && Helped is null)
            yield return (nameof(Experience), "Answer at least one question");
        if (Experience is { } e && !Enum.IsDefined(e)) yield return (nameof(Experience), "Select one of the answers");
        if (Listened is { } l && !Enum.IsDefined(l)) yield return (nameof(Listened), "Select Yes, Partly or No");
        if (Respected is { } r && !Enum.IsDefined(r)) yield return (nameof(Respected), "Select Yes, Partly or No");
        if (Helped is { } h && !Enum.IsDefined(h)) yield return (nameof(Helped), "Select Yes, Partly or No");
        if (words is { Length: > MaxComments }) yield return (nameof(Comments), $"What you want to tell us must be {MaxComments} characters or fewer");
    }
}
