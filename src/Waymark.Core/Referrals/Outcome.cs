using Waymark.Persistence;

namespace Waymark.Referrals;

/// <summary>What changed for the person: the evidence that connecting people works.</summary>
public enum OutcomeCode
{
    HousingSecured = 1, TenancyKept = 2, BenefitClaimMade = 3, DebtAdviceReceived = 4, FoodProvided = 5,
    RegisteredWithGp = 6, EngagedWithMentalHealthService = 7, EngagedWithDrugOrAlcoholService = 8,
    EngagedWithLearningDisabilityService = 9, StartedEducationOrTraining = 10, StartedWork = 11,
    SafeguardingPlanInPlace = 12, ReconnectedWithFamily = 13, Other = 14,
}

/// <summary>An outcome for an episode, attributed to a referral when one brought it about.</summary>
public class Outcome : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? ReferralId { get; set; }
    public OutcomeCode Code { get; set; }
    public string? Note { get; set; }
    /// <summary>When it happened.</summary>
    public DateOnly On { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }

    public static string Display(OutcomeCode c) => c switch
    {
        OutcomeCode.HousingSecured => "Housing secured",
        OutcomeCode.TenancyKept => "Tenancy kept",
        OutcomeCode.BenefitClaimMade => "Benefit claim made",
        OutcomeCode.DebtAdviceReceived => "Debt advice received",
        OutcomeCode.FoodProvided => "Food provided",
        OutcomeCode.RegisteredWithGp => "Registered with a GP",
        OutcomeCode.EngagedWithMentalHealthService => "Engaged with a mental health service",
        OutcomeCode.EngagedWithDrugOrAlcoholService => "Engaged with a drug or alcohol service",
        OutcomeCode.EngagedWithLearningDisabilityService => "Engaged with a learning disability service",
        OutcomeCode.StartedEducationOrTraining => "Started education or training",
        OutcomeCode.StartedWork => "Started work",
        OutcomeCode.SafeguardingPlanInPlace => "Safeguarding plan in place",
        OutcomeCode.ReconnectedWithFamily => "Reconnected with family",
        _ => "Other",
    };
}

public enum ConsentForm { Verbal = 1, Written = 2 }

/// <summary>How consent reads in a sentence.</summary>
public static class ConsentForms
{
    /// <summary>"verbally" or "in writing", for "Given verbally on 30 November 2026".</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared form.</exception>
    public static string Adverb(ConsentForm form) => form switch
    {
        ConsentForm.Verbal => "verbally",
        ConsentForm.Written => "in writing",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Not a consent form"),
    };
}

/// <summary>
/// The person's consent to share information with the receiving service: what, with whom, when, and who
/// recorded it. A referral summary is produced only while consent stands.
/// </summary>
public class ConsentToShare : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid ReferralId { get; set; }
    public Guid PersonId { get; set; }
    public required string What { get; set; }
    public required string WithWhom { get; set; }
    public ConsentForm Form { get; set; }
    public DateTimeOffset GivenAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnByUserId { get; set; }

    public bool Stands => WithdrawnAt is null;
}
