using Waymark.People;

namespace Waymark.Retention;

/// <summary>Which rule of <see cref="RetentionOptions"/> decided how long a person's records are kept.</summary>
public enum RetentionRule
{
    /// <summary>Adult health record: a number of years after the last contact.</summary>
    AdultRecord = 1,
    /// <summary>Mental health record: a number of years after the last contact.</summary>
    MentalHealthRecord = 2,
    /// <summary>Child's record: until a birthday (25th, or 26th if 17 at the last contact).</summary>
    ChildRecord = 3,
    /// <summary>The person died (an episode closed for that reason): a number of years after death, when sooner than the others.</summary>
    AfterDeath = 4,
}

/// <summary>What the rules need to know about one person, read from their records.</summary>
/// <param name="DateOfBirth">Their date of birth, when known.</param>
/// <param name="LastContact">The last day the service had anything to do with them: the latest of episodes identified or closed, contacts, and the record's creation (UK date).</param>
/// <param name="HasMentalHealthRecord">Whether any of their records is a mental health record (an assessment, a formulation, a crisis plan).</param>
/// <param name="HasOpenEpisode">Whether any team has an open episode with them.</param>
/// <param name="OnLegalHold">Whether a legal hold on them stands.</param>
/// <param name="DiedOn">When an episode was closed because they died (the nearest Waymark has to a date of death), or null.</param>
public sealed record RetentionFacts(DateOnly? DateOfBirth, DateOnly LastContact, bool HasMentalHealthRecord, bool HasOpenEpisode, bool OnLegalHold, DateOnly? DiedOn = null);

/// <summary>When a person's records may be destroyed and by which rule; <see cref="Blocked"/> says why not yet, when something stops it.</summary>
/// <param name="Rule">The rule that keeps the records longest (the one that applies).</param>
/// <param name="DueOn">The first day they may be destroyed.</param>
/// <param name="Blocked">"Open episode" or "Legal hold", or null.</param>
public sealed record RetentionDecision(RetentionRule Rule, DateOnly DueOn, string? Blocked)
{
    /// <summary>Whether the records may be destroyed on <paramref name="today"/>: due and nothing blocks it.</summary>
    public bool IsDueOn(DateOnly today) => Blocked is null && DueOn <= today;
}

/// <summary>The retention rules (<see cref="RetentionOptions"/>) applied to one person's facts.</summary>
public static class RetentionRules
{
    /// <summary>
    /// Every rule that applies, and the latest date among them (keeping a record too long is the safer error): the adult
    /// rule always; the mental health rule when the person has a mental health record (every L&amp;D record, by default);
    /// the child rule when they were under 18 at the last contact. Without a date of birth the child rule cannot be
    /// applied and the others stand. When the person died, the records may go <see cref="RetentionOptions.YearsAfterDeath"/>
    /// after death if that is sooner (the Code's "or 8 years after death"), but never before the adult rule's date.
    /// </summary>
    public static RetentionDecision Decide(RetentionFacts facts, RetentionOptions options)
    {
        var rule = RetentionRule.AdultRecord;
        var due = Anniversary(facts.LastContact, options.AdultYearsAfterLastContact);
        if (facts.HasMentalHealthRecord || options.LiaisonAndDiversionRecordsAreMentalHealthRecords)
        {
            var mh = Anniversary(facts.LastContact, options.MentalHealthYearsAfterLastContact);
            if (mh > due) (rule, due) = (RetentionRule.MentalHealthRecord, mh);
        }
        if (facts.DateOfBirth is { } dob && dob <= facts.LastContact && Age.On(dob, facts.LastContact) < 18)
        {
            var birthday = Age.On(dob, facts.LastContact) == 17 ? options.ChildAged17UntilBirthday : options.ChildUntilBirthday;
            var child = Anniversary(dob, birthday);
            if (child > due) (rule, due) = (RetentionRule.ChildRecord, child);
        }
        if (facts.DiedOn is { } died)
        {
            var afterDeath = Anniversary(died, options.YearsAfterDeath);
            var floor = Anniversary(facts.LastContact, options.AdultYearsAfterLastContact);
            if (afterDeath < floor) afterDeath = floor;
            if (afterDeath < due) (rule, due) = (RetentionRule.AfterDeath, afterDeath);
        }
        var blocked = facts.OnLegalHold ? "Legal hold" : facts.HasOpenEpisode ? "Open episode" : null;
        return new RetentionDecision(rule, due, blocked);
    }

    /// <summary>
    /// The day <paramref name="years"/> after <paramref name="from"/>; from 29 February to a year without one it is
    /// 1 March, as a birthday is reckoned in England and Wales (<see cref="Age.On"/>), so never a day early.
    /// </summary>
    public static DateOnly Anniversary(DateOnly from, int years)
    {
        var year = from.Year + years;
        return from is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 3, 1) : new DateOnly(year, from.Month, from.Day);
    }

    /// <summary>"Mental health record (20 years after last contact)" for pages and the command line.</summary>
    public static string Describe(RetentionRule rule, RetentionOptions options) => rule switch
    {
        RetentionRule.AdultRecord => $"Adult health record ({options.AdultYearsAfterLastContact} years after last contact)",
        RetentionRule.MentalHealthRecord => $"Mental health record ({options.MentalHealthYearsAfterLastContact} years after last contact)",
        RetentionRule.ChildRecord => $"Child's record (until the {Ordinal(options.ChildUntilBirthday)} birthday, or {Ordinal(options.ChildAged17UntilBirthday)} if 17 at last contact)",
        RetentionRule.AfterDeath => $"After death ({options.YearsAfterDeath} years after death, when sooner; never before the adult rule)",
        _ => rule.ToString(),
    };

    private static string Ordinal(int n) => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
