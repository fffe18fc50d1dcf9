namespace Waymark.Episodes;

/// <summary>Where the person was identified.</summary>
public enum Setting
{
    PoliceCustody = 1,
    VoluntaryAttendance = 2,
    MagistratesCourt = 3,
    CrownCourt = 4,
    YouthCourt = 5,
    Probation = 6,
    YouthOffendingTeam = 7,
    Prison = 8,
    StreetTriage = 9,
    SelfReferral = 10,
}

public static class Settings
{
    public static string Display(Setting s) => s switch
    {
        Setting.PoliceCustody => "Police custody",
        Setting.VoluntaryAttendance => "Voluntary attendance at a police station",
        Setting.MagistratesCourt => "Magistrates' court",
        Setting.CrownCourt => "Crown court",
        Setting.YouthCourt => "Youth court",
        Setting.Probation => "Probation",
        Setting.YouthOffendingTeam => "Youth offending team (YOT)",
        Setting.Prison => "Prison",
        Setting.StreetTriage => "Street triage or community",
        Setting.SelfReferral => "Self-referral or drop-in",
        _ => s.ToString(),
    };

    /// <summary>What the reference number is called in each setting.</summary>
    public static string ReferenceLabel(Setting s) => s switch
    {
        Setting.PoliceCustody or Setting.VoluntaryAttendance => "Custody record number",
        Setting.MagistratesCourt or Setting.CrownCourt or Setting.YouthCourt => "Court case reference",
        Setting.Prison => "Prison number",
        _ => "Case reference",
    };
}
