namespace Waymark.Assessment;

/// <summary>One psycho-social area of need (PRODUCT.md, pathway step 3).</summary>
public sealed record AssessmentDomain(string Code, string Name, string Hint, bool IsBasicNeed);

/// <summary>
/// The psycho-social domains, in the order needs are listed: basic needs (housing, money, food) first,
/// because a person without a roof or a meal cannot work on anything else. Codes are stable: screening
/// needs, assessed needs and (later) the directory's taxonomy all refer to them.
/// </summary>
public static class AssessmentDomains
{
    public static readonly IReadOnlyList<AssessmentDomain> All =
    [
        new("housing", "Housing", "Homeless, at risk of losing their home, unsafe or unsuitable housing", true),
        new("money", "Money, benefits and debt", "No income, benefits stopped or not claimed, debts, rent arrears", true),
        new("food", "Food", "Going without meals, relying on food banks", true),
        new("physical-health", "Physical health", "Long-term conditions, untreated illness or injury, medication", false),
        new("gp-registration", "GP registration", "Not registered with a GP, or cannot get to one", false),
        new("mental-health", "Mental health", "Symptoms, current or past mental health care", false),
        new("self-harm", "Self-harm or suicide risk", "Thoughts, plans or acts of self-harm or suicide", false),
        new("substance-use", "Drug or alcohol use", "Use, dependence, treatment", false),
        new("trauma", "Trauma", "Past or recent traumatic experiences", false),
        new("risk-from-others", "Risk from others", "Victim of crime, exploitation, domestic abuse, cuckooing", false),
        new("learning-disability", "Learning disability or difficulty", "", false),
        new("autism", "Autism", "", false),
        new("adhd", "ADHD", "", false),
        new("brain-injury", "Acquired brain injury", "", false),
        new("dementia", "Dementia", "", false),
        new("personality-disorder", "Personality disorder", "", false),
        new("employment", "Employment", "Work, training, volunteering", false),
        new("education", "Education and literacy", "Reading, writing, school or college", false),
        new("family-social", "Family and social network", "Relationships, caring responsibilities, isolation", false),
    ];

    private static readonly Dictionary<string, (AssessmentDomain Domain, int Order)> ByCode =
        All.Select((d, i) => (d, i)).ToDictionary(x => x.d.Code, x => (x.d, x.i), StringComparer.Ordinal);

    /// <summary>True for a domain's code; false for anything else, null and "" included (a posted form may hold either).</summary>
    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    /// <summary>The domain with code <paramref name="code"/>, or null (also for a null code).</summary>
    public static AssessmentDomain? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var x) ? x.Domain : null;

    /// <summary>The domain's name, or the code itself when it is not a domain's ("" for null).</summary>
    public static string NameOf(string? code) => Find(code)?.Name ?? code ?? "";

    /// <summary>Position in the listing order (basic needs first); unknown codes (and null) last.</summary>
    public static int OrderOf(string? code) => code is not null && ByCode.TryGetValue(code, out var x) ? x.Order : int.MaxValue;

    /// <summary>The domain an identification prompt (Waymark.Episodes.Vulnerability) points to, if any: most share its code.</summary>
    public static string? FromIdentificationPrompt(string code) => code switch
    {
        "victim" => "risk-from-others",
        "communication" => "education",
        _ when IsKnown(code) => code,
        _ => null,
    };

    /// <summary>Sorts codes into the listing order: basic needs first.</summary>
    public static IEnumerable<string> InListingOrder(IEnumerable<string> codes) => codes.Distinct().OrderBy(OrderOf);
}
