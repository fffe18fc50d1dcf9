using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Instruments;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Screening;

/// <summary>The instruments this service has loaded, with their source and licence, and each as a FHIR Questionnaire.</summary>
[ShowsNoPersonData("The instrument definitions, not anyone's answers.")]
public class LibraryModel(InstrumentCatalogue catalogue) : PageModel
{
    public InstrumentCatalogue Catalogue => catalogue;

    public void OnGet() { }

    public IActionResult OnGetFhir(string id)
    {
        var def = catalogue.Find(id ?? "");
        if (def is null) return NotFound();
        return Content(InstrumentFhir.ToQuestionnaire(def).ToJson(pretty: true), "application/fhir+json");
    }
}
