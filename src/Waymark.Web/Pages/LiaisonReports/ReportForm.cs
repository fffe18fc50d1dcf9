using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Liaison;
using Waymark.LiaisonReports;

namespace Waymark.Web.Pages.LiaisonReports;

/// <summary>
/// The liaison report form (new report and edit draft): addressees, the sections, the coded recommendations with their
/// detail and, for treatment requirements, the person's consent and whether a provider agrees. Values are kept as typed.
/// </summary>
public abstract partial class ReportForm : PageModel
{
    /// <summary>Agency ids, as posted.</summary>
    [BindProperty] public List<string> Agencies { get; set; } = [];
    [BindProperty] public string? Vulnerabilities { get; set; }
    [BindProperty] public string? Screening { get; set; }
    [BindProperty] public string? Assessment { get; set; }
    [BindProperty] public string? Priorities { get; set; }
    [BindProperty] public string? EffectOnProcess { get; set; }
    [BindProperty] public string? FurtherInformation { get; set; }
    [BindProperty] public string? CorrectionNote { get; set; }
    /// <summary>The recommendation codes ticked.</summary>
    [BindProperty] public List<string> Recommend { get; set; } = [];
    /// <summary>Detail by recommendation code.</summary>
    [BindProperty] public Dictionary<string, string?> Detail { get; set; } = [];
    /// <summary>"yes"/"no" by treatment requirement code.</summary>
    [BindProperty] public Dictionary<string, string?> PersonConsents { get; set; } = [];
    /// <summary>"yes"/"no" by treatment requirement code.</summary>
    [BindProperty] public Dictionary<string, string?> ProviderAgrees { get; set; } = [];
    /// <summary>The provider by treatment requirement code.</summary>
    [BindProperty] public Dictionary<string, string?> Provider { get; set; } = [];

    /// <summary>The team's agencies in use, and any retired one already on the draft.</summary>
    public IReadOnlyList<CriminalJusticeAgency> AgencyChoices { get; protected set; } = [];
    /// <summary>The person's age on today's UK date, for the treatment requirements' eligibility; null when unknown.</summary>
    public int? AgeToday { get; protected set; }
    /// <summary>The version number the form is for (1 for a new report).</summary>
    public int Number { get; protected set; } = 1;

    /// <summary>Agency checkboxes, grouped labels as "Name (kind)".</summary>
    public IEnumerable<SelectListItem> AgencyItems =>
        AgencyChoices.Select(a => new SelectListItem($"{a.Name} ({AgencyKinds.Display(a.Kind)})", a.Id.ToString()));

    /// <summary>Fills the form from an input (a draft from the records, or a saved version).</summary>
    protected void Fill(LiaisonReportInput input)
    {
        Agencies = input.AgencyIds.Select(a => a.ToString()).ToList();
        (Vulnerabilities, Screening, Assessment, Priorities, EffectOnProcess, FurtherInformation, CorrectionNote) =
            (input.Vulnerabilities, input.Screening, input.Assessment, input.Priorities, input.EffectOnProcess, input.FurtherInformation, input.CorrectionNote);
        Recommend = input.Recommendations.Select(r => r.Code).ToList();
        foreach (var r in input.Recommendations)
        {
            Detail[r.Code] = r.Detail;
            PersonConsents[r.Code] = YesNo(r.PersonConsents);
            ProviderAgrees[r.Code] = YesNo(r.ProviderAgrees);
            Provider[r.Code] = r.Provider;
        }
    }

    /// <summary>The form as the service's input; agency ids that are not ids are reported on the form.</summary>
    protected LiaisonReportInput Input()
    {
        var ids = new List<Guid>();
        foreach (var a in Agencies)
        {
            if (Guid.TryParse(a, out var id)) ids.Add(id);
            else ModelState.AddModelError(nameof(Agencies), "Select agencies from the list");
        }
        // A recommendation's fields are keyed by its code: a key that is no code is a tampered form, refused like an unknown code.
        if (Request.HasFormContentType && Request.Form.Keys.Any(k => RecommendationKey().Match(k) is { Success: true } m && LiaisonRecommendations.Find(m.Groups["code"].Value) is null))
            ModelState.AddModelError(nameof(Recommend), "Select recommendations from the list");
        var recs = Recommend.Distinct().Select(code => new RecommendationInput(code, Detail.GetValueOrDefault(code),
            Bool(PersonConsents.GetValueOrDefault(code)), Bool(ProviderAgrees.GetValueOrDefault(code)), Provider.GetValueOrDefault(code))).ToList();
        return new LiaisonReportInput(ids, Vulnerabilities, Screening, Assessment, Priorities, EffectOnProcess, recs, FurtherInformation, CorrectionNote);
    }

    /// <summary>Puts the input's problems on the form, the service's field names mapped onto the form's.</summary>
    protected void AddProblems(IEnumerable<(string Field, string Message)> problems)
    {
        foreach (var (field, message) in problems)
            ModelState.AddModelError(field == nameof(LiaisonReportInput.AgencyIds) ? nameof(Agencies) : field == nameof(LiaisonReportInput.Recommendations) ? nameof(Recommend) : field, message);
    }

    /// <summary>Maps a service's validation failure onto the form.</summary>
    protected void AddProblems(ValidationFailedException failure) => AddProblems(failure.Problems.Select(p => (p.Field, p.Message)));

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Detail|PersonConsents|ProviderAgrees|Provider)\[(?<code>.*)\]$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex RecommendationKey();

    private static bool? Bool(string? posted) => posted switch { "yes" => true, "no" => false, _ => null };
    private static string YesNo(bool? b) => b switch { true => "yes", false => "no", null => "not-known" };
}
