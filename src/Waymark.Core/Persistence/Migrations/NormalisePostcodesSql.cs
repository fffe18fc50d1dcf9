namespace Waymark.Persistence.Migrations;

/// <summary>
/// Rewrites postcodes stored before one normal form was kept (<see cref="Waymark.People.UkPostcode.Normalise"/>): older
/// versions accepted "ns14ab" or "NS1  4AB" and stored them as typed. Upper case, no spaces, then one space before the
/// inward code ("NS1 4AB"), or "BFPO 1234". Only values of a postcode's length are touched; anything else was never a
/// postcode and is left as it is. The same SQL runs on SQLite and PostgreSQL (upper, trim, replace, length, substr, ||).
/// There is no way back to the forms as typed, so Down does nothing.
/// </summary>
public static class NormalisePostcodesSql
{
    private static readonly (string Table, string Column)[] Columns =
        [("People", "Postcode"), ("IdentificationDrafts", "Postcode"), ("ServiceLocations", "Postcode")];

    /// <summary>The statements, two per column: compact, then space. A value is touched only when it has a postcode's
    /// length (5–7 characters without spaces, or BFPO and a number) and its inward code starts with a digit.</summary>
    public static IEnumerable<string> Up() => Columns.Select(c => (c.Table, c.Column, Compact: $"replace(upper(trim(\"{c.Column}\")), ' ', '')")).SelectMany(c => new[]
    {
        $"""
        UPDATE "{c.Table}" SET "{c.Column}" = {c.Compact}
        WHERE "{c.Column}" IS NOT NULL AND (
            ({c.Compact} LIKE 'BFPO%' AND length({c.Compact}) BETWEEN 5 AND 8)
            OR (length({c.Compact}) BETWEEN 5 AND 7 AND substr({c.Compact}, length({c.Compact}) - 2, 1) BETWEEN '0' AND '9'))
        """,
        $"""
        UPDATE "{c.Table}" SET "{c.Column}" = CASE
            WHEN "{c.Column}" LIKE 'BFPO%' THEN 'BFPO ' || substr("{c.Column}", 5)
            ELSE substr("{c.Column}", 1, length("{c.Column}") - 3) || ' ' || substr("{c.Column}", length("{c.Column}") - 2, 3) END
        WHERE "{c.Column}" IS NOT NULL AND "{c.Column}" NOT LIKE '% %' AND (
            ("{c.Column}" LIKE 'BFPO%' AND length("{c.Column}") BETWEEN 5 AND 8)
            OR (length("{c.Column}") BETWEEN 5 AND 7 AND substr("{c.Column}", length("{c.Column}") - 2, 1) BETWEEN '0' AND '9'))
        """,
    });
}
