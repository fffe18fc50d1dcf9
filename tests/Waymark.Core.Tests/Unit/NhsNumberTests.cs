using Waymark.Core.Tests.Support;
using Waymark.Identifiers;

namespace Waymark.Core.Tests.Unit;

public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")] // 9·10+4·9+3·8+4·7+7·6+6·5+5·4+9·3+1·2 = 299; 299 mod 11 = 2; 11−2 = 9
    [InlineData("9999999999")] // 9·54 = 486; 486 mod 11 = 2; 11−2 = 9
    [InlineData("4010232137")] // remainder 4 → 7
    [InlineData("1000000001")] // 10 mod 11 = 10 → 11−10 = 1
    [InlineData("0000000000")] // remainder 0 → 11 → check digit 0
    public void Accepts_a_number_whose_last_digit_is_the_modulus_11_check_digit(string nhs)
    {
        Assert.True(NhsNumber.IsValid(nhs));
    }

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData(" 943 476-5919 ")]
    public void Accepts_the_spaces_and_dashes_people_type(string typed)
    {
        Assert.True(NhsNumber.IsValid(typed));
        Assert.Equal("9434765919", NhsNumber.Normalise(typed));
    }

    [Theory]
    [InlineData("9434765918")]
    [InlineData("9434765910")]
    [InlineData("9999999990")]
    public void Refuses_a_wrong_check_digit(string nhs)
    {
        Assert.False(NhsNumber.IsValid(nhs));
    }

    [Theory]
    [InlineData("943476591")]   // 9 digits
    [InlineData("94347659190")] // 11 digits
    [InlineData("94347659l9")]  // a letter l for a one
    [InlineData("ABCDEFGHIJ")]
    [InlineData("943.476.5919")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Refuses_anything_that_is_not_ten_digits(string? input)
    {
        Assert.False(NhsNumber.IsValid(input));
        Assert.Null(NhsNumber.Normalise(input));
    }

    [Theory]
    [InlineData("123456789")] // 1·10+2·9+…+9·2 = 210; 210 mod 11 = 1; 11−1 = 10
    [InlineData("100000001")]
    public void Refuses_every_number_whose_check_digit_would_be_10(string nineDigits)
    {
        Assert.Null(TestNhsNumbers.CheckDigitFor(nineDigits)); // the rule itself says 10
        Assert.Null(NhsNumber.CheckDigit(nineDigits));
        for (var last = 0; last <= 9; last++)
            Assert.False(NhsNumber.IsValid(nineDigits + last), $"{nineDigits}{last} should be invalid");
    }

    [Fact]
    public void Agrees_with_an_independent_modulus_11_calculation_across_many_numbers()
    {
        var rng = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var nine = rng.Next(0, 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            var expected = TestNhsNumbers.CheckDigitFor(nine);
            Assert.Equal(expected, NhsNumber.CheckDigit(nine));
            for (var last = 0; last <= 9; last++)
                Assert.Equal(expected == last, NhsNumber.IsValid(nine + last));
        }
    }

    [Fact]
    public void Formats_ten_digits_in_the_3_3_4_groups_used_on_NHS_letters()
    {
        Assert.Equal("943 476 5919", NhsNumber.Format("9434765919"));
    }

    [Theory]
    [InlineData("999 999 9999")]
    [InlineData("0000000000")]
    [InlineData("012 345 6789")]
    [InlineData("555-555-5555")]
    public void Numbers_typed_when_the_real_one_is_not_known_pass_modulus_11_but_are_placeholders(string typed)
    {
        Assert.True(NhsNumber.IsValid(typed), $"{typed} passes the check digit, which is why it needs its own rule");
        Assert.True(NhsNumber.IsPlaceholder(typed));
        Assert.False(NhsNumber.IsUsable(typed));
    }

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("9990000018")]
    public void Ordinary_and_test_range_numbers_are_not_placeholders(string typed)
    {
        Assert.False(NhsNumber.IsPlaceholder(typed));
        Assert.Equal(NhsNumber.IsValid(typed), NhsNumber.IsUsable(typed));
    }

    [Fact]
    public void Twenty_unrelated_people_sharing_999_999_9999_are_never_matched_by_it()
    {
        var engine = new Waymark.Matching.MatchEngine(Waymark.Matching.MatchModel.Default());
        var people = Enumerable.Range(0, 20).Select(i => engine.Prepare(new Waymark.Matching.MatchRecord
        {
            Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            GivenNames = new[] { "Ada", "Bo", "Cy", "Di", "Ed" }[i % 5] + "x" + (char)('a' + i),
            FamilyName = "Person" + (char)('a' + i) + (char)('k' + i),
            NhsNumber = "9999999999",
        })).ToList();
        var definite = 0;
        for (var a = 0; a < people.Count; a++)
            for (var b = a + 1; b < people.Count; b++)
                if (engine.Classify(engine.Score(people[a], people[b])) == Waymark.Matching.MatchOutcome.DefiniteMatch) definite++;
        Assert.Equal(0, definite);
    }
}
