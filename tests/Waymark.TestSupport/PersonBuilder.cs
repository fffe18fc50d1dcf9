using Waymark.People;
using Waymark.Teams;

namespace Waymark.TestSupport;

/// <summary>
/// Builds a <see cref="Person"/> with sensible defaults; only what a test cares about needs saying.
/// Team links come from <see cref="PersonTeamLink.For"/> and the search keys from
/// <see cref="Person.RefreshKeys"/>, as the app makes them.
/// </summary>
public sealed class PersonBuilder
{
    private string _given = "John";
    private string _family = "Smith";
    private DateOnly? _dob = new(1985, 3, 12);
    private Sex _sex = Sex.Male;
    private string? _nhs;
    private string? _pnc;
    private string? _postcode;
    private DateTimeOffset _createdAt = FakeClock.DefaultStart;
    private string _createdBy = "test-builder";
    private readonly List<(string Given, string Family)> _aliases = [];
    private readonly List<DateOnly> _otherDobs = [];
    private readonly List<Guid> _teams = [];

    /// <summary>A new builder: John Smith, male, born 12 March 1985, known to no team.</summary>
    public static PersonBuilder APerson() => new();

    /// <summary>The person's given and family names.</summary>
    public PersonBuilder Named(string given, string family) { (_given, _family) = (given, family); return this; }
    /// <summary>The person's date of birth.</summary>
    public PersonBuilder BornOn(int year, int month, int day) { _dob = new DateOnly(year, month, day); return this; }
    /// <summary>The person's date of birth, or none.</summary>
    public PersonBuilder BornOn(DateOnly? dob) { _dob = dob; return this; }
    /// <summary>The person's sex.</summary>
    public PersonBuilder WithSex(Sex sex) { _sex = sex; return this; }
    /// <summary>The person's NHS number (see <see cref="TestNhsNumbers"/> for valid ones).</summary>
    public PersonBuilder WithNhsNumber(string nhs) { _nhs = nhs; return this; }
    /// <summary>The person's Police National Computer id.</summary>
    public PersonBuilder WithPncId(string pnc) { _pnc = pnc; return this; }
    /// <summary>The person's postcode.</summary>
    public PersonBuilder WithPostcode(string postcode) { _postcode = postcode; return this; }
    /// <summary>Another name the person has given.</summary>
    public PersonBuilder AlsoKnownAs(string given, string family) { _aliases.Add((given, family)); return this; }
    /// <summary>Another date of birth the person has given.</summary>
    public PersonBuilder AlsoGaveDateOfBirth(int year, int month, int day) { _otherDobs.Add(new DateOnly(year, month, day)); return this; }
    /// <summary>Links the person to a team, as an episode with that team would.</summary>
    public PersonBuilder KnownTo(Team team) => KnownTo(team.Id);
    /// <summary>Links the person to the team with <paramref name="teamId"/>, as an episode with that team would.</summary>
    public PersonBuilder KnownTo(Guid teamId) { _teams.Add(teamId); return this; }
    /// <summary>When the record was made (and since when the teams know the person); <see cref="FakeClock.DefaultStart"/> unless said.</summary>
    public PersonBuilder CreatedAt(DateTimeOffset at) { _createdAt = at; return this; }
    /// <summary>Who made the record; "test-builder" unless said.</summary>
    public PersonBuilder CreatedBy(string userId) { _createdBy = userId; return this; }

    /// <summary>The person, with aliases, other dates of birth, team links and search keys.</summary>
    public Person Build()
    {
        var person = new Person
        {
            GivenName = _given,
            FamilyName = _family,
            DateOfBirth = _dob,
            Sex = _sex,
            NhsNumber = _nhs,
            PncId = _pnc,
            Postcode = _postcode,
            CreatedAt = _createdAt,
            CreatedBy = _createdBy,
        };
        person.Aliases.AddRange(_aliases.Select(a => new PersonAlias { PersonId = person.Id, GivenName = a.Given, FamilyName = a.Family }));
        person.OtherDatesOfBirth.AddRange(_otherDobs.Select(d => new PersonOtherDateOfBirth { PersonId = person.Id, DateOfBirth = d }));
        person.TeamLinks.AddRange(_teams.Select(t => PersonTeamLink.For(person, t, _createdAt)));
        person.RefreshKeys();
        return person;
    }
}
