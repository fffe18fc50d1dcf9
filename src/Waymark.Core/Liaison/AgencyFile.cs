using System.Globalization;
using CsvHelper;

namespace Waymark.Liaison;

/// <summary>One problem in an agencies file.</summary>
/// <param name="Line">The line of the file it is on (the header is line 1; 0 for the file as a whole).</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record AgencyFileProblem(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line == 0 ? Message : $"Line {Line}: {Message}";
}

/// <summary>One row of an agencies file as read.</summary>
/// <param name="Line">The line the row starts on (a quoted address may run over several lines).</param>
/// <param name="Input">The agency it gives (not yet validated).</param>
/// <param name="Retired">Whether its retired column says yes.</param>
public sealed record AgencyFileRow(int Line, AgencyInput Input, bool Retired);

/// <summary>
/// The agencies file: CSV (RFC 4180, UTF-8, comma separated, a header row), one agency per row, with the columns
/// <see cref="Columns"/> in any order (docs/cjs-liaison.md, "Agencies file"). Kinds are <see cref="AgencyKinds.Code"/>
/// codes; "retired" is "yes" or empty. Cells that a spreadsheet would run as a formula are written with a leading
/// apostrophe, which reading removes again.
/// </summary>
public static class AgencyFile
{
    /// <summary>The header, in the order files are written.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["kind", "name", "code", "secure_email", "telephone", "address", "notes", "retired"];

    /// <summary>The most rows a file may have.</summary>
    public const int MaxRows = 2000;

    /// <summary>The largest file read, in characters.</summary>
    public const int MaxChars = 1024 * 1024;

    /// <summary>Writes <paramref name="agencies"/> as an agencies file (with the header; CRLF line ends; formulas escaped).</summary>
    public static string Write(IEnumerable<CriminalJusticeAgency> agencies)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, true))
        {
            csv.WriteHeader(Columns.ToArray());
            foreach (var a in agencies)
            {
                csv.WriteField(AgencyKinds.Code(a.Kind));
                csv.WriteField(a.Name);
                csv.WriteField(a.Code ?? "");
                csv.WriteField(a.SecureEmail ?? "");
                csv.WriteField(a.Telephone ?? "");
                csv.WriteField(a.Address ?? "");
                csv.WriteField(a.Notes ?? "");
                csv.WriteField(a.RetiredAt is null ? "" : "yes");
                csv.EndRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>Reads an agencies file: its rows, and every problem of form (unknown kind, bad columns, broken quoting) by line.</summary>
    public static (IReadOnlyList<AgencyFileRow> Rows, IReadOnlyList<AgencyFileProblem> Problems) Parse(string csvText)
    {
        var rows = new List<AgencyFileRow>();
        var problems = new List<AgencyFileProblem>();
        if (csvText.Length > MaxChars) return (rows, [new AgencyFileProblem(0, "The file must be 1 MB or smaller")]);
        if (string.IsNullOrWhiteSpace(csvText)) return (rows, [new AgencyFileProblem(0, "The file is empty")]);
        var options = CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, TrackLineNumbers = true, SkipEmptyLines = true, TrimWhitespace = false,
            IncludeValuesInExceptions = false, MaxRecordSize = MaxChars * 4,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = r => problems.Add(new AgencyFileProblem((int)r.LineNumber, r.Reason == CsvMalformedReason.FieldCountMismatch
                ? "This row does not have the same number of cells as the header"
                : "The quotation marks in this row are not closed or are misplaced")),
        };
        try
        {
            using var csv = CsvReader.FromText(csvText.TrimStart('\uFEFF'), options);
            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            var missing = new[] { "kind", "name" }.Where(c => !header.Contains(c)).ToList();
            var unknown = header.Where(h => !Columns.Contains(h)).ToList();
            if (missing.Count > 0) problems.Add(new AgencyFileProblem(1, $"The header has no {string.Join(" or ", missing.Select(m => $"\"{m}\""))} column. The columns are: {string.Join(",", Columns)}"));
            if (unknown.Count > 0) problems.Add(new AgencyFileProblem(1, $"Unknown column{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"\"{Short(u)}\""))}. The columns are: {string.Join(",", Columns)}"));
            if (header.Count != header.Distinct().Count()) problems.Add(new AgencyFileProblem(1, "A column appears twice in the header"));
            if (problems.Count > 0) return (rows, problems);
            string? Cell(string column)
            {
                var i = header.IndexOf(column);
                if (i < 0 || i >= csv.FieldCount) return null;
                var v = csv.GetString(i);
                // Undo the export's formula escaping: '=SUM(...) was written for =SUM(...).
                if (v is { Length: > 1 } && v[0] == '\'' && v[1] is '=' or '@' or '+' or '-' or '\t' or '\r') v = v[1..];
                return v;
            }
            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                if (rows.Count + 1 > MaxRows)
                {
                    problems.Add(new AgencyFileProblem(line, $"A file may have up to {MaxRows:N0} agencies"));
                    break;
                }
                if (csv.FieldCount != header.Count)
                {
                    problems.Add(new AgencyFileProblem(line, $"This row has {csv.FieldCount} cells; the header has {header.Count}"));
                    continue;
                }
                var kindText = Cell("kind");
                var kind = AgencyKinds.FromCode(kindText);
                if (kind is null)
                {
                    problems.Add(new AgencyFileProblem(line, string.IsNullOrWhiteSpace(kindText)
                        ? "Enter the kind of agency"
                        : $"\"{Short(kindText)}\" is not a kind of agency. Use one of: {string.Join(", ", AgencyKinds.All.Select(AgencyKinds.Code))}"));
                }
                var retiredText = Cell("retired")?.Trim();
                bool? retired = retiredText?.ToLowerInvariant() switch
                {
                    null or "" or "no" => false,
                    "yes" => true,
                    _ => null,
                };
                if (retired is null) problems.Add(new AgencyFileProblem(line, $"Retired must be \"yes\" or empty, not \"{Short(retiredText!)}\""));
                var input = new AgencyInput(kind, Cell("name"), Cell("code"), Cell("secure_email"), Cell("telephone"), Cell("address"), Cell("notes"));
                // A row with a bad kind or retired cell is not imported, but its other cells' problems are reported with it
                // (all of a row's problems at once); a good row's are reported by the import plan.
                if (kind is null || retired is null)
                {
                    problems.AddRange(input.Validate().Where(p => p.Field != nameof(AgencyInput.Kind)).Select(p => new AgencyFileProblem(line, p.Message)));
                    continue;
                }
                rows.Add(new AgencyFileRow(line, input, retired.Value));
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(new AgencyFileProblem((int)e.LineNumber, "The file could not be read as CSV"));
        }
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new AgencyFileProblem(0, "The file has a header but no agencies"));
        return (rows, problems);
    }

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;
}
