using Waymark.People;
using Waymark.ProactiveIdentification;

namespace Waymark.Core.Tests.ProactiveIdentification;

/// <summary>Reading custody and court lists: <see cref="CustodyListCsv.Parse"/> and <see cref="ListRowReader.Read"/>.</summary>
public class CustodyListCsvTests
{
    private static readonly DateOnly Day = new(2026, 11, 30);
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static ListParseResult Parse(string text) => CustodyListCsv.Parse(text, Day, Today);

    [Fact]
    public void A_file_with_a_byte_order_mark_headers_in_any_case_and_order_and_aliases_is_read()
    {
        var text = "\uFEFFSurname,FORENAMES, D.O.B ,Custody Record Number,sex,Post code,PNC,NHS No,Time,Offence,Comments,Cell\r\n"
                   + "Example,Alex,27/03/1990,NS-0001,F,ns1 4ab,2001/23P,943 476 5919,02:15,Theft,\"Calm, asked for a solicitor\",C4\r\n";

        var result = Parse(text);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var row = Assert.Single(result.Rows);
        Assert.Equal(("Example", "Alex", new DateOnly(1990, 3, 27), "NS-0001", Sex.Female), (row.FamilyName, row.GivenNames, row.DateOfBirth, row.Reference, row.Sex));
        Assert.Equal("NS1 4AB", row.Postcode);
        Assert.Equal("2001/0000023P", row.PncId);
        Assert.Equal("9434765919", row.NhsNumber);
        Assert.Equal("Calm, asked for a solicitor", row.Notes); // a quoted comma stays in the field
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 2, 15, 0, TimeSpan.Zero), row.TimeIn); // GMT in November
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_and_reason_and_no_row_is_kept_back_silently()
    {
        var text = "family name,given names,date of birth,nhs number,sex\n"
                   + "Good,One,01/01/1990,,M\n"
                   + "\n" // a blank line is skipped but still counted
                   + "Bad,Date,31/02/1990,,M\n"
                   + "Bad,Nhs,01/01/1990,943 476 5918,M\n"
                   + ",No family name,01/01/1990,,Q\n";

        var result = Parse(text);

        Assert.False(result.Succeeded);
        Assert.Equal(
        [
            "Line 4: The date of birth must be a real date like 27/03/1990",
            "Line 5: The NHS number must be 10 digits with the right check digit",
            "Line 6: Enter the family name",
            "Line 6: Sex must be M, F, X (not specified) or U (not known)",
        ], result.Problems.Select(p => p.ToString()));
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("31/02", StringComparison.Ordinal)); // no values in messages
    }

    [Fact]
    public void A_date_of_birth_in_the_future_is_judged_by_the_one_rule()
    {
        var result = Parse("family name,date of birth\nLater,01/01/2030\n");

        Assert.Equal("Line 2: Date of birth must be in the past", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Rows_pasted_from_a_spreadsheet_without_a_header_are_read_tab_separated_in_the_documented_order()
    {
        var text = "NS-0002\tSample\tJo\t1/2/2010\tf\tNFA\t\t\t14:30\tCriminal damage\tsaid \"fine\"\r\n\r\n"
                   + "NS-0003\tTest\tSam\t2005-06-07\tmale\tNS2 1AA\t\t\t\t\t\r\n";

        var result = Parse(text);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(2, result.Rows.Count);
        var jo = result.Rows[0];
        Assert.Equal(("Sample", "Jo", new DateOnly(2010, 2, 1), Sex.Female, (string?)ProactiveListRow.NoFixedAbode), (jo.FamilyName, jo.GivenNames, jo.DateOfBirth, jo.Sex, jo.Postcode));
        Assert.Equal("said \"fine\"", jo.Notes); // a stray quote in pasted text is text
        Assert.Equal(3, result.Rows[1].Line);
    }

    [Fact]
    public void An_empty_text_a_header_alone_and_an_unclosed_quote_are_refused_with_a_reason()
    {
        Assert.Equal("The list is empty. It needs at least one person.", Assert.Single(Parse(" \r\n \n").Problems).Message);
        Assert.Equal("The list has a header but no people.", Assert.Single(Parse("Surname,Forename\n").Problems).Message);
        var unclosed = Assert.Single(Parse("surname,notes\nExample,\"never closed\nOther,x\n").Problems);
        Assert.Contains("quotes", unclosed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_the_row_limit_is_refused_as_a_whole()
    {
        var text = "surname\n" + string.Concat(Enumerable.Range(0, CustodyListCsv.MaxRows + 1).Select(i => $"Person{i}\n"));

        var result = Parse(text);

        Assert.Empty(result.Rows);
        Assert.Equal($"The list has more than {CustodyListCsv.MaxRows:N0} people. Split it into smaller lists.", Assert.Single(result.Problems).Message);
    }

    [Theory]
    [InlineData("Date of Birth", ListColumn.DateOfBirth)]
    [InlineData("date_of_birth", ListColumn.DateOfBirth)]
    [InlineData(" DOB ", ListColumn.DateOfBirth)]
    [InlineData("Case Number", ListColumn.Reference)]
    [InlineData("Last name", ListColumn.FamilyName)]
    [InlineData("PNC ID", ListColumn.PncId)]
    [InlineData("Booked in", ListColumn.TimeIn)]
    [InlineData("Cell", null)]
    public void Headers_are_matched_ignoring_case_spaces_and_punctuation(string header, ListColumn? column) =>
        Assert.Equal(column, CustodyListCsv.ColumnOf(header));

    [Fact]
    public void A_time_with_its_own_date_and_a_time_in_summer_are_read_as_UK_time()
    {
        var (row, problems) = ListRowReader.Read(1, new ListRowText { FamilyName = "Example", TimeIn = "29/11/2026 23:50" }, Day, Today);
        Assert.Empty(problems);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 23, 50, 0, TimeSpan.Zero), row!.TimeIn);

        var (summer, _) = ListRowReader.Read(1, new ListRowText { FamilyName = "Example", TimeIn = "09:00" }, new DateOnly(2026, 7, 1), Today);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), summer!.TimeIn); // BST
    }

    [Fact]
    public void A_time_in_more_than_15_minutes_in_the_future_is_refused_on_todays_list_typed_or_imported()
    {
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero); // 12:00 GMT
        var (late, problems) = ListRowReader.Read(1, new ListRowText { FamilyName = "Example", TimeIn = "12:16" }, Day, Today, now);
        Assert.Null(late);
        Assert.Equal(("TimeIn", "The time in cannot be in the future"), (problems.Single().Field, problems.Single().Message));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 15, 0, TimeSpan.Zero),
            ListRowReader.Read(1, new ListRowText { FamilyName = "Example", TimeIn = "12:15" }, Day, Today, now).Row!.TimeIn);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero),
            ListRowReader.Read(1, new ListRowText { FamilyName = "Example", TimeIn = "23:00" }, Day, Today.AddDays(-1), now).Row!.TimeIn); // a court list for tomorrow

        var imported = CustodyListCsv.Parse("Family name,Time in\nExample,18:30\n", Day, Today, now);
        Assert.False(imported.Succeeded);
        Assert.Contains(imported.Problems, p => p.Message.Contains("cannot be in the future", StringComparison.Ordinal));
    }

    [Fact]
    public void A_typed_row_reports_every_problem_by_field()
    {
        var (row, problems) = ListRowReader.Read(0, new ListRowText { FamilyName = " ", DateOfBirth = "1990", Postcode = "nowhere", PncId = "2001/23B", TimeIn = "25:00" }, Day, Today);

        Assert.Null(row);
        Assert.Equal(["FamilyName", "DateOfBirth", "Postcode", "PncId", "TimeIn"], problems.Select(p => p.Field));
    }
}

/// <summary>The synthetic sample list in tests/data reads without a problem.</summary>
public class CustodyListSampleTests
{
    [Fact]
    public void The_sample_list_reads_without_a_problem()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "tests", "data", "custody-list-sample.csv"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var text = File.ReadAllText(Path.Combine(dir.FullName, "tests", "data", "custody-list-sample.csv"));

        var result = CustodyListCsv.Parse(text, new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(5, result.Rows.Count);
        Assert.Equal("Says \"no one listens\"", result.Rows[4].Notes);
    }
}
