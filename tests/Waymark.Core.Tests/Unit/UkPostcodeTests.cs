using Waymark.People;
using Waymark.ServiceDirectory;

namespace Waymark.Core.Tests.Unit;

/// <summary>Postcodes as people type them: every form of a real one is read, and shown in one normal form.</summary>
public class UkPostcodeTests
{
    [Theory]
    [InlineData("NS1 4AB", "NS1 4AB")]
    [InlineData("NS1  4AB", "NS1 4AB")] // two spaces
    [InlineData("ns14ab", "NS1 4AB")]
    [InlineData(" NS1 4AB ", "NS1 4AB")]
    [InlineData("ns1\t4ab", "NS1 4AB")]
    [InlineData("N S 1 4 A B", "NS1 4AB")]
    [InlineData("ec1a1bb", "EC1A 1BB")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("m11ae", "M1 1AE")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN55 1PT", "DN55 1PT")]
    [InlineData("gir0aa", "GIR 0AA")]
    [InlineData("GIR 0AA", "GIR 0AA")]
    [InlineData("BFPO 1234", "BFPO 1234")]
    [InlineData("bfpo1234", "BFPO 1234")]
    [InlineData("BFPO  57", "BFPO 57")]
    [InlineData("BFPO 1", "BFPO 1")]
    public void Every_form_of_a_real_postcode_is_read_into_one_normal_form(string typed, string normal)
    {
        Assert.True(UkPostcode.IsValid(typed));
        Assert.Equal(normal, UkPostcode.Normalise(typed));
        Assert.Equal(normal, UkPostcode.Normalise(normal)); // the normal form is stable
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("NS1")]
    [InlineData("NS1 4A")]
    [InlineData("4AB NS1")]
    [InlineData("GIR 1AA")]
    [InlineData("BFPO")]
    [InlineData("BFPO 12345")]
    [InlineData("BFPO ABC")]
    [InlineData("SW1A-1AA")]
    [InlineData("90210")]
    public void Anything_else_is_not_a_postcode(string? typed)
    {
        Assert.False(UkPostcode.IsValid(typed));
        Assert.Null(UkPostcode.Normalise(typed));
    }

    [Theory]
    [InlineData("ns1  4ab", "NS1")]
    [InlineData("EC1A1BB", "EC1A")]
    [InlineData("GIR 0AA", "GIR")]
    [InlineData("BFPO 1234", "BFPO")]
    public void The_outward_code_and_the_directory_district_come_from_the_same_reading(string typed, string outward)
    {
        Assert.Equal(outward, UkPostcode.OutwardCode(typed));
        Assert.Equal(outward, Place.DistrictOf(typed));
        Assert.Equal(outward, Place.Parse(typed)!.District);
    }

    [Fact]
    public void A_persons_postcode_is_stored_in_the_normal_form_whatever_was_typed()
    {
        var person = new Person { GivenName = "A", FamilyName = "B", CreatedBy = "test" };
        var details = new PersonDetails { GivenName = "Ada", FamilyName = "Example", Postcode = " ns1  4ab " };
        Assert.Empty(details.Validate(new DateOnly(2026, 11, 30)));
        details.ApplyTo(person);
        Assert.Equal("NS1 4AB", person.Postcode);

        var forces = new PersonDetails { GivenName = "Ada", FamilyName = "Example", Postcode = "bfpo1234" };
        Assert.Empty(forces.Validate(new DateOnly(2026, 11, 30)));
        forces.ApplyTo(person);
        Assert.Equal("BFPO 1234", person.Postcode);
    }
}
