using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Identification;
using Waymark.Identifiers;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Identification;

public class PersonModel(IdentificationService journeys, WaymarkDbContext db, TimeProvider clock) : JourneyPage(journeys, db)
{
    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public DateParts Dob { get; set; } = new();
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    [BindProperty] public string? PncId { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    // Why the date of birth, NHS number, PNC ID or postcode is empty (ADR 18): an Absence name or nothing.
    [BindProperty] public string? DateOfBirthAbsence { get; set; }
    [BindProperty] public string? NhsNumberAbsence { get; set; }
    [BindProperty] public string? PncIdAbsence { get; set; }
    [BindProperty] public string? AddressAbsence { get; set; }

    public List<SelectListItem> SexItems { get; } =
        Choices.Sex();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Draft.HasReason) return Redirect(StepUrl("reason"));
        GivenName = Draft.GivenName;
        FamilyName = Draft.FamilyName;
        Dob = DateParts.From(Draft.DateOfBirth);
        Sex = Draft.Sex == Waymark.People.Sex.NotKnown ? null : Draft.Sex.ToString();
        NhsNumber = Draft.NhsNumber is null ? null : Identifiers.NhsNumber.Format(Draft.NhsNumber);
        PncId = Draft.PncId;
        Postcode = Draft.Postcode;
        (DateOfBirthAbsence, NhsNumberAbsence, PncIdAbsence, AddressAbsence) = (Draft.DateOfBirthAbsence?.ToString(),
            Draft.NhsNumberAbsence?.ToString(), Draft.PncIdAbsence?.ToString(), Draft.AddressAbsence?.ToString());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // First name is optional: a person known by one name has it as their last name (PersonNames).
        if (GivenName is { } given && given.Trim().Length > 100) ModelState.AddModelError(nameof(GivenName), "First name must be 100 characters or fewer");
        if (string.IsNullOrWhiteSpace(FamilyName)) ModelState.AddModelError(nameof(FamilyName), "Enter their last name. If they are known by one name only, enter it here and leave first name blank");
        else if (FamilyName.Trim().Length > 100) ModelState.AddModelError(nameof(FamilyName), "Last name must be 100 characters or fewer");
        var (dob, dobError) = Dob.Parse("Date of birth");
        if (dobError is not null) ModelState.AddModelError(nameof(Dob), dobError);
        else if (dob is { } d && DateLimits.DateOfBirthProblem(d, UkTime.Today(clock)) is { } dobProblem) ModelState.AddModelError(nameof(Dob), dobProblem);
        var sex = Waymark.People.Sex.NotKnown;
        if (!string.IsNullOrEmpty(Sex) && (!Enum.TryParse(Sex, out sex) || !Enum.IsDefined(sex)))
            ModelState.AddModelError(nameof(Sex), "Select their sex from the list");
        if (!string.IsNullOrWhiteSpace(NhsNumber) && !Identifiers.NhsNumber.IsValid(NhsNumber))
            ModelState.AddModelError(nameof(NhsNumber), "Enter a valid NHS number: 10 numbers, like 943 476 5919");
        else if (Identifiers.NhsNumber.IsPlaceholder(NhsNumber))
            ModelState.AddModelError(nameof(NhsNumber), Identifiers.NhsNumber.PlaceholderMessage);
        if (!string.IsNullOrWhiteSpace(PncId) && !Identifiers.PncId.IsValid(PncId))
            ModelState.AddModelError(nameof(PncId), "Enter a valid PNC ID, like 2001/0000023C (year, serial number and check letter)");
        if (!string.IsNullOrWhiteSpace(Postcode) && !UkPostcode.IsValid(Postcode))
            ModelState.AddModelError(nameof(Postcode), "Enter a real postcode, like NS1 4AB");
        var dobAbsence = Reason(DateOfBirthAbsence, nameof(DateOfBirthAbsence), PersonField.DateOfBirth, dob is not null);
        var nhsAbsence = Reason(NhsNumberAbsence, nameof(NhsNumberAbsence), PersonField.NhsNumber, !string.IsNullOrWhiteSpace(NhsNumber));
        var pncAbsence = Reason(PncIdAbsence, nameof(PncIdAbsence), PersonField.PncId, !string.IsNullOrWhiteSpace(PncId));
        var addressAbsence = Reason(AddressAbsence, nameof(AddressAbsence), PersonField.Address, !string.IsNullOrWhiteSpace(Postcode));
        if (!ModelState.IsValid) return Page();

        Draft.GivenName = string.IsNullOrWhiteSpace(GivenName) ? null : GivenName.Trim();
        Draft.FamilyName = FamilyName!.Trim();
        Draft.DateOfBirth = dob;
        Draft.Sex = sex;
        Draft.NhsNumber = Identifiers.NhsNumber.Normalise(NhsNumber);
        Draft.PncId = Identifiers.PncId.Normalise(PncId);
        Draft.Postcode = UkPostcode.Normalise(Postcode);
        (Draft.DateOfBirthAbsence, Draft.NhsNumberAbsence, Draft.PncIdAbsence, Draft.AddressAbsence) = (dobAbsence, nhsAbsence, pncAbsence, addressAbsence);
        // New details mean the earlier match decision no longer holds.
        Draft.ExistingPersonId = null;
        Draft.IsNewPerson = false;
        await Db.SaveChangesAsync(ct);
        return Next("matches");
    }

    /// <summary>The reason posted for an empty detail, refused when it is not one the detail allows or says "has none"
    /// beside a value (the same rules as <see cref="PersonDetails.Validate"/>); null while the detail has a value.</summary>
    private Absence? Reason(string? posted, string key, PersonField field, bool hasValue)
    {
        var chosen = Choices.Absence(posted, ModelState, key, field);
        if (chosen is not { } a) return null;
        if (!Absent.IsAllowed(field, a)) ModelState.AddModelError(key, $"Choose why there is no {PersonDetails.Describe(field)} from the list");
        else if (a == Absence.None && hasValue)
            ModelState.AddModelError(key, $"You entered their {PersonDetails.Describe(field)} and chose “{Absent.Label(field, a)}”. Remove one of them");
        return hasValue ? null : a;
    }
}
