using Waymark.Liaison;

namespace Waymark.Demo;

/// <summary>
/// Clearly fictional criminal justice agencies for the demo team: Northshire names, cjsm.invalid secure email addresses
/// and telephone numbers in Ofcom's 01632 960xxx drama range, one or two of each kind.
/// </summary>
public static class SyntheticAgencies
{
    /// <summary>The demo team's agencies, added by <paramref name="createdBy"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<CriminalJusticeAgency> Demo(Guid teamId, string createdBy, DateTimeOffset now) =>
    [
        Agency(teamId, createdBy, now, AgencyKind.CustodySuite, "Northshire Central custody suite", "NSC1", "custody.central@northshire-police.cjsm.invalid", "01632 960101", "Central Police Station\nQuay Road\nNorthtown\nNS1 1AA"),
        Agency(teamId, createdBy, now, AgencyKind.CustodySuite, "Eastbrook custody suite", "EBC2", "custody.eastbrook@northshire-police.cjsm.invalid", "01632 960102", "Eastbrook Police Station\nStation Road\nEastbrook\nEB2 2BB"),
        Agency(teamId, createdBy, now, AgencyKind.MagistratesCourt, "Northshire Magistrates' Court", "B99NS00", "listing.northshire-mc@hmcts.cjsm.invalid", "01632 960103", "Court House\nHigh Street\nNorthtown\nNS1 3CC"),
        Agency(teamId, createdBy, now, AgencyKind.CrownCourt, "Northshire Crown Court", "499", "crown.northshire@hmcts.cjsm.invalid", "01632 960104", "Crown Square\nNorthtown\nNS1 4DD"),
        Agency(teamId, createdBy, now, AgencyKind.YouthCourt, "Northshire Youth Court", "B99NS01", "youth.northshire@hmcts.cjsm.invalid", "01632 960105", "Court House\nHigh Street\nNorthtown\nNS1 3CC"),
        Agency(teamId, createdBy, now, AgencyKind.CrownProsecutionService, "CPS Northshire", null, "northshire@cps.cjsm.invalid", "01632 960106", null),
        Agency(teamId, createdBy, now, AgencyKind.ProbationDeliveryUnit, "Northshire Probation Delivery Unit", null, "pdu.northshire@probation.cjsm.invalid", "01632 960107", "Probation Office\nMill Lane\nNorthtown\nNS2 5EE"),
        Agency(teamId, createdBy, now, AgencyKind.YouthOffendingTeam, "Northshire Youth Justice Service", null, "yjs@northshire.cjsm.invalid", "01632 960108", null),
        Agency(teamId, createdBy, now, AgencyKind.Prison, "HMP Northshire (fictional)", "NSX", "healthcare.hmpnorthshire@justice.cjsm.invalid", "01632 960109", "Moor Road\nKingsmoor\nKM1 6FF"),
    ];

    private static CriminalJusticeAgency Agency(Guid teamId, string createdBy, DateTimeOffset now, AgencyKind kind, string name, string? code,
        string email, string phone, string? address) => new()
    {
        TeamId = teamId, Kind = kind, Name = name, Code = code, SecureEmail = email, Telephone = phone, Address = address,
        CreatedAt = now, CreatedByUserId = createdBy,
    };
}
