using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Waymark.Figures;

namespace Waymark.Commissioning;

/// <summary>The dataset's file formats.</summary>
public enum DatasetFormat
{
    /// <summary>RFC 4180 CSV, UTF-8 with a byte order mark, a header row; see <see cref="DatasetWriters.WriteCsvAsync"/>.</summary>
    Csv,
    /// <summary>JSON: <c>{ "month": "2026-11", "generated": "…", "rows": [ … ] }</c>, valid against docs/dataset.schema.json.</summary>
    Json,
}

/// <summary>
/// Writes <see cref="DatasetRow"/>s as they are read, without holding the month in memory. Column and property names
/// are the field names of docs/dataset.md (snake_case).
/// </summary>
public static class DatasetWriters
{
    /// <summary>The header, in order: the names of <see cref="DatasetFields.All"/> (docs/dataset.md).</summary>
    public static readonly IReadOnlyList<string> Fields = [.. DatasetFields.All.Select(f => f.Name)];

    /// <summary>The content type and file extension of a format.</summary>
    public static (string ContentType, string Extension) Media(DatasetFormat format) => format switch
    {
        DatasetFormat.Csv => ("text/csv; charset=utf-8", "csv"),
        _ => ("application/json; charset=utf-8", "json"),
    };

    /// <summary>"waymark-dataset-2026-11.csv": the download's file name (no team name, so nothing typed appears in it).</summary>
    public static string FileName(Month month, DatasetFormat format) => $"waymark-dataset-{month.Code}.{Media(format).Extension}";

    /// <summary>Writes the rows in <paramref name="format"/> to <paramref name="output"/> (left open).</summary>
    public static Task WriteAsync(DatasetFormat format, Stream output, Month month, DateTimeOffset generated, IAsyncEnumerable<DatasetRow> rows, CancellationToken ct = default) =>
        format == DatasetFormat.Csv ? WriteCsvAsync(output, rows, ct) : WriteJsonAsync(output, month, generated, rows, ct);

    /// <summary>
    /// CSV as RFC 4180 (CsvHelper: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or line
    /// break), UTF-8 WITH a byte order mark so Excel reads it as UTF-8 (without one Excel assumes the local code page).
    /// Booleans are "true"/"false"; nothing recorded is an empty field. Any field starting with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, tab or carriage return is neutralised with a leading apostrophe (OWASP "CSV Injection"), so a
    /// spreadsheet shows it as text and never runs it as a formula; no number in the dataset is negative, so none is altered.
    /// </summary>
    public static async Task WriteCsvAsync(Stream output, IAsyncEnumerable<DatasetRow> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // CsvHelper writes synchronously, which a response body refuses: each chunk of rows is written to text, then
        // copied to the stream asynchronously, so at most one chunk is held.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        var chunk = new StringBuilder();
        var options = CsvWriterOptions.Default with { NewLine = "\r\n" };
        var csv = CsvWriter.Create(new StringWriter(chunk, CultureInfo.InvariantCulture), options, false);
        try
        {
            csv.WriteHeader(Fields.ToArray());
            var n = 0;
            await foreach (var row in rows.WithCancellation(ct))
            {
                foreach (var value in Values(row)) csv.WriteField(Neutralise(value));
                csv.EndRecord();
                if (++n % 500 != 0) continue;
                csv.Flush();
                await writer.WriteAsync(chunk, ct);
                chunk.Clear();
            }
            csv.Flush();
            await writer.WriteAsync(chunk, ct);
            await writer.FlushAsync(ct);
        }
        finally
        {
            csv.Dispose();
        }
    }

    /// <summary>
    /// A cell as a spreadsheet may safely open it: text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or
    /// carriage return gets a leading apostrophe (OWASP "CSV Injection"); anything else is unchanged.
    /// </summary>
    public static string Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";

    /// <summary>
    /// JSON (UTF-8, no byte order mark): <c>{ "month": "2026-11", "generated": "2026-12-01T09:00:00+00:00", "rows": [ … ] }</c>,
    /// each row an object of the fields with JSON types (numbers, booleans, null when nothing is recorded), valid against
    /// docs/dataset.schema.json. Written row by row.
    /// </summary>
    public static async Task WriteJsonAsync(Stream output, Month month, DateTimeOffset generated, IAsyncEnumerable<DatasetRow> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("month", month.Code);
        json.WriteString("generated", generated.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        json.WriteStartArray("rows");
        var n = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("dataset_month", r.DatasetMonth);
            json.WriteString("team_type_code", r.TeamTypeCode);
            json.WriteString("team", r.Team);
            json.WriteString("person_key", r.PersonKey);
            json.WriteString("episode_key", r.EpisodeKey);
            json.WriteString("age_band", r.AgeBand);
            json.WriteString("sex", r.Sex);
            json.WriteString("ethnic_category", r.EthnicCategory);
            json.WriteBoolean("youth", r.Youth);
            json.WriteString("setting", r.Setting);
            json.WriteString("source_of_referral", r.SourceOfReferral);
            json.WriteString("identified_month", r.IdentifiedMonth);
            json.WriteBoolean("screened", r.Screened);
            Number(json, "days_to_screening", r.DaysToScreening);
            json.WriteBoolean("assessed", r.Assessed);
            Number(json, "days_to_assessment", r.DaysToAssessment);
            json.WriteBoolean("report_sent", r.ReportSent);
            Number(json, "days_to_report", r.DaysToReport);
            json.WriteStartArray("needs_found");
            foreach (var need in r.NeedsFound.Split(';', StringSplitOptions.RemoveEmptyEntries)) json.WriteStringValue(need);
            json.WriteEndArray();
            json.WriteNumber("referrals_made", r.ReferralsMade);
            json.WriteNumber("referrals_accepted", r.ReferralsAccepted);
            json.WriteNumber("referrals_declined", r.ReferralsDeclined);
            json.WriteStartArray("cjs_decisions");
            foreach (var d in r.CjsDecisions.Split(';', StringSplitOptions.RemoveEmptyEntries)) json.WriteStringValue(d);
            json.WriteEndArray();
            if (r.ClosedMonth is null) json.WriteNull("closed_month"); else json.WriteString("closed_month", r.ClosedMonth);
            if (r.ClosureReason is null) json.WriteNull("closure_reason"); else json.WriteString("closure_reason", r.ClosureReason);
            json.WriteString("new_or_known", r.NewOrKnown);
            json.WriteEndObject();
            if (++n % 500 == 0) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v) json.WriteNumber(name, v); else json.WriteNull(name);
    }

    /// <summary>A row's fields as CSV text, in <see cref="Fields"/> order.</summary>
    public static IEnumerable<string?> Values(DatasetRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        static string? N(int? v) => v?.ToString(CultureInfo.InvariantCulture);
        static string B(bool b) => b ? "true" : "false";
        return
        [
            r.DatasetMonth, r.TeamTypeCode, r.Team, r.PersonKey, r.EpisodeKey, r.AgeBand, r.Sex, r.EthnicCategory,
            B(r.Youth), r.Setting, r.SourceOfReferral, r.IdentifiedMonth, B(r.Screened), N(r.DaysToScreening), B(r.Assessed),
            N(r.DaysToAssessment), B(r.ReportSent), N(r.DaysToReport), r.NeedsFound, N(r.ReferralsMade), N(r.ReferralsAccepted),
            N(r.ReferralsDeclined), r.CjsDecisions, r.ClosedMonth, r.ClosureReason, r.NewOrKnown,
        ];
    }
}
