using Waymark.Core.Tests.Support;
using Waymark.People;

namespace Waymark.Core.Tests.Unit;

public class AgeTests
{
    [Theory]
    [InlineData("2008-06-15", "2026-06-14", 17)] // the day before the 18th birthday
    [InlineData("2008-06-15", "2026-06-15", 18)] // on the birthday
    [InlineData("2008-06-15", "2026-06-16", 18)]
    [InlineData("2008-12-31", "2026-01-01", 17)] // birthday late in the year
    [InlineData("2008-01-01", "2025-12-31", 17)]
    [InlineData("2008-01-01", "2026-01-01", 18)]
    [InlineData("2026-03-02", "2026-03-02", 0)]  // born today
    public void Age_goes_up_on_the_birthday_and_not_before(string dob, string day, int age)
    {
        Assert.Equal(age, Age.On(DateOnly.Parse(dob), DateOnly.Parse(day)));
    }

    [Theory]
    [InlineData("2026-02-28", 17)] // not a leap year: 28 February is still before the birthday
    [InlineData("2026-03-01", 18)] // in law (England and Wales) a 29 February birthday falls on 1 March in other years
    [InlineData("2028-02-28", 19)]
    [InlineData("2028-02-29", 20)] // leap year: the birthday itself
    public void Someone_born_on_29_February_has_their_birthday_on_1_March_in_other_years(string day, int age)
    {
        Assert.Equal(age, Age.On(new DateOnly(2008, 2, 29), DateOnly.Parse(day)));
    }

    [Fact]
    public void A_person_without_a_date_of_birth_has_no_age()
    {
        var person = PersonBuilder.APerson().BornOn(null).Build();
        Assert.Null(person.AgeOn(new DateOnly(2026, 1, 1)));
        Assert.Equal(41, PersonBuilder.APerson().BornOn(1985, 3, 12).Build().AgeOn(new DateOnly(2026, 3, 12)));
    }
}
