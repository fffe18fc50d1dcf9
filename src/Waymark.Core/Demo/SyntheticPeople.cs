using Waymark.Episodes;
using Waymark.Identifiers;
using Waymark.People;

namespace Waymark.Demo;

/// <summary>
/// Makes up people with realistic UK names, dates of birth and identifiers. Everything is
/// synthetic: names are drawn from common-name lists and identifiers from check-digit rules.
/// </summary>
public sealed class SyntheticPeople(int seed)
{
    private readonly Random _rng = new(seed);
    // A stream of its own, so giving reasons for empty details (ADR 18) leaves every other generated value as it was.
    private readonly Random _absences = new(unchecked(seed * 31 + 17));

    internal static readonly string[] MaleNames =
    [
        "Oliver", "Jack", "Harry", "George", "Jacob", "Charlie", "Thomas", "James", "William", "Joshua",
        "Daniel", "Liam", "Connor", "Callum", "Kyle", "Ryan", "Jamie", "Lewis", "Mohammed", "Aiden",
        "Dylan", "Nathan", "Adam", "Ben", "Luke", "Sean", "Darren", "Lee", "Craig", "Wayne",
        "Stephen", "Paul", "Mark", "David", "John", "Michael", "Andrew", "Gareth", "Kieran", "Tyler",
        "Reece", "Jordan", "Kwame", "Tomasz", "Arjun", "Imran", "Declan", "Rhys", "Owen", "Ewan",
    ];

    internal static readonly string[] FemaleNames =
    [
        "Olivia", "Amelia", "Emily", "Isla", "Ava", "Jessica", "Lily", "Sophie", "Grace", "Chloe",
        "Megan", "Hannah", "Lauren", "Charlotte", "Ellie", "Amy", "Rebecca", "Leanne", "Kelly", "Michelle",
        "Sarah", "Emma", "Laura", "Gemma", "Stacey", "Danielle", "Nicola", "Claire", "Donna", "Tracey",
        "Aisha", "Fatima", "Priya", "Zoë", "Siobhan", "Niamh", "Bethany", "Kayleigh", "Chantelle", "Shannon",
        "Agnieszka", "Amara", "Ffion", "Cerys", "Mia", "Ruby", "Poppy", "Jade", "Courtney", "Natalie",
    ];

    internal static readonly string[] FamilyNames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
        "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
        "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
        "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
        "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali",
        "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight",
        "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey",
        "O'Brien", "McCarthy", "Nowak", "Kowalski", "Okafor", "Mensah", "Ahmed", "Rahman", "Gallagher", "Doherty",
    ];

    private static readonly string[] Towns = ["Northshire", "Eastbrook", "Westford", "Southam", "Kingsmere"];
    private static readonly string[] Streets = ["High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane", "The Crescent", "Queens Road"];
    private static readonly string[] PostcodeAreas = ["NS1", "NS2", "NS3", "EB4", "WF7", "SM2", "KM9"];

    private static readonly (string Source, string Reason, string[] Prompts)[] Identifications =
    [
        ("Custody sergeant", "Said he hears voices telling him he is being watched; appeared distressed at booking-in.", ["mental-health"]),
        ("Custody nurse", "Disclosed self-harm last week and has fresh cuts on forearms.", ["self-harm", "mental-health"]),
        ("Arresting officer", "Struggled to understand the caution; says he went to a special school.", ["learning-disability", "communication"]),
        ("Custody sergeant", "Sleeping rough since eviction; smells of alcohol; no food today.", ["housing", "substance-use", "money"]),
        ("Court duty solicitor", "Very anxious in the cells, says she cannot cope and has stopped her medication.", ["mental-health"]),
        ("Probation officer", "Missing appointments; thinks he may be using heroin again; debts to a dealer.", ["substance-use", "victim", "money"]),
        ("The person themselves", "Dropped in asking for help with benefits and feeling low.", ["money", "mental-health"]),
        ("Youth offending team worker", "Recent head injury from an assault; memory problems since.", ["brain-injury", "victim"]),
        ("Street triage officer", "Found on a bridge in distress; talked down by officers.", ["self-harm", "mental-health"]),
        ("Prison healthcare", "Release due next week with no address to go to.", ["housing"]),
    ];

    public Person NextPerson(DateOnly today, string createdBy, DateTimeOffset createdAt)
    {
        var female = _rng.Next(2) == 0;
        var given = Pick(female ? FemaleNames : MaleNames);
        var family = Pick(FamilyNames);
        // Ages 12–75, weighted to young adults as in custody populations.
        var age = _rng.Next(100) < 8 ? _rng.Next(12, 18) : 18 + (int)Math.Abs(NextGaussian() * 14);
        age = Math.Min(age, 75);
        var dob = today.AddYears(-age).AddDays(-_rng.Next(365));
        var nfa = _rng.Next(100) < 12;
        var person = new Person
        {
            GivenName = given,
            FamilyName = family,
            DateOfBirth = dob,
            Sex = female ? Sex.Female : Sex.Male,
            EthnicCategory = Pick(EthnicCategory.All).Code,
            FirstLanguage = _rng.Next(100) < 90 ? "English" : Pick(["Polish", "Urdu", "Romanian", "Arabic", "Welsh"]),
            Address = nfa ? null : $"{_rng.Next(1, 200)} {Pick(Streets)}, {Pick(Towns)}",
            Postcode = nfa ? null : $"{Pick(PostcodeAreas)} {_rng.Next(1, 9)}{(char)('A' + _rng.Next(26))}{(char)('A' + _rng.Next(26))}",
            NhsNumber = _rng.Next(100) < 40 ? NextNhsNumber() : null,
            PncId = _rng.Next(100) < 60 ? NextPncId(dob) : null,
            Phone = _rng.Next(100) < 60 ? $"07700 900{_rng.Next(0, 1000):000}" : null, // Ofcom drama range: never a real number
            ConsentToText = _rng.Next(2) == 0,
            Veteran = _rng.Next(100) < 4,
            CareLeaver = _rng.Next(100) < 15,
            ParentOrCarer = _rng.Next(100) < 25,
            CreatedAt = createdAt,
            CreatedBy = createdBy,
        };
        if (!Support.PhoneNumbers.IsUkMobile(person.Phone)) person.ConsentToText = false;
        // Some of each reason for an empty detail (ADR 18); no fixed abode is "has no address".
        if (!nfa && _absences.Next(100) < 8) (person.Address, person.Postcode) = (null, null); // an address not known, declined or not asked
        foreach (var field in Absent.Fields)
            if (!person.HasValue(field))
                person.SetAbsence(field, field == PersonField.Address
                    ? nfa ? Absence.None : Pick(Absent.Allowed(field).Where(a => a != Absence.None).ToList(), _absences)
                    : Pick(Absent.Allowed(field), _absences));
        if (person.GpPractice is null && person.GpPracticeAbsence != Absence.None && _absences.Next(100) < 70)
            (person.GpPractice, person.GpPracticeAbsence) = ($"{Pick(Towns, _absences)} Medical Centre", null);
        if (_rng.Next(100) < 10)
            person.Aliases.Add(new PersonAlias { GivenName = Pick(female ? FemaleNames : MaleNames), FamilyName = family });
        if (_rng.Next(100) < 8)
            person.OtherDatesOfBirth.Add(new PersonOtherDateOfBirth { DateOfBirth = dob.AddDays(_rng.Next(1, 40)) });
        person.RefreshKeys();
        return person;
    }

    /// <summary>An episode at a random point of the pathway, with milestones in time order.</summary>
    public Episode NextEpisode(Person person, Guid teamId, string userId, DateTimeOffset now, IReadOnlyList<string> keyWorkers)
    {
        var (source, reason, prompts) = Pick(Identifications);
        var identifiedAt = now.AddMinutes(-_rng.Next(30, 60 * 24 * 200));
        var age = person.DateOfBirth is { } dob ? Age.On(dob, UkTime.DateOf(identifiedAt)) : (int?)null;
        var setting = Pick(age is < 18
            ? new[] { Setting.PoliceCustody, Setting.YouthCourt, Setting.YouthOffendingTeam }
            : new[] { Setting.PoliceCustody, Setting.PoliceCustody, Setting.PoliceCustody, Setting.MagistratesCourt, Setting.CrownCourt, Setting.Probation, Setting.Prison, Setting.StreetTriage, Setting.SelfReferral, Setting.VoluntaryAttendance });
        var e = new Episode
        {
            PersonId = person.Id,
            TeamId = teamId,
            Setting = setting,
            SettingReference = setting is Setting.PoliceCustody or Setting.VoluntaryAttendance ? $"NS-{_rng.Next(100000, 999999)}" : null,
            IdentifiedBySource = source,
            IdentificationReason = reason,
            VulnerabilityPrompts = string.Join(' ', prompts),
            AgeAtIdentification = age,
            IsYouth = age is < 18,
            IdentifiedAt = identifiedAt,
            IdentifiedByUserId = userId,
            RecordedAt = identifiedAt.AddMinutes(20),
        };
        var stage = _rng.Next(100);
        var t = identifiedAt;
        if (stage >= 20) { t = t.AddHours(_rng.Next(1, 6)); e.RecordScreened(userId, t); }
        if (stage >= 40) { t = t.AddDays(_rng.Next(0, 3)); e.RecordAssessed(userId, t); }
        if (stage >= 55 && keyWorkers.Count > 0 && _rng.Next(100) < 85)
        {
            e.Allocate(Pick(keyWorkers), userId, t);
            e.PlannedEndDate = UkTime.DateOf(t).AddMonths(_rng.Next(1, 7));
        }
        if (stage >= 60) { t = t.AddDays(_rng.Next(1, 7)); if (t < now) e.StartSupport(userId, t); }
        if (stage >= 85 && t < now)
        {
            var closedAt = t.AddDays(_rng.Next(1, 60));
            e.Close(userId, closedAt < now ? closedAt : now, Pick(Enum.GetValues<ClosureReason>()[..8]), null);
        }
        return e;
    }

    public string NextNhsNumber()
    {
        while (true)
        {
            // 999 prefix: the range NHS England sets aside for test data, never issued to real people.
            var nine = "999" + _rng.Next(0, 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(nine) is { } check && !NhsNumber.IsPlaceholder(nine + check)) return nine + check;
        }
    }

    public string NextPncId(DateOnly dob)
    {
        var year = Math.Min(DateTime.UtcNow.Year, dob.Year + 18 + _rng.Next(0, 10));
        var serial = _rng.Next(1, 9_999_999);
        return $"{year}/{serial:0000000}{PncId.CheckLetter(year % 100, serial)}";
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];
    private static T Pick<T>(IReadOnlyList<T> items, Random rng) => items[rng.Next(items.Count)];

    private double NextGaussian()
    {
        var u1 = 1.0 - _rng.NextDouble();
        var u2 = _rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
    }
}
