using Waymark.People;
using Waymark.Teams;

namespace Waymark.Core.Tests.Support;

/// <summary>Builds a <see cref="Person"/> with sensible defaults; only what a test cares about needs saying.</summary>
public sealed class PersonBuilder
{
    private string _given = "John";
    private string _family = "Smith";
    private DateOnly? _dob = new(1985, 3, 12);
    private Sex _sex = Sex.Male;
    private string? _nhs;
    private string? _pnc;
    private string? _postcode;
    private readonly List<(string Given, string Family)> _aliases = [];
    private readonly List<DateOnly> _otherDobs = [];
    private readonly List<Guid> _teams = [];

    public static PersonBuilder APerson() => new();

    public PersonBuilder Named(string given, string family) { (_given, _family) = (given, family); return this; }
    public PersonBuilder BornOn(int year, int month, int day) { _dob = new DateOnly(year, month, day); return this; }
    public PersonBuilder BornOn(DateOnly? dob) { _dob = dob; return this; }
    public PersonBuilder WithSex(Sex sex) { _sex = sex; return this; }
    public PersonBuilder WithNhsNumber(string nhs) { _nhs = nhs; return this; }
    public PersonBuilder WithPncId(string pnc) { _pnc = pnc; return this; }
    public PersonBuilder WithPostcode(string postcode) { _postcode = postcode; return this; }
    public PersonBuilder AlsoKnownAs(string given, string family) { _aliases.Add((given, family)); return this; }
    public PersonBuilder AlsoGaveDateOfBirth(int year, int month, int day) { _otherDobs.Add(new DateOnly(year, month, day)); return this; }
    /// <summary>Links the person to a team, as an episode with that team would.</summary>
    public PersonBuilder KnownTo(Team team) { _teams.Add(team.Id); return this; }

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
            CreatedAt = FakeClock.DefaultStart,
            CreatedBy = "test-builder",
        };
        person.Aliases.AddRange(_aliases.Select(a => new PersonAlias { PersonId = person.Id, GivenName = a.Given, FamilyName = a.Family }));
        person.OtherDatesOfBirth.AddRange(_otherDobs.Select(d => new PersonOtherDateOfBirth { PersonId = person.Id, DateOfBirth = d }));
        person.TeamLinks.AddRange(_teams.Select(t => PersonTeamLink.For(person, t, FakeClock.DefaultStart)));
        person.RefreshKeys();
        return person;
    }
}
