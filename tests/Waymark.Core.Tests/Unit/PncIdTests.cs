using Waymark.Identifiers;

namespace Waymark.Core.Tests.Unit;

public class PncIdTests
{
    private const string Letters = "ZABCDEFGHJKLMNPQRTUVWXY";

    /// <summary>The check letter worked out here from the published rule, not by the code under test.</summary>
    private static char Expected(int yy, long serial) => Letters[(int)((yy * 10_000_000L + serial) % 23)];

    [Theory]
    [InlineData("2001/0000023P")] // 1·10^7 + 23 = 10000023; mod 23 = 14 → P
    [InlineData("2001/1234567K")] // 11234567 mod 23 = 10 → K
    [InlineData("1999/9999999V")] // 999999999 mod 23 = 19 → V
    [InlineData("2024/0000042K")] // 240000042 mod 23 = 10 → K
    [InlineData("2000/0000000Z")] // 0 → Z
    [InlineData("1985/0001234J")] // 850001234 mod 23 = 9 → J
    public void Accepts_a_PNC_ID_whose_check_letter_fits_the_year_and_serial(string pnc)
    {
        Assert.True(PncId.IsValid(pnc));
        Assert.Equal(pnc, PncId.Normalise(pnc));
    }

    [Theory]
    [InlineData("2001/0000023A")]
    [InlineData("2001/1234567P")]
    [InlineData("2000/0000000A")]
    public void Refuses_a_wrong_check_letter(string pnc)
    {
        Assert.False(PncId.IsValid(pnc));
    }

    [Theory]
    [InlineData("2001/23p", "2001/0000023P")]
    [InlineData("  2001/0000023p ", "2001/0000023P")]
    [InlineData("1985/1234j", "1985/0001234J")]
    public void Lower_case_and_short_serials_are_normalised_to_the_full_form(string typed, string normal)
    {
        Assert.Equal(normal, PncId.Normalise(typed));
        Assert.True(PncId.IsValid(typed));
    }

    [Theory]
    [InlineData("01/23P")]           // two-digit year
    [InlineData("2001-0000023P")]    // wrong separator
    [InlineData("2001/00000023P")]   // eight-digit serial
    [InlineData("2001/0000023")]     // no check letter
    [InlineData("2001/P")]           // no serial
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_not_shaped_like_a_PNC_ID(string? input)
    {
        Assert.Null(PncId.Normalise(input));
        Assert.False(PncId.IsValid(input));
    }

    [Fact]
    public void Exactly_one_check_letter_is_valid_for_each_year_and_serial()
    {
        var rng = new Random(23);
        for (var i = 0; i < 500; i++)
        {
            var year = rng.Next(1950, 2030);
            var serial = rng.Next(0, 10_000_000);
            var stem = $"{year}/{serial:D7}";
            var valid = Letters.Where(l => PncId.IsValid(stem + l)).ToList();
            Assert.Equal([Expected(year % 100, serial)], valid);
        }
    }
}
