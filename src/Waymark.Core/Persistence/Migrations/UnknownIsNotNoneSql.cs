namespace Waymark.Persistence.Migrations;

/// <summary>
/// The data steps of the UnknownIsNotNone migration (ADR 18), the same SQL on SQLite and PostgreSQL. Up: a person marked
/// no fixed abode with no address or postcode becomes address reason "has none" (4); every other empty detail becomes
/// "not asked" (1), the truth about a detail nobody recorded a reason for. Down: "has none" for the address becomes the flag again.
/// </summary>
internal static class UnknownIsNotNoneSql
{
    private static string Empty(string column) => $"(\"{column}\" IS NULL OR \"{column}\" = '')";

    /// <summary>Run after the reason columns are added and before NoFixedAbode is dropped.</summary>
    public static IEnumerable<string> Up()
    {
        var noAddress = $"{Empty("Address")} AND {Empty("Postcode")}";
        yield return $"UPDATE \"People\" SET \"AddressAbsence\" = 4 WHERE \"NoFixedAbode\" AND {noAddress}";
        yield return $"UPDATE \"People\" SET \"AddressAbsence\" = 1 WHERE \"AddressAbsence\" IS NULL AND {noAddress}";
        yield return "UPDATE \"People\" SET \"DateOfBirthAbsence\" = 1 WHERE \"DateOfBirth\" IS NULL";
        foreach (var column in new[] { "Phone", "Email", "NhsNumber", "PncId", "GpPractice" })
            yield return $"UPDATE \"People\" SET \"{column}Absence\" = 1 WHERE {Empty(column)}";
    }

    /// <summary>Run after NoFixedAbode is added back and before the reason columns are dropped.</summary>
    public static IEnumerable<string> Down()
    {
        yield return "UPDATE \"People\" SET \"NoFixedAbode\" = TRUE WHERE \"AddressAbsence\" = 4";
    }
}
