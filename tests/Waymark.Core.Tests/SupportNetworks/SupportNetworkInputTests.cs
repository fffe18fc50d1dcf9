using Waymark.SupportNetworks;

namespace Waymark.Core.Tests.SupportNetworks;

/// <summary>The support-network member's own rules: consent to contact cannot go with "do not contact".</summary>
public sealed class SupportNetworkInputTests
{
    private static SupportNetworkInput Input(bool? consent, bool doNotContact) =>
        new("Gary Demo-Ex", Relationship.Partner, null, "01632 960 123", null, null, consent, doNotContact, doNotContact ? "Ex-partner" : null, false, false, null);

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    [InlineData(true, false, false)]
    [InlineData(false, false, false)]
    public void Consent_to_contact_with_do_not_contact_is_a_problem_on_the_consent(bool consent, bool doNotContact, bool refused)
    {
        var problems = Input(consent, doNotContact).Validate().ToList();
        Assert.Equal(refused, problems.Contains((nameof(SupportNetworkInput.ConsentToContact), SupportNetworkInput.ConsentWithDoNotContact)));
        if (!refused) Assert.Empty(problems);
    }
}
