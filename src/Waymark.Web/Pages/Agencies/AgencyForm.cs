using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Liaison;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Agencies;

/// <summary>The agency form as typed: text everywhere, so nothing typed is lost when the form comes back with errors.</summary>
public class AgencyForm
{
    /// <summary>The version the form was loaded at (changing only).</summary>
    public string? Version { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    /// <summary>The agency's own code (<see cref="CriminalJusticeAgency.Code"/>): named so because it is free text, not one of Waymark's codes or ids.</summary>
    public string? Identifier { get; set; }
    public string? SecureEmail { get; set; }
    public string? Telephone { get; set; }
    public string? Address { get; set; }
    public string? Notes { get; set; }

    /// <summary>The kinds, in the order a form offers them.</summary>
    public static List<SelectListItem> KindItems() => AgencyKinds.All.Select(k => new SelectListItem(AgencyKinds.Display(k), k.ToString())).ToList();

    /// <summary>The form filled from a stored agency.</summary>
    public static AgencyForm From(CriminalJusticeAgency a) => new()
    {
        Version = a.Version.ToString(), Kind = a.Kind.ToString(), Name = a.Name, Identifier = a.Code, SecureEmail = a.SecureEmail,
        Telephone = a.Telephone, Address = a.Address, Notes = a.Notes,
    };

    /// <summary>What was typed, for the service (an unknown kind is null, which the service reports).</summary>
    public AgencyInput ToInput() => new(Choices.Enum<AgencyKind>(Kind), Name, Identifier, SecureEmail, Telephone, Address, Notes);
}
