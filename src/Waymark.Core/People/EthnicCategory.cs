namespace Waymark.People;

/// <summary>NHS Data Dictionary "Ethnic Category" (2001 census) codes.</summary>
public static class EthnicCategory
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("A", "White - British"),
        ("B", "White - Irish"),
        ("C", "White - Any other White background"),
        ("D", "Mixed - White and Black Caribbean"),
        ("E", "Mixed - White and Black African"),
        ("F", "Mixed - White and Asian"),
        ("G", "Mixed - Any other mixed background"),
        ("H", "Asian or Asian British - Indian"),
        ("J", "Asian or Asian British - Pakistani"),
        ("K", "Asian or Asian British - Bangladeshi"),
        ("L", "Asian or Asian British - Any other Asian background"),
        ("M", "Black or Black British - Caribbean"),
        ("N", "Black or Black British - African"),
        ("P", "Black or Black British - Any other Black background"),
        ("R", "Other Ethnic Groups - Chinese"),
        ("S", "Other Ethnic Groups - Any other ethnic group"),
        ("Z", "Not stated"),
        ("99", "Not known"),
    ];

    public static bool IsKnownCode(string? code) => code is null || All.Any(e => e.Code == code);

    public static string? NameOf(string? code) => All.FirstOrDefault(e => e.Code == code).Name;
}
