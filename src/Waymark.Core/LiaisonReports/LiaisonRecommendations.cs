namespace Waymark.LiaisonReports;

/// <summary>One recommendation a liaison report can make, from the coded list <see cref="LiaisonRecommendations"/>.</summary>
/// <param name="Code">Stable code, stored on <see cref="LiaisonReportRecommendation.Code"/>: never rename.</param>
/// <param name="Name">The recommendation in plain words, as the agency reads it.</param>
/// <param name="Hint">What it means, for the practitioner choosing it.</param>
/// <param name="Source">Where the recommendation's basis is set out (law, code of practice, protocol).</param>
/// <param name="IsTreatmentRequirement">
/// A community sentence treatment requirement: it can be recommended only when the person is 18 or over on the report's
/// date, is willing to comply (consents to the requirement) and a provider agrees to treat them (<see cref="TreatmentEligibility"/>).
/// </param>
public sealed record Recommendation(string Code, string Name, string Hint, string Source, bool IsTreatmentRequirement = false);

/// <summary>
/// The coded list of a liaison report's recommendations (issue 12 item 3; seeds 001 §6 and 004 recommendations 4 and 8:
/// what the police, courts and probation find useful). Each carries its source; docs/cjs-liaison.md "Liaison report"
/// lists them with the same sources.
/// </summary>
public static class LiaisonRecommendations
{
    /// <summary>Every recommendation, in the order a form offers them (custody first, then court and sentence).</summary>
    public static IReadOnlyList<Recommendation> All { get; } =
    [
        new("appropriate-adult", "An appropriate adult is needed",
            "The person may be vulnerable: they may not understand what is happening or the significance of what they say.",
            "PACE 1984 Code C, paragraphs 1.4 and 1.13(d) and section 3 (vulnerable suspects and appropriate adults)"),
        new("fitness-for-interview", "Advice on fitness to be interviewed (a clinician's advice, not a legal decision)",
            "The custody officer decides whether the person is fit to be interviewed; this is the clinician's advice to them.",
            "PACE 1984 Code C, Annex G (fitness to be interviewed)"),
        new("communication-support", "An interpreter or communication support is needed",
            "For example a British Sign Language interpreter, an interpreter for their language, or an intermediary.",
            "PACE 1984 Code C, section 13 (interpreters); Youth Justice and Criminal Evidence Act 1999 s29 (intermediaries); Criminal Practice Directions on vulnerable defendants"),
        new("healthcare-professional", "A healthcare professional should be present",
            "For example during interview or when the person is searched or charged.",
            "PACE 1984 Code C, paragraph 9.5 and Annex G paragraph 8"),
        new("diversion", "Suitable for diversion or an out-of-court disposal",
            "For example a diversionary caution with conditions to engage with support.",
            "Police, Crime, Sentencing and Courts Act 2022, Part 6 (diversionary and community cautions); CPS Director's Guidance on Charging"),
        new("bail-support", "Bail with a support address or conditions",
            "Say what support or address is available, or which conditions would help the person keep to bail.",
            "Bail Act 1976, sections 3(6) and 4"),
        new("psychiatric-report", "A psychiatric report or a Mental Health Act assessment is advised",
            "For example a report before sentence, or an assessment for admission to hospital.",
            "Mental Health Act 1983, sections 2, 3 and 35 to 38; Sentencing Act 2020, section 232 (medical report before a custodial sentence)"),
        new("mhtr-primary", "Suitable for a mental health treatment requirement (primary care)",
            "Treatment by or under a psychologist, usually for common mental health problems.",
            "Sentencing Act 2020, Schedule 9 Part 9; Community Sentence Treatment Requirements protocol (MoJ, DHSC, NHS England, 2019)", true),
        new("mhtr-secondary", "Suitable for a mental health treatment requirement (secondary care)",
            "Treatment by or under a registered medical practitioner, for more complex needs.",
            "Sentencing Act 2020, Schedule 9 Part 9; Community Sentence Treatment Requirements protocol (MoJ, DHSC, NHS England, 2019)", true),
        new("drug-rehabilitation", "Suitable for a drug rehabilitation requirement",
            "Treatment for dependency on or a propensity to misuse drugs, with testing.",
            "Sentencing Act 2020, Schedule 9 Part 10", true),
        new("alcohol-treatment", "Suitable for an alcohol treatment requirement",
            "Treatment for dependency on alcohol.",
            "Sentencing Act 2020, Schedule 9 Part 11", true),
    ];

    /// <summary>The recommendation with <paramref name="code"/>, or null when it is not declared.</summary>
    public static Recommendation? Find(string? code) => All.FirstOrDefault(r => r.Code == code);

    /// <summary>The words for <paramref name="code"/>, or the code itself when it is not declared.</summary>
    public static string Display(string code) => Find(code)?.Name ?? code;
}

/// <summary>
/// Whether a community sentence treatment requirement can be recommended: a community order (and so a treatment
/// requirement) is for an offender aged 18 or over (Sentencing Act 2020 Part 9; younger people get youth sentences),
/// who has expressed willingness to comply, and for whom arrangements for treatment have been or can be made (Schedule 9
/// Parts 9 to 11: the provider agrees).
/// </summary>
public static class TreatmentEligibility
{
    /// <summary>The adult age for a community order.</summary>
    public const int AdultAge = 18;

    /// <summary>
    /// Why the requirement cannot be recommended, one reason a line, or an empty list when it can. Null answers are
    /// "not recorded" and count against it.
    /// </summary>
    /// <param name="ageOnReportDate">The person's age in whole years on the report's date (UK), or null when their date of birth is not known.</param>
    /// <param name="consents">Whether the person consents to (is willing to comply with) the requirement.</param>
    /// <param name="providerAgrees">Whether a treatment provider agrees to take them.</param>
    public static IReadOnlyList<string> Problems(int? ageOnReportDate, bool? consents, bool? providerAgrees)
    {
        var problems = new List<string>();
        if (ageOnReportDate is null) problems.Add("their date of birth is not recorded, so being 18 or over cannot be checked");
        else if (ageOnReportDate < AdultAge) problems.Add($"they are {ageOnReportDate}, under 18");
        if (consents is null) problems.Add("their consent to the requirement is not recorded");
        else if (consents == false) problems.Add("they do not consent to the requirement");
        if (providerAgrees is null) problems.Add("whether a provider agrees is not recorded");
        else if (providerAgrees == false) problems.Add("no provider has agreed to treat them");
        return problems;
    }
}
