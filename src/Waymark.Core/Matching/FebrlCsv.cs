using System.Globalization;
using System.Text;
using Waymark.Identifiers;
using Waymark.People;

namespace Waymark.Matching;

/// <summary>One row of a FEBRL file: the record and the person it belongs to (the n in rec-n-org / rec-n-dup-k).</summary>
public sealed record FebrlRow(MatchRecord Record, string Entity);

/// <summary>
/// Reads and writes the FEBRL synthetic data sets' CSV (rec_id, given_name, surname, street_number,
/// address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id). Columns are found by
/// header name, so extra ones (the UK generator's sex) are allowed. Mapping: street_number and
/// address_1 → address line; suburb → town; postcode → postcode; date_of_birth (yyyymmdd, blank or
/// invalid → missing); soc_sec_id → the NHS number when every value present is a valid one (the UK
/// synthetic set), otherwise a generic identifier of kind soc_sec_id. address_2 (a building or area
/// name) and state are not compared.
/// </summary>
public static class FebrlCsv
{
    public const string Header = "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id";
    public const string IdentifierKind = "soc_sec_id";
    public static readonly IReadOnlyList<string> Columns =
        ["rec_id", "given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id", "sex"];

    /// <summary>Reads a file; <paramref name="without"/> names columns to treat as blank (for example soc_sec_id).</summary>
    public static IReadOnlyList<FebrlRow> Read(string path, IReadOnlyCollection<string>? without = null)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0) throw new InvalidDataException($"{path} is empty.");
        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        int Col(string name) => Array.IndexOf(header, name);
        if (Col("rec_id") < 0) throw new InvalidDataException($"{path} has no rec_id column: is it a FEBRL file?");
        var raw = new List<string?[]>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            var row = new string?[Columns.Count];
            for (var c = 0; c < Columns.Count; c++)
            {
                var at = Col(Columns[c]);
                var v = at >= 0 && at < cells.Length ? cells[at].Trim() : "";
                row[c] = v.Length == 0 || (without?.Contains(Columns[c]) ?? false) ? null : v;
            }
            raw.Add(row);
        }
        var ssn = raw.Where(r => r[10] is not null).Select(r => r[10]).ToList();
        var asNhs = ssn.Count > 0 && ssn.All(NhsNumber.IsValid);
        return raw.Select(r => new FebrlRow(ToRecord(r, asNhs), EntityOf(r[0] ?? ""))).ToList();
    }

    private static MatchRecord ToRecord(string?[] r, bool ssnIsNhs) => new()
    {
        Id = r[0] ?? "",
        GivenNames = r[1],
        FamilyName = r[2],
        AddressLine = r[3] is null && r[4] is null ? null : $"{r[3]} {r[4]}".Trim(),
        Town = r[6],
        Postcode = r[7],
        DateOfBirth = DateOnly.TryParseExact(r[9], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        NhsNumber = ssnIsNhs ? r[10] : null,
        OtherIdentifiers = !ssnIsNhs && r[10] is { } v ? new Dictionary<string, string> { [IdentifierKind] = v } : new Dictionary<string, string>(),
        Sex = r[11] switch { "m" or "M" => Sex.Male, "f" or "F" => Sex.Female, _ => Sex.NotKnown },
    };

    /// <summary>"rec-12-dup-0" → "12".</summary>
    public static string EntityOf(string recId)
    {
        var parts = recId.Split('-');
        return parts.Length >= 3 && parts[0] == "rec" ? parts[1] : recId;
    }

    /// <summary>Writes rows in FEBRL's layout (", " between cells), with sex as an extra last column.</summary>
    public static void Write(TextWriter w, IEnumerable<FebrlWriteRow> rows)
    {
        w.WriteLine(Header + ", sex");
        foreach (var r in rows)
            w.WriteLine(string.Join(", ", r.RecId, r.GivenName, r.Surname, r.StreetNumber, r.Address1, r.Address2, r.Suburb, r.Postcode, r.State,
                r.DateOfBirth, r.SocSecId, r.Sex));
    }
}

/// <summary>One row as written: every cell already text, commas removed.</summary>
public sealed record FebrlWriteRow(string RecId, string GivenName, string Surname, string StreetNumber, string Address1, string Address2,
    string Suburb, string Postcode, string State, string DateOfBirth, string SocSecId, string Sex);
