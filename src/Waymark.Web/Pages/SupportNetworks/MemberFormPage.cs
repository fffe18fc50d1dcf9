using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.SupportNetworks;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.SupportNetworks;

/// <summary>The form of a support-network member, shared by adding and changing one: reads it into a <see cref="SupportNetworkInput"/>.</summary>
public abstract class MemberFormPage : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? RelationshipWords { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Address { get; set; }
    /// <summary>"yes" or "no".</summary>
    [BindProperty] public string? ConsentToContact { get; set; }
    /// <summary>"true" when ticked.</summary>
    [BindProperty] public List<string> DoNotContact { get; set; } = [];
    [BindProperty] public string? DoNotContactReason { get; set; }
    /// <summary>"carer" and "appropriate-adult" when ticked.</summary>
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? Notes { get; set; }

    public List<SelectListItem> RelationshipItems { get; } =
        [new("Select a relationship", ""), .. Relationships.All.Select(r => new SelectListItem(Relationships.Display(r), r.ToString()))];
    public List<SelectListItem> ConsentItems { get; } = [new("Yes, they agree to us contacting this person", "yes"), new("No", "no")];
    public List<SelectListItem> DoNotContactItems { get; } = [new("Do not contact this person", "true")];
    public List<SelectListItem> RoleItems { get; } = [new("They are the person's carer", "carer"), new("They are, or have been, the person's appropriate adult", "appropriate-adult")];

    /// <summary>Fills the form from a member.</summary>
    protected void From(SupportNetworkMember m)
    {
        (Name, Relationship, RelationshipWords, Phone, Email, Address) = (m.Name, m.Relationship.ToString(), m.RelationshipWords, m.Phone, m.Email, m.Address);
        ConsentToContact = m.ConsentToContact ? "yes" : "no";
        DoNotContact = m.DoNotContact ? ["true"] : [];
        DoNotContactReason = m.DoNotContactReason;
        Roles = [.. m.IsCarer ? new[] { "carer" } : [], .. m.IsAppropriateAdult ? new[] { "appropriate-adult" } : []];
        Notes = m.Notes;
    }

    /// <summary>Reads the form and puts every problem on the model state.</summary>
    protected SupportNetworkInput Read()
    {
        var input = new SupportNetworkInput(Name, Choices.Enum<Relationship>(Relationship), RelationshipWords, Phone, Email, Address,
            ConsentToContact switch { "yes" => true, "no" => false, _ => null }, DoNotContact.Contains("true"), DoNotContactReason,
            Roles.Contains("carer"), Roles.Contains("appropriate-adult"), Notes);
        AddProblems(input.Validate());
        return input;
    }

    /// <summary>Puts problems on the form, one per field.</summary>
    protected void AddProblems(IEnumerable<(string Field, string Message)> problems) => ModelState.AddProblems(problems);
}
