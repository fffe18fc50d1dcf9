using Waymark.Liaison;

namespace Waymark.Core.Tests.Liaison;

/// <summary>The agencies file (CSV): what is written reads back the same; bad rows are reported by their line.</summary>
public class AgencyFileTests
{
    private static CriminalJusticeAgency Agency(string name, AgencyKind kind = AgencyKind.CustodySuite) => new()
    {
        Name = name, Kind = kind, CreatedByUserId = "u", Code = "NSC1", SecureEmail = "custody@police.cjsm.invalid", Telephone = "01632 960101",
        Address = "Central Police Station\nQuay Road, Northtown", Notes = "Ask for the \"duty\" sergeant",
    };

    [Fact]
    public void What_is_written_reads_back_the_same_quotes_new_lines_commas_and_formulas_too()
    {
        var formula = Agency("=HYPERLINK(\"http://evil.invalid\")", AgencyKind.Prison);
        var retired = Agency("Old custody suite");
        retired.RetiredAt = DateTimeOffset.UtcNow;
        var csv = AgencyFile.Write([Agency("Northshire Central custody suite"), formula, retired]);

        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        var (rows, problems) = AgencyFile.Parse(csv);
        Assert.Empty(problems);
        Assert.Equal(["Northshire Central custody suite", "=HYPERLINK(\"http://evil.invalid\")", "Old custody suite"], rows.Select(r => r.Input.Name));
        Assert.Equal("Central Police Station\nQuay Road, Northtown", rows[0].Input.Address);
        Assert.Equal("Ask for the \"duty\" sergeant", rows[0].Input.Notes);
        Assert.Equal(AgencyKind.Prison, rows[1].Input.Kind);
        Assert.Equal([false, false, true], rows.Select(r => r.Retired));
        // A quoted address over two lines: the next row starts two lines on.
        Assert.Equal([2, 4, 6], rows.Select(r => r.Line));
    }

    [Fact]
    public void Bad_rows_are_reported_with_the_line_they_start_on()
    {
        var csv = "kind,name,retired\n"
            + "custody-suite,\"Two\nline name\",\n"
            + "spaceship,Nowhere,\n"
            + "prison,HMP Example,perhaps\n"
            + "crown-court,\"Unclosed,\n";
        var (rows, problems) = AgencyFile.Parse(csv);
        Assert.Single(rows);
        Assert.Contains(problems, p => p.Line == 4 && p.Message.Contains("\"spaceship\" is not a kind of agency", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 5 && p.Message.Contains("Retired must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 6);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("name\nSomewhere\n", "no \"kind\" column")]
    [InlineData("kind,name,colour\ncps,CPS,blue\n", "Unknown column \"colour\"")]
    [InlineData("kind,name\n", "header but no agencies")]
    public void A_file_of_the_wrong_shape_says_so(string csv, string expected)
    {
        var (rows, problems) = AgencyFile.Parse(csv);
        Assert.Empty(rows);
        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }
}
