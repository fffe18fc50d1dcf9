using Waymark.People;

namespace Waymark.Core.Tests.Unit;

/// <summary>One rule for a plausible date of birth (DateLimits.DateOfBirthProblem), and stored dates are left alone.</summary>
public class DateOfBirthRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Theory]
    [InlineData("1985-03-12", null)]
    [InlineData("2026-11-30", null)] // born today
    [InlineData("1906-11-30", null)] // exactly 120 years
    [InlineData("1906-11-29", "Date of birth must be within the last 120 years (on or after 30 November 1906)")]
    [InlineData("1903-01-02", "Date of birth must be within the last 120 years (on or after 30 November 1906)")]
    [InlineData("2026-12-01", "Date of birth must be in the past")]
    public void A_date_of_birth_is_plausible_when_not_in_the_future_and_within_120_years(string dob, string? problem)
    {
        Assert.Equal(problem, DateLimits.DateOfBirthProblem(DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture), Today));
    }

    private static Person Stored(DateOnly? dob, params DateOnly[] others)
    {
        var p = new Person { GivenName = "Edith", FamilyName = "Example", DateOfBirth = dob, CreatedBy = "test" };
        p.OtherDatesOfBirth.AddRange(others.Select(d => new PersonOtherDateOfBirth { PersonId = p.Id, DateOfBirth = d }));
        return p;
    }

    [Fact]
    public void A_record_already_holding_an_out_of_rule_date_can_still_be_saved_with_a_new_phone_number()
    {
        var person = Stored(new DateOnly(1903, 1, 2), new DateOnly(1903, 2, 1));
        var details = PersonDetails.From(person) with { Phone = "07700 900123" };

        Assert.Empty(details.Validate(Today, person));
    }

    [Fact]
    public void Changing_a_date_of_birth_to_an_out_of_rule_one_is_refused_by_the_same_rule()
    {
        var person = Stored(new DateOnly(1985, 3, 12));
        var details = PersonDetails.From(person) with { DateOfBirth = new DateOnly(1903, 1, 2) };

        Assert.Equal([("DateOfBirth", DateLimits.DateOfBirthProblem(new DateOnly(1903, 1, 2), Today)!)], details.Validate(Today, person));
        Assert.Equal([("DateOfBirth", DateLimits.DateOfBirthProblem(new DateOnly(1903, 1, 2), Today)!)], details.Validate(Today)); // a new person too
    }

    [Fact]
    public void Other_dates_of_birth_follow_the_same_rule_unless_already_recorded()
    {
        var person = Stored(new DateOnly(1985, 3, 12), new DateOnly(1899, 5, 5));
        var kept = PersonDetails.From(person);
        Assert.Empty(kept.Validate(Today, person));

        var added = kept with { OtherDatesOfBirth = [.. kept.OtherDatesOfBirth, new DateOnly(1850, 1, 1)] };
        var problem = Assert.Single(added.Validate(Today, person));
        Assert.Equal("OtherDatesOfBirth", problem.Field);
        Assert.StartsWith("Other date of birth 01/01/1850 must be within the last 120 years", problem.Message);

        var future = kept with { OtherDatesOfBirth = [new DateOnly(2027, 1, 1)] };
        Assert.Equal("Other date of birth 01/01/2027 must be in the past", Assert.Single(future.Validate(Today, person)).Message);
    }
}
