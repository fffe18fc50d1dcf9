using Waymark.Persistence;

namespace Waymark.Liaison;

/// <summary>
/// The kinds of criminal justice agency an L&amp;D team tells about a person's needs (issue 12; PRODUCT.md "the criminal
/// justice system"; 003 "Throughout the pathway"). Stored as numbers: never renumber.
/// </summary>
public enum AgencyKind
{
    CustodySuite = 1,
    MagistratesCourt = 2,
    CrownCourt = 3,
    YouthCourt = 4,
    CrownProsecutionService = 5,
    ProbationDeliveryUnit = 6,
    YouthOffendingTeam = 7,
    Prison = 8,
}

/// <summary>Words for <see cref="AgencyKind"/>.</summary>
public static class AgencyKinds
{
    /// <summary>Every kind, in the order a form offers them.</summary>
    public static IReadOnlyList<AgencyKind> All { get; } = Enum.GetValues<AgencyKind>();

    /// <summary>"Magistrates' court", "Probation delivery unit" and so on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared kind.</exception>
    public static string Display(AgencyKind kind) => kind switch
    {
        AgencyKind.CustodySuite => "Police custody suite",
        AgencyKind.MagistratesCourt => "Magistrates' court",
        AgencyKind.CrownCourt => "Crown Court",
        AgencyKind.YouthCourt => "Youth court",
        AgencyKind.CrownProsecutionService => "Crown Prosecution Service (CPS)",
        AgencyKind.ProbationDeliveryUnit => "Probation delivery unit",
        AgencyKind.YouthOffendingTeam => "Youth offending team (YOT)",
        AgencyKind.Prison => "Prison",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an agency kind"),
    };

    /// <summary>Whether the agency is a court (hearings are held there).</summary>
    public static bool IsCourt(AgencyKind kind) => kind is AgencyKind.MagistratesCourt or AgencyKind.CrownCourt or AgencyKind.YouthCourt;

    /// <summary>A stable code for export and import files ("custody-suite", "magistrates-court", …).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared kind.</exception>
    public static string Code(AgencyKind kind) => kind switch
    {
        AgencyKind.CustodySuite => "custody-suite",
        AgencyKind.MagistratesCourt => "magistrates-court",
        AgencyKind.CrownCourt => "crown-court",
        AgencyKind.YouthCourt => "youth-court",
        AgencyKind.CrownProsecutionService => "cps",
        AgencyKind.ProbationDeliveryUnit => "probation-delivery-unit",
        AgencyKind.YouthOffendingTeam => "youth-offending-team",
        AgencyKind.Prison => "prison",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an agency kind"),
    };

    /// <summary>The kind whose <see cref="Code"/> is <paramref name="code"/> (any case), or null.</summary>
    public static AgencyKind? FromCode(string? code) =>
        All.Cast<AgencyKind?>().FirstOrDefault(k => string.Equals(Code(k!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A criminal justice agency the team works with (a custody suite, a court, the CPS, a probation delivery unit, a youth
/// offending team, a prison), with the secure email its reports go to. Team reference data, kept by team managers;
/// an agency that is no longer used is retired (<see cref="RetiredAt"/>), never deleted, because reports and
/// hearings name it.
/// </summary>
public class CriminalJusticeAgency : ITeamOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public AgencyKind Kind { get; set; }
    /// <summary>"Northshire Central custody suite", "Northshire Magistrates' Court". Up to 200 characters, unique in the team.</summary>
    public required string Name { get; set; }
    /// <summary>
    /// The agency's own code where it has one: a court's HMCTS court code, a prison's three-letter code, a police
    /// custody suite's code. Up to 20 characters; optional.
    /// </summary>
    public string? Code { get; set; }
    /// <summary>The secure email address reports are sent to (e.g. a cjsm.net or gov.uk mailbox). Up to 254 characters.</summary>
    public string? SecureEmail { get; set; }
    /// <summary>A telephone number as typed. Up to 50 characters.</summary>
    public string? Telephone { get; set; }
    /// <summary>Postal address, lines separated by new lines. Up to 500 characters.</summary>
    public string? Address { get; set; }
    /// <summary>Who to ask for, or anything else the team needs to know. Up to 1000 characters.</summary>
    public string? Notes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredByUserId { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Offered on forms (not retired).</summary>
    public bool IsInUse => RetiredAt is null;
}
