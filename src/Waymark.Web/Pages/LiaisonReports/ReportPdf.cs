using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Waymark.Episodes;
using Waymark.LiaisonReports;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.LiaisonReports;

/// <summary>
/// A liaison report version as an A4 PDF (PDFsharp 6.2.4, the platform-neutral "Core" build, MIT): the same facts and
/// sections as the page, wrapped to the page width, onto as many pages as it needs (a report of the usual length fits
/// one or two). PDFsharp's own font resolving finds no dependable fonts on Linux servers, so the fonts are DejaVu Sans,
/// shipped embedded in this assembly (<see cref="EmbeddedFonts"/>).
/// </summary>
public static class ReportPdf
{
    private const double Margin = 50; // points (about 18 mm)
    private const string Family = EmbeddedFonts.Family;

    static ReportPdf() => EmbeddedFonts.Register();

    /// <summary>The PDF's bytes (starting "%PDF").</summary>
    public static byte[] Write(ReportView view)
    {
        var r = view.Report;
        using var doc = new PdfDocument();
        doc.Info.Title = $"Liaison report, version {r.Number}";
        doc.Info.Author = view.TeamName;
        doc.Info.Subject = $"Liaison report for {view.Person.FullName}";
        var w = new Writer(doc);
        var title = new XFont(Family, 16, XFontStyleEx.Bold);
        var heading = new XFont(Family, 11, XFontStyleEx.Bold);
        var body = new XFont(Family, 10, XFontStyleEx.Regular);
        var small = new XFont(Family, 8, XFontStyleEx.Regular);
        w.Text($"Liaison report: {view.Person.FullName}", title, 6);
        w.Text(r.IsSent ? $"Version {r.Number}, {view.SentLine}"
            : $"Version {r.Number}: DRAFT, NOT SENT (last saved {Display.DateTime(r.UpdatedAt)})", body, 8);
        foreach (var (key, value) in new[]
        {
            ("Name", view.Person.FullName),
            ("Date of birth", Display.Date(view.Person.DateOfBirth)),
            ($"{Settings.Display(view.Episode.Setting)} reference", view.Episode.SettingReference ?? "None recorded"),
            ("For", string.Join(", ", view.Addressees)),
            ("From", $"{view.NameOf(r.UpdatedByUserId)}, {view.TeamName}"),
        })
            w.Text($"{key}: {value}", body, 2);
        if (r.Number > 1) w.Text($"This corrects version {r.Number - 1}" + (r.CorrectionNote is { } cn ? $": {cn}" : "."), body, 2);
        w.Space(8);
        foreach (var (h, text) in view.Sections)
        {
            w.Text(h, heading, 2);
            w.Text(text, body, 8);
        }
        if (view.ShowsRecommendations)
        {
            w.Text("Recommendations", heading, 2);
            foreach (var rec in view.Recommendations)
            {
                var line = "• " + LiaisonRecommendations.Display(rec.Code) + (rec.Detail is { } d ? $": {d}" : "");
                if (LiaisonRecommendations.Find(rec.Code)?.IsTreatmentRequirement == true)
                    line += $" ({ReportView.TreatmentAnswers(rec)})";
                w.Text(line, body, 3);
            }
            w.Space(5);
        }
        if (view.ShowsFurtherInformation)
        {
            w.Text("Anything else", heading, 2);
            w.Text(r.FurtherInformation!, body, 8);
        }
        w.Text("This report gives the liaison and diversion team's clinical view of the person's needs. Advice on fitness to be interviewed is a clinician's advice, not a legal decision. It is shared with the person's consent or under a recorded lawful basis; do not pass it on without asking the team.", small, 0);
        w.Finish();
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ms.ToArray();
    }

    // Writes wrapped lines top to bottom, starting a new A4 page when one is full.
    private sealed class Writer(PdfDocument doc)
    {
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private double Width => _page!.Width.Point - 2 * Margin;

        public void Space(double points) => _y += points;

        public void Text(string text, XFont font, double after)
        {
            if (_gfx is null) NewPage();
            var lineHeight = font.GetHeight() * 1.15;
            foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                foreach (var line in Wrap(paragraph, font))
                {
                    if (_y + lineHeight > _page!.Height.Point - Margin) NewPage();
                    _gfx!.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, lineHeight), XStringFormats.TopLeft);
                    _y += lineHeight;
                }
            }
            _y += after;
        }

        public void Finish() => _gfx?.Dispose();

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = doc.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private IEnumerable<string> Wrap(string paragraph, XFont font)
        {
            if (paragraph.Length == 0) { yield return ""; yield break; }
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (_gfx!.MeasureString(candidate, font).Width <= Width) { line = candidate; continue; }
                if (line.Length > 0) yield return line;
                line = word;
                // A single word longer than the line is cut where it fits.
                while (line.Length > 1 && _gfx.MeasureString(line, font).Width > Width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && _gfx.MeasureString(line[..cut], font).Width > Width) cut--;
                    yield return line[..cut];
                    line = line[cut..];
                }
            }
            if (line.Length > 0) yield return line;
        }
    }
}

/// <summary>
/// DejaVu Sans (regular and bold; Bitstream Vera licence, Fonts/LICENSE), embedded in the web assembly and given to
/// PDFsharp through <see cref="GlobalFontSettings.FontResolver"/>, so PDFs are the same on every server whatever fonts
/// it has. Other family names fall through to PDFsharp's platform resolver.
/// </summary>
public sealed class EmbeddedFonts : IFontResolver
{
    /// <summary>The family name PDFs ask for.</summary>
    public const string Family = "Waymark Sans";
    private static readonly Lock Gate = new();

    /// <summary>Sets the resolver once per process (PDFsharp refuses to change it after fonts were used).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts) GlobalFontSettings.FontResolver = new EmbeddedFonts();
        }
    }

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic)
            : PlatformFontResolver.ResolveTypeface(familyName, bold, italic);

    /// <inheritdoc />
    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Waymark.Web.Fonts.{faceName}.ttf");
        if (stream is null) return null;
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }
}
