using Microsoft.AspNetCore.Mvc.ModelBinding;
using Waymark.Web.Forms;

namespace Waymark.Web.Tests;

/// <summary>A service's validation failure lands on the form: every problem, each on the page's own input.</summary>
public class ValidationProblemsTests
{
    [Fact]
    public void Each_problem_goes_on_the_pages_key_for_its_field_in_order()
    {
        var failure = new ValidationFailedException([new("At", "The date cannot be in the future"), new("Note", "Note must be 2,000 characters or fewer"), new("Other", "Something else")]);
        var state = new ModelStateDictionary();

        state.AddProblems(failure, f => f switch { "At" => "When", "Note" => "Note", _ => "" });

        Assert.Equal("The date cannot be in the future", Assert.Single(state["When"]!.Errors).ErrorMessage);
        Assert.Equal("Note must be 2,000 characters or fewer", Assert.Single(state["Note"]!.Errors).ErrorMessage);
        Assert.Equal("Something else", Assert.Single(state[""]!.Errors).ErrorMessage);
        Assert.Equal(3, state.ErrorCount);
    }

    [Fact]
    public void Without_a_mapping_the_services_field_is_the_key()
    {
        var state = new ModelStateDictionary();
        state.AddProblems(ValidationFailedException.For("Input.Name", "Enter the service's name"));
        Assert.Equal("Enter the service's name", Assert.Single(state["Input.Name"]!.Errors).ErrorMessage);
    }
}
