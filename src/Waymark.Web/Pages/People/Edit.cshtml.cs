using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.People;

[AuditsPersonViewsItself("PersonRecords.ViewAsync audits every read of the record, on GET and on POST, where it is read.")]
public class EditModel(PersonRecords records, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = false)] public PersonForm Input { get; set; } = new();
    [FromRoute] public Guid Id { get; set; }
    public string PersonName { get; private set; } = "";
    private Person? _stored;

    /// <summary>A stored detail as the read-only part of the form shows it (<see cref="Person.Show"/>).</summary>
    public string Show(PersonField field) => _stored?.Show(field) ?? Absent.NotRecorded;

    public List<SelectListItem> SexItems { get; } =
        Choices.Sex();
    public List<SelectListItem> EthnicItems { get; } =
        [new("Not recorded", ""), .. EthnicCategory.All.Select(e => new SelectListItem(e.Name, e.Code))];
    public List<SelectListItem> InterpreterItems { get; } = [new("Needs an interpreter", "interpreter")];
    public List<SelectListItem> ConsentItems { get; } = [new("Agrees to text messages", "text"), new("Agrees to email", "email")];
    public List<SelectListItem> FlagItems { get; } =
        [new("Veteran of the armed forces", "veteran"), new("Care leaver", "care-leaver"), new("Parent or carer", "parent-carer")];

    /// <summary>Whether this user may change names, dates of birth, sex and identifiers (support workers may not; see <see cref="Permissions"/>).</summary>
    public bool MayChangeIdentity => User.Can(Permission.EditIdentityDetails);

    /// <summary>The form's identity fields (<see cref="PersonDetails.KeepingIdentityOf"/>), by their names under "Input.".</summary>
    private static readonly string[] IdentityFields =
        ["GivenName", "FamilyName", "PreferredName", "Aliases", "Dob", "OtherDobs", "Sex", "Gender", "EthnicCategory", "NhsNumber", "PncId", "OtherIdentifiers",
         "DateOfBirthAbsence", "NhsNumberAbsence", "PncIdAbsence"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await records.ViewAsync(Id, "Opened to change details", ct: ct);
        if (person is null) return NotFound();
        PersonName = person.FullName;
        _stored = person;
        Input = PersonForm.From(person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var person = await records.ViewAsync(Id, "Saving changed details", ct: ct);
        if (person is null) return NotFound();
        PersonName = person.FullName;
        _stored = person;
        var mayChangeIdentity = MayChangeIdentity;
        if (!mayChangeIdentity)
        {
            // The form has no identity fields for this role; one posted anyway is an attempt to change them.
            if (Request.Form.Keys.Any(k => IdentityFields.Any(f => k.StartsWith("Input." + f, StringComparison.OrdinalIgnoreCase)))) return Forbid();
            Input.KeepIdentityOf(person);
        }
        var details = Input.ToDetails(ModelState, "Input");
        if (!mayChangeIdentity) details = details.KeepingIdentityOf(person);
        details = details.WithoutStaleReasons(person);
        var today = UkTime.Today(clock);
        foreach (var (field, message) in details.Validate(today, person))
        {
            var key = field switch
            {
                nameof(PersonDetails.DateOfBirth) => "Input.Dob",
                nameof(PersonDetails.OtherDatesOfBirth) => "Input.OtherDobs",
                nameof(PersonDetails.ConsentToText) or nameof(PersonDetails.ConsentToEmail) => "Input.Consent",
                _ => "Input." + field,
            };
            if (!ModelState.ContainsKey(key) || ModelState[key]!.Errors.Count == 0) ModelState.AddModelError(key, message);
        }
        if (!Guid.TryParse(Input.Version, out var version)) ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
        if (!ModelState.IsValid) return Page();
        try
        {
            await records.UpdateAsync(Id, version, details, mayChangeIdentity, ct);
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        TempData["Success"] = "Details saved";
        return Redirect($"/people/{Id}");
    }
}

/// <summary>The person form as typed: text for everything, so nothing typed is lost on an error.</summary>
public class PersonForm
{
    public string? Version { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? PreferredName { get; set; }
    public string? Aliases { get; set; }
    public DateParts Dob { get; set; } = new();
    public string? OtherDobs { get; set; }
    public string? Sex { get; set; }
    public string? Gender { get; set; }
    public string? EthnicCategory { get; set; }
    public string? FirstLanguage { get; set; }
    public List<string> Language { get; set; } = [];
    public string? CommunicationNeeds { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public List<string> Consent { get; set; } = [];
    // Why each empty detail is empty (ADR 18), as posted: an Absence name or nothing.
    public string? DateOfBirthAbsence { get; set; }
    public string? AddressAbsence { get; set; }
    public string? PhoneAbsence { get; set; }
    public string? EmailAbsence { get; set; }
    public string? NhsNumberAbsence { get; set; }
    public string? PncIdAbsence { get; set; }
    public string? GpPracticeAbsence { get; set; }
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? NhsNumber { get; set; }
    public string? PncId { get; set; }
    public string? OtherIdentifiers { get; set; }
    public string? GpPractice { get; set; }
    public List<string> Flags { get; set; } = [];

    /// <summary>Replaces the identity fields with <paramref name="p"/>'s, as the form shows them.</summary>
    public void KeepIdentityOf(Person p)
    {
        var stored = From(p);
        (GivenName, FamilyName, PreferredName, Aliases, Dob, OtherDobs) = (stored.GivenName, stored.FamilyName, stored.PreferredName, stored.Aliases, stored.Dob, stored.OtherDobs);
        (Sex, Gender, EthnicCategory, NhsNumber, PncId, OtherIdentifiers) = (stored.Sex, stored.Gender, stored.EthnicCategory, stored.NhsNumber, stored.PncId, stored.OtherIdentifiers);
        (DateOfBirthAbsence, NhsNumberAbsence, PncIdAbsence) = (stored.DateOfBirthAbsence, stored.NhsNumberAbsence, stored.PncIdAbsence);
    }

    public static PersonForm From(Person p) => new()
    {
        Version = p.Version.ToString(),
        GivenName = p.GivenName, FamilyName = p.FamilyName, PreferredName = p.PreferredName,
        Aliases = string.Join('\n', p.Aliases.Select(a => Waymark.People.PersonNames.Full(a.GivenName, a.FamilyName))),
        Dob = DateParts.From(p.DateOfBirth),
        OtherDobs = string.Join('\n', p.OtherDatesOfBirth.Select(d => d.DateOfBirth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))),
        Sex = p.Sex.ToString(), Gender = p.Gender, EthnicCategory = p.EthnicCategory, FirstLanguage = p.FirstLanguage,
        Language = p.InterpreterNeeded ? ["interpreter"] : [],
        CommunicationNeeds = p.CommunicationNeeds, Phone = p.Phone, Email = p.Email,
        Consent = [.. p.ConsentToText ? new[] { "text" } : [], .. p.ConsentToEmail ? new[] { "email" } : []],
        DateOfBirthAbsence = p.AbsenceOf(PersonField.DateOfBirth)?.ToString(), AddressAbsence = p.AbsenceOf(PersonField.Address)?.ToString(),
        PhoneAbsence = p.AbsenceOf(PersonField.Phone)?.ToString(), EmailAbsence = p.AbsenceOf(PersonField.Email)?.ToString(),
        NhsNumberAbsence = p.AbsenceOf(PersonField.NhsNumber)?.ToString(), PncIdAbsence = p.AbsenceOf(PersonField.PncId)?.ToString(),
        GpPracticeAbsence = p.AbsenceOf(PersonField.GpPractice)?.ToString(),
        Address = p.Address, Postcode = p.Postcode,
        NhsNumber = p.NhsNumber is null ? null : Waymark.Identifiers.NhsNumber.Format(p.NhsNumber), PncId = p.PncId,
        OtherIdentifiers = string.Join('\n', p.OtherIdentifiers.Select(i => $"{i.Kind}: {i.Value}")),
        GpPractice = p.GpPractice,
        Flags = [.. p.Veteran ? new[] { "veteran" } : [], .. p.CareLeaver ? new[] { "care-leaver" } : [], .. p.ParentOrCarer ? new[] { "parent-carer" } : []],
    };

    /// <summary>Converts the typed text to details, adding an error for anything that cannot be read.</summary>
    public PersonDetails ToDetails(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary ms, string prefix)
    {
        var (dob, dobError) = Dob.Parse("Date of birth");
        if (dobError is not null) ms.AddModelError($"{prefix}.Dob", dobError);

        var otherDobs = new List<DateOnly>();
        foreach (var line in Lines(OtherDobs))
        {
            if (DateOnly.TryParseExact(line, ["d/M/yyyy", "dd/MM/yyyy", "d M yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                otherDobs.Add(d);
            else { ms.AddModelError($"{prefix}.OtherDobs", $"Enter each other date of birth as day/month/year, like 03/12/1985 (could not read \"{Short(line)}\")"); break; }
        }
        var aliases = Lines(Aliases).Select(l =>
        {
            var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length < 2 ? ("", l.Trim()) : (string.Join(' ', parts[..^1]), parts[^1]);
        }).ToList();
        var identifiers = Lines(OtherIdentifiers).Select(l =>
        {
            var i = l.IndexOf(':', StringComparison.Ordinal);
            return i <= 0 ? ("", l) : (l[..i], l[(i + 1)..]);
        }).ToList();
        var sex = Enum.TryParse<Sex>(Sex, out var s) && Enum.IsDefined(s) ? s : Waymark.People.Sex.NotKnown;
        if (!string.IsNullOrEmpty(Sex) && sex == Waymark.People.Sex.NotKnown && Sex != nameof(Waymark.People.Sex.NotKnown))
            ms.AddModelError($"{prefix}.Sex", "Select their sex from the list");

        return new PersonDetails
        {
            GivenName = GivenName, FamilyName = FamilyName, PreferredName = PreferredName,
            Aliases = aliases, DateOfBirth = dob, OtherDatesOfBirth = otherDobs,
            Sex = sex, Gender = Gender, EthnicCategory = string.IsNullOrWhiteSpace(EthnicCategory) ? null : EthnicCategory,
            FirstLanguage = FirstLanguage, InterpreterNeeded = Language.Contains("interpreter"),
            CommunicationNeeds = CommunicationNeeds, Phone = Phone, Email = Email,
            ConsentToText = Consent.Contains("text"), ConsentToEmail = Consent.Contains("email"),
            Absences = ReadAbsences(ms, prefix), Address = Address, Postcode = Postcode,
            NhsNumber = NhsNumber, PncId = PncId, OtherIdentifiers = identifiers, GpPractice = GpPractice,
            Veteran = Flags.Contains("veteran"), CareLeaver = Flags.Contains("care-leaver"), ParentOrCarer = Flags.Contains("parent-carer"),
        };
    }

    /// <summary>The posted text of the reason for <paramref name="field"/>.</summary>
    public string? PostedAbsence(PersonField field) => field switch
    {
        PersonField.DateOfBirth => DateOfBirthAbsence,
        PersonField.Address => AddressAbsence,
        PersonField.Phone => PhoneAbsence,
        PersonField.Email => EmailAbsence,
        PersonField.NhsNumber => NhsNumberAbsence,
        PersonField.PncId => PncIdAbsence,
        PersonField.GpPractice => GpPracticeAbsence,
        _ => null,
    };

    private Dictionary<PersonField, Absence> ReadAbsences(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary ms, string prefix)
    {
        var result = new Dictionary<PersonField, Absence>();
        foreach (var f in Absent.Fields)
            if (Choices.Absence(PostedAbsence(f), ms, $"{prefix}.{PersonDetails.AbsenceFieldName(f)}", f) is { } a) result[f] = a;
        return result;
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(50);

    private static string Short(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
