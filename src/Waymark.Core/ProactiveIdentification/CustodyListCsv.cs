using System.Globalization;
using CsvHelper;
using Waymark.People;

namespace Waymark.ProactiveIdentification;

/// <summary>The columns of a custody or court list (docs/cjs-liaison.md, "Custody and court lists"), in the order used when there is no header line.</summary>
public enum ListColumn
{
    /// <summary>Custody record number or court case number.</summary>
    Reference,
    /// <summary>Family name (the one column that must be there).</summary>
    FamilyName,
    /// <summary>Given names.</summary>
    GivenNames,
    /// <summary>Date of birth.</summary>
    DateOfBirth,
    /// <summary>Sex.</summary>
    Sex,
    /// <summary>Postcode.</summary>
    Postcode,
    /// <summary>PNC ID.</summary>
    PncId,
    /// <summary>NHS number.</summary>
    NhsNumber,
    /// <summary>Time in custody or listed time, UK time.</summary>
    TimeIn,
    /// <summary>Offence category.</summary>
    OffenceCategory,
    /// <summary>Notes.</summary>
    Notes,
}

/// <summary>One row of a list as typed, before it is checked: each column's text (null or blank when not given).</summary>
public sealed record ListRowText
{
    /// <summary>Custody record number or court case number.</summary>
    public string? Reference { get; init; }
    /// <summary>Family name.</summary>
    public string? FamilyName { get; init; }
    /// <summary>Given names.</summary>
    public string? GivenNames { get; init; }
    /// <summary>Date of birth: dd/mm/yyyy (also d/m/yyyy, yyyy-mm-dd, 3 Jan 1990).</summary>
    public string? DateOfBirth { get; init; }
    /// <summary>Sex: M, F, male, female, X (not specified), U or unknown.</summary>
    public string? Sex { get; init; }
    /// <summary>Postcode; "NFA" (no fixed abode) counts as none.</summary>
    public string? Postcode { get; init; }
    /// <summary>PNC ID, e.g. 2001/0000023A.</summary>
    public string? PncId { get; init; }
    /// <summary>NHS number, ten digits, spaces allowed.</summary>
    public string? NhsNumber { get; init; }
    /// <summary>UK time: HH:mm (on the list's day) or dd/mm/yyyy HH:mm.</summary>
    public string? TimeIn { get; init; }
    /// <summary>Offence category.</summary>
    public string? OffenceCategory { get; init; }
    /// <summary>Notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Whether every column is blank.</summary>
    public bool IsBlank => new[] { Reference, FamilyName, GivenNames, DateOfBirth, Sex, Postcode, PncId, NhsNumber, TimeIn, OffenceCategory, Notes }.All(string.IsNullOrWhiteSpace);
}

/// <summary>One row of a list, checked and normalised: what is stored on a <see cref="ProactiveListRow"/> (Postcode is <see cref="ProactiveListRow.NoFixedAbode"/> for "NFA").</summary>
/// <param name="Line">The line it came from (1 is the first line of the text); 0 for a typed row.</param>
public sealed record ListRow(int Line, string? Reference, string FamilyName, string? GivenNames, DateOnly? DateOfBirth, Sex Sex,
    string? Postcode, string? PncId, string? NhsNumber, DateTimeOffset? TimeIn, string? OffenceCategory, string? Notes);

/// <summary>A problem with one line of a list.</summary>
/// <param name="Line">The line of the text (1 is the first), or 0 for the whole list.</param>
/// <param name="Field">The column (<see cref="ListColumn"/> name) or "" for the whole line.</param>
/// <param name="Message">What is wrong, without the value itself (no personal data in messages).</param>
public sealed record LineProblem(int Line, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"Line {Line}: {Message}" : Message;
}

/// <summary>The rows read from a list and every problem found; a list with any problem is not imported at all.</summary>
public sealed record ListParseResult(IReadOnlyList<ListRow> Rows, IReadOnlyList<LineProblem> Problems)
{
    /// <summary>No problems and at least one row.</summary>
    public bool Succeeded => Problems.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Reads a custody or court list: a CSV file, or rows pasted from a spreadsheet or the custody system (tab- or
/// comma-separated). The columns, their header aliases and formats are documented in docs/cjs-liaison.md
/// ("Custody and court lists"). Headers are matched ignoring case, spaces and punctuation; columns with other headers are
/// ignored. Text with no recognised header (its first line names no family-name column) is read in the order of
/// <see cref="ListColumn"/>. Blank lines are skipped. Every bad line is reported with its line number and why.
/// </summary>
public static class CustodyListCsv
{
    /// <summary>The most rows a list may have.</summary>
    public const int MaxRows = 5_000;
    /// <summary>The largest file or pasted text, in bytes (2 MB).</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The header names each column answers to, after <see cref="HeaderKey"/> (lower case, letters and digits only).</summary>
    public static IReadOnlyDictionary<ListColumn, IReadOnlyList<string>> Aliases { get; } = new Dictionary<ListColumn, IReadOnlyList<string>>
    {
        [ListColumn.Reference] = ["reference", "ref", "custodyrecordnumber", "custodyrecord", "custodynumber", "custodyref", "casenumber", "casereference", "caseref", "urn"],
        [ListColumn.FamilyName] = ["familyname", "surname", "lastname"],
        [ListColumn.GivenNames] = ["givennames", "givenname", "forenames", "forename", "firstname", "firstnames"],
        [ListColumn.DateOfBirth] = ["dateofbirth", "dob", "birthdate"],
        [ListColumn.Sex] = ["sex", "gender"],
        [ListColumn.Postcode] = ["postcode", "postalcode"],
        [ListColumn.PncId] = ["pncid", "pnc", "pncnumber"],
        [ListColumn.NhsNumber] = ["nhsnumber", "nhsno", "nhs"],
        [ListColumn.TimeIn] = ["timein", "arrivaltime", "arrived", "bookedin", "time", "hearingtime", "listedat"],
        [ListColumn.OffenceCategory] = ["offencecategory", "offence", "offencetype"],
        [ListColumn.Notes] = ["notes", "note", "comments", "remarks"],
    };

    /// <summary>A header as compared: lower case, letters and digits only ("Date of Birth" and "date_of_birth" are both "dateofbirth").</summary>
    public static string HeaderKey(string? header) =>
        new((header ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The column a header names, or null.</summary>
    public static ListColumn? ColumnOf(string? header)
    {
        var key = HeaderKey(header);
        foreach (var (column, names) in Aliases)
            if (names.Contains(key, StringComparer.Ordinal)) return column;
        return null;
    }

    /// <summary>
    /// Reads and checks <paramref name="text"/> (a leading byte-order mark is ignored). Times without a date are on
    /// <paramref name="day"/>; dates of birth are judged against <paramref name="today"/> (<see cref="DateLimits.DateOfBirthProblem"/>).
    /// </summary>
    /// <param name="text">The file's or pasted text.</param>
    /// <param name="day">The list's UK day.</param>
    /// <param name="today">Today's UK date.</param>
    /// <param name="now">The current instant: on today's list a time in more than <see cref="ListRowReader.FutureTimeInMinutes"/> minutes after it is refused; null skips that check.</param>
    public static ListParseResult Parse(string text, DateOnly day, DateOnly today, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxBytes)
            return Whole("The list must be 2 MB or smaller. Split it into smaller lists.");
        var firstLine = text.Split('\n').FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
        if (firstLine is null) return Whole("The list is empty. It needs at least one person.");
        var tabs = firstLine.Contains('\t', StringComparison.Ordinal);
        var options = new CsvReaderOptions
        {
            Separator = tabs ? '\t' : ',',
            HasHeader = false,
            // Rows pasted from a spreadsheet are tab-separated and may hold stray quotes inside fields; files are RFC 4180.
            Mode = tabs ? CsvMode.NoEscape : CsvMode.Rfc4180,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        var rows = new List<ListRow>();
        var problems = new List<LineProblem>();
        Dictionary<ListColumn, int>? columns = null;
        var people = 0;
        try
        {
            using var csv = CsvReader.FromText(text, options);
            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                var cells = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                if (columns is null)
                {
                    columns = HeaderColumns(cells);
                    if (columns is not null) continue; // a header line
                    columns = Enum.GetValues<ListColumn>().Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
                }
                if (++people > MaxRows)
                    return Whole($"The list has more than {MaxRows:N0} people. Split it into smaller lists.");
                var raw = RowText(cells, columns);
                if (raw.IsBlank) continue;
                var (row, rowProblems) = ListRowReader.Read(line, raw, day, today, now);
                if (row is not null) rows.Add(row);
                problems.AddRange(rowProblems.Select(p => new LineProblem(line, p.Field, p.Message)));
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(new LineProblem((int)e.LineNumber, "",
                "The line could not be read as CSV. Check its quotes: a value with a comma in it must be in double quotes, and every opening quote needs a closing one"));
            return new ListParseResult([], problems);
        }
        if (rows.Count == 0 && problems.Count == 0) return Whole("The list has a header but no people.");
        return new ListParseResult(rows, problems);
    }

    private static ListParseResult Whole(string message) => new([], [new LineProblem(0, "", message)]);

    // A header line names the family-name column; columns named nothing we know are ignored.
    private static Dictionary<ListColumn, int>? HeaderColumns(string[] cells)
    {
        var map = new Dictionary<ListColumn, int>();
        for (var i = 0; i < cells.Length; i++)
            if (ColumnOf(cells[i]) is { } c) map.TryAdd(c, i);
        return map.ContainsKey(ListColumn.FamilyName) ? map : null;
    }

    private static ListRowText RowText(string[] cells, Dictionary<ListColumn, int> columns)
    {
        string? Cell(ListColumn c) => columns.TryGetValue(c, out var i) && i < cells.Length ? cells[i] : null;
        return new ListRowText
        {
            Reference = Cell(ListColumn.Reference),
            FamilyName = Cell(ListColumn.FamilyName),
            GivenNames = Cell(ListColumn.GivenNames),
            DateOfBirth = Cell(ListColumn.DateOfBirth),
            Sex = Cell(ListColumn.Sex),
            Postcode = Cell(ListColumn.Postcode),
            PncId = Cell(ListColumn.PncId),
            NhsNumber = Cell(ListColumn.NhsNumber),
            TimeIn = Cell(ListColumn.TimeIn),
            OffenceCategory = Cell(ListColumn.OffenceCategory),
            Notes = Cell(ListColumn.Notes),
        };
    }
}

/// <summary>Checks and normalises one row of a list, whether read from a file, pasted or typed on a form.</summary>
public static class ListRowReader
{
    /// <summary>Longest reference, in characters.</summary>
    public const int MaxReference = 50;
    /// <summary>Longest name (family or given), in characters.</summary>
    public const int MaxName = 100;
    /// <summary>Longest offence category, in characters.</summary>
    public const int MaxOffence = 100;
    /// <summary>Longest notes, in characters.</summary>
    public const int MaxNotes = 500;

    private static readonly string[] DateFormats =
    [
        "d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd", "yyyy-M-d", "d MMM yyyy", "d MMMM yyyy", "d-MMM-yyyy",
    ];

    /// <summary>How far after now, in minutes, a time in on today's list may be (clocks differ a little); later is refused.</summary>
    public const int FutureTimeInMinutes = 15;

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss", "HHmm", "H.mm"];

    /// <summary>
    /// The checked row, or null with every problem (field as a <see cref="ListColumn"/> name, message without the value).
    /// A time without a date is on <paramref name="day"/>, in UK time; at the October clock change an hour that
    /// happened twice is taken as the first (BST).
    /// </summary>
    /// <param name="line">The line number to carry on the row.</param>
    /// <param name="raw">What was typed.</param>
    /// <param name="day">The list's UK day.</param>
    /// <param name="today">Today's UK date (dates of birth must be before it).</param>
    /// <param name="now">The current instant: on today's list (<paramref name="day"/> is <paramref name="today"/>) a time in
    /// more than <see cref="FutureTimeInMinutes"/> minutes after it is refused, since nobody has arrived yet; null skips that check.</param>
    public static (ListRow? Row, IReadOnlyList<ValidationProblem> Problems) Read(int line, ListRowText raw, DateOnly day, DateOnly today, DateTimeOffset? now = null)
    {
        var problems = new List<ValidationProblem>();
        void Problem(ListColumn c, string m) => problems.Add(new ValidationProblem(c.ToString(), m));
        string? Text(string? s, ListColumn c, int max, string what)
        {
            var t = string.IsNullOrWhiteSpace(s) ? null : s.Trim();
            if (t is { Length: var n } && n > max) Problem(c, $"{what} must be {max} characters or fewer");
            return t;
        }

        var reference = Text(raw.Reference, ListColumn.Reference, MaxReference, "The reference");
        var family = Text(raw.FamilyName, ListColumn.FamilyName, MaxName, "The family name");
        if (family is null) Problem(ListColumn.FamilyName, "Enter the family name");
        var given = Text(raw.GivenNames, ListColumn.GivenNames, MaxName, "The given names");

        DateOnly? dob = null;
        if (!string.IsNullOrWhiteSpace(raw.DateOfBirth))
        {
            if (DateOnly.TryParseExact(raw.DateOfBirth.Trim(), DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var d))
            {
                if (DateLimits.DateOfBirthProblem(d, today) is { } p) Problem(ListColumn.DateOfBirth, p);
                else dob = d;
            }
            else Problem(ListColumn.DateOfBirth, "The date of birth must be a real date like 27/03/1990");
        }

        var sex = People.Sex.NotKnown;
        if (!string.IsNullOrWhiteSpace(raw.Sex))
        {
            if (ReadSex(raw.Sex) is { } s) sex = s;
            else Problem(ListColumn.Sex, "Sex must be M, F, X (not specified) or U (not known)");
        }

        string? postcode = null;
        if (!string.IsNullOrWhiteSpace(raw.Postcode) && IsNoFixedAbode(raw.Postcode)) postcode = ProactiveListRow.NoFixedAbode;
        else if (!string.IsNullOrWhiteSpace(raw.Postcode))
        {
            postcode = UkPostcode.Normalise(raw.Postcode);
            if (postcode is null) Problem(ListColumn.Postcode, "The postcode must be a UK postcode like NE1 4LP, or NFA for no fixed abode");
        }

        string? pnc = null;
        if (!string.IsNullOrWhiteSpace(raw.PncId))
        {
            if (Identifiers.PncId.IsValid(raw.PncId)) pnc = Identifiers.PncId.Normalise(raw.PncId);
            else Problem(ListColumn.PncId, "The PNC ID must be like 2001/0000023A, with the right check letter");
        }

        string? nhs = null;
        if (!string.IsNullOrWhiteSpace(raw.NhsNumber))
        {
            if (Identifiers.NhsNumber.IsValid(raw.NhsNumber)) nhs = Identifiers.NhsNumber.Normalise(raw.NhsNumber);
            else Problem(ListColumn.NhsNumber, "The NHS number must be 10 digits with the right check digit");
        }

        DateTimeOffset? timeIn = null;
        if (!string.IsNullOrWhiteSpace(raw.TimeIn))
        {
            if (ReadTime(raw.TimeIn.Trim(), day) is { } t)
            {
                if (UkTime.DateOf(t) > day.AddDays(1) || UkTime.DateOf(t) < day.AddDays(-7))
                    Problem(ListColumn.TimeIn, "The time in must be on the list's day or in the week before it");
                else if (now is { } n && day == today && t > n.AddMinutes(FutureTimeInMinutes))
                    Problem(ListColumn.TimeIn, "The time in cannot be in the future");
                else timeIn = t;
            }
            else Problem(ListColumn.TimeIn, "The time in must be a UK time like 14:30, or a date and time like 30/11/2026 14:30");
        }

        var offence = Text(raw.OffenceCategory, ListColumn.OffenceCategory, MaxOffence, "The offence category");
        var notes = Text(raw.Notes, ListColumn.Notes, MaxNotes, "The notes");

        if (problems.Count > 0) return (null, problems);
        return (new ListRow(line, reference, family!, given, dob, sex, postcode, pnc, nhs, timeIn, offence, notes), problems);
    }

    /// <summary>The sex a list gives: M/male/man, F/female/woman, X/not specified/indeterminate, U/unknown/not known; null otherwise.</summary>
    public static Sex? ReadSex(string? text) => CustodyListCsv.HeaderKey(text) switch
    {
        "m" or "male" or "man" => People.Sex.Male,
        "f" or "female" or "woman" => People.Sex.Female,
        "x" or "notspecified" or "indeterminate" or "other" => People.Sex.NotSpecified,
        "u" or "unknown" or "notknown" or "" => People.Sex.NotKnown,
        _ => null,
    };

    private static bool IsNoFixedAbode(string s) => CustodyListCsv.HeaderKey(s) is "nfa" or "nofixedabode";

    private static DateTimeOffset? ReadTime(string text, DateOnly day)
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        if (TimeOnly.TryParseExact(text, TimeFormats, culture, DateTimeStyles.None, out var time))
            return UkTime.FromLocal(day, time);
        var parts = text.Replace('T', ' ').Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0], DateFormats, culture, DateTimeStyles.None, out var date)
            && TimeOnly.TryParseExact(parts[1], TimeFormats, culture, DateTimeStyles.None, out var t2))
            return UkTime.FromLocal(date, t2);
        return null;
    }
}
