using Waymark.Assessment;

namespace Waymark.ServiceDirectory;

/// <summary>
/// The directory's taxonomy is the assessment domains, so "services for this person's needs" is a join on the
/// domain code. In Open Referral UK it is published as a taxonomy whose term ids are these codes.
/// </summary>
public static class NeedTaxonomy
{
    public const string TaxonomyName = "waymark-needs";
    public const string TaxonomyUri = "https://waymark.invalid/taxonomy/needs";

    public static IReadOnlyList<AssessmentDomain> Terms => AssessmentDomains.All;
}
