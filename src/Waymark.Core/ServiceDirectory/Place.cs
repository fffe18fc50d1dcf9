using System.Text.RegularExpressions;
using Waymark.People;

namespace Waymark.ServiceDirectory;

/// <summary>
/// Where someone lives or will be, as the directory searches it: a postcode district ("NE1") or a whole
/// postcode area ("NE"). A full postcode is cut to its district: services list the districts they cover,
/// not streets, and a district is not personal data the way a full postcode can be.
/// </summary>
public sealed partial record Place(string Area, string? District)
{
    /// <summary>What the search looks for: the district when there is one, else the area.</summary>
    public string Code => District ?? Area;

    /// <summary>Reads "NE1 4ST", "ne1", "NE1" or "NE"; null for anything else.</summary>
    public static Place? Parse(string? text)
    {
        var s = (text ?? "").Trim().ToUpperInvariant();
        if (s.Length == 0) return null;
        if (UkPostcode.OutwardCode(s) is { } outward) return FromDistrict(outward);
        // A sector ("NE1 4") or anything after a space narrows no further than the district before it.
        s = s.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        if (DistrictShape().IsMatch(s)) return FromDistrict(s);
        if (AreaShape().IsMatch(s)) return new Place(s, null);
        return null;
    }

    /// <summary>The district of a full postcode ("NE1 4ST" → "NE1", "BFPO 57" → "BFPO"); null when it is not a postcode.</summary>
    public static string? DistrictOf(string? postcode) => UkPostcode.OutwardCode(postcode);

    /// <summary>A district ("NE1") or an area ("NE") a service covers, normalised; null when it is neither.</summary>
    public static string? CoverageCode(string? text)
    {
        var s = (text ?? "").Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        return DistrictShape().IsMatch(s) || AreaShape().IsMatch(s) ? s : null;
    }

    /// <summary>The area letters of a district or area code ("NE1" → "NE").</summary>
    public static string AreaOf(string code) => new(code.TakeWhile(char.IsAsciiLetter).ToArray());

    private static Place FromDistrict(string district) => new(AreaOf(district), district);

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?$", RegexOptions.CultureInvariant)]
    private static partial Regex DistrictShape();

    [GeneratedRegex("^[A-Z]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex AreaShape();
}
