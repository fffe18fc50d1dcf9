using Waymark.Support;

namespace Waymark.Core.Tests.Unit;

/// <summary>The one email check shared by a person's details and their support network (<see cref="EmailAddresses"/>).</summary>
public class EmailAddressesTests
{
    [Theory]
    [InlineData("sam.okafor@example.invalid", true)]
    [InlineData("sam@example.invalid", true)]
    [InlineData("sam@localhost", false)]                    // no dot anywhere
    [InlineData("Sam <sam@example.invalid>", false)]        // a display name: not exactly the address
    [InlineData("not an address", false)]
    [InlineData("sam@", false)]
    public void An_address_is_read_as_exactly_itself_with_a_dot(string email, bool valid)
    {
        Assert.Equal(valid, EmailAddresses.IsValid(email));
        Assert.Equal(valid ? null : "Enter an email address in the correct format, like name@example.com", EmailAddresses.Problem(email));
    }

    [Fact]
    public void An_address_longer_than_254_characters_is_refused()
    {
        var local = new string('a', 64);
        var atLimit = local + "@" + new string('b', 254 - 64 - 1 - 8) + ".invalid";
        Assert.Equal(254, atLimit.Length);
        Assert.True(EmailAddresses.IsValid(atLimit));
        Assert.False(EmailAddresses.IsValid("a" + atLimit));
    }
}
