using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Waymark.Duplicates;
using Waymark.Identification;
using Waymark.Matching;
using Waymark.People;
using Person = Waymark.People.Person;

namespace Waymark.Core.Tests.Unit;

/// <summary>
/// Unknown is not "none" (issue 11, item 14; ADR 18): why a detail is empty is recorded, read the same way everywhere,
/// carried sensibly through a merge, and never taken for a value by matching.
/// </summary>
public class AbsenceTests
{
    private static Person Someone(string given = "Rhian", string family = "Pritchard") =>
        PersonBuilder.APerson().Named(given, family).BornOn(1990, 4, 2).Build();

    [Fact]
    public void An_address_that_was_simply_not_recorded_does_not_read_as_no_fixed_abode()
    {
        var p = Someone();
        p.SetAbsence(PersonField.Address, null);

        Assert.Equal("Not asked", p.Show(PersonField.Address));
        Assert.False(p.NoFixedAbode);
    }

    [Theory]
    [InlineData(PersonField.Address, Absence.None, "No fixed abode")]
    [InlineData(PersonField.GpPractice, Absence.None, "Not registered with a GP")]
    [InlineData(PersonField.Phone, Absence.None, "No phone")]
    [InlineData(PersonField.Email, Absence.None, "No email address")]
    [InlineData(PersonField.Phone, Absence.AskedUnknown, "Not known")]
    [InlineData(PersonField.NhsNumber, Absence.Declined, "Declined to say")]
    [InlineData(PersonField.PncId, Absence.NotAsked, "Not asked")]
    [InlineData(PersonField.GpPractice, Absence.Declined, "Declined to say")]
    public void Each_reason_reads_as_what_it_is(PersonField field, Absence absence, string expected) =>
        Assert.Equal(expected, Absent.Show(field, null, absence));

    [Fact]
    public void An_empty_value_with_no_reason_says_not_recorded_never_a_blank_or_a_default()
    {
        foreach (var f in Absent.Fields)
        {
            Assert.Equal(Absent.NotRecorded, Absent.Show(f, null, null));
            Assert.Equal(Absent.NotRecorded, Absent.Show(f, "  ", null));
        }
    }

    [Fact]
    public void A_value_is_shown_whatever_reason_was_once_recorded()
    {
        Assert.Equal("07700 900123", Absent.Show(PersonField.Phone, "07700 900123", Absence.None));
        var p = Someone();
        p.NhsNumber = "9434765919";
        p.NhsNumberAbsence = Absence.Declined; // stale: the number has since been recorded
        Assert.Equal("943 476 5919", p.Show(PersonField.NhsNumber));
        Assert.Null(p.AbsenceOf(PersonField.NhsNumber));
    }

    [Fact]
    public void Having_none_is_offered_only_where_it_is_a_real_state()
    {
        Assert.Contains(Absence.None, Absent.Allowed(PersonField.Address));
        Assert.Contains(Absence.None, Absent.Allowed(PersonField.GpPractice));
        Assert.Contains(Absence.None, Absent.Allowed(PersonField.Phone));
        Assert.DoesNotContain(Absence.None, Absent.Allowed(PersonField.DateOfBirth));
        Assert.DoesNotContain(Absence.None, Absent.Allowed(PersonField.NhsNumber));
        Assert.DoesNotContain(Absence.None, Absent.Allowed(PersonField.PncId));
    }

    [Theory]
    [InlineData(Absence.NotAsked, "not-asked")]
    [InlineData(Absence.AskedUnknown, "asked-unknown")]
    [InlineData(Absence.Declined, "asked-declined")]
    [InlineData(Absence.None, "not-applicable")]
    [InlineData(null, "unknown")]
    public void Reasons_map_to_FHIR_data_absent_reason_codes(Absence? absence, string code) =>
        Assert.Equal(code, Absent.FhirCode(absence));

    [Fact]
    public void Storing_a_reason_beside_a_value_stores_none_and_an_unanswered_reason_is_not_asked()
    {
        Assert.Null(Absent.ToStore(hasValue: true, Absence.None));
        Assert.Equal(Absence.NotAsked, Absent.ToStore(hasValue: false, null));
        Assert.Equal(Absence.Declined, Absent.ToStore(hasValue: false, Absence.Declined));
    }

    [Fact]
    public void Details_validation_refuses_a_reason_the_detail_does_not_allow_and_has_none_beside_a_value()
    {
        var details = PersonDetails.From(Someone()) with
        {
            Address = "1 High Street, Northshire",
            Absences = new Dictionary<PersonField, Absence> { [PersonField.Address] = Absence.None, [PersonField.NhsNumber] = Absence.None, [PersonField.Phone] = (Absence)99 },
        };

        var errors = details.Validate(new DateOnly(2026, 11, 30));

        Assert.Contains(errors, e => e.Field == "AddressAbsence" && e.Message.Contains("No fixed abode", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "NhsNumberAbsence");
        Assert.Contains(errors, e => e.Field == "PhoneAbsence");
    }

    [Fact]
    public void Applying_details_stores_the_chosen_reasons_and_not_asked_for_the_rest()
    {
        var p = Someone();
        var details = PersonDetails.From(p) with
        {
            Phone = null, GpPractice = null, Address = null, Postcode = null,
            Absences = new Dictionary<PersonField, Absence> { [PersonField.Address] = Absence.None, [PersonField.GpPractice] = Absence.Declined, [PersonField.Phone] = Absence.AskedUnknown },
        };
        Assert.Empty(details.Validate(new DateOnly(2026, 11, 30)));

        details.ApplyTo(p);

        Assert.True(p.NoFixedAbode);
        Assert.Equal("No fixed abode", p.Show(PersonField.Address));
        Assert.Equal("Declined to say", p.Show(PersonField.GpPractice));
        Assert.Equal("Not known", p.Show(PersonField.Phone));
        Assert.Equal("Not asked", p.Show(PersonField.Email));
        Assert.Null(p.DateOfBirthAbsence); // it has a value
    }

    [Theory]
    [InlineData(null, Absence.NotAsked, Absence.NotAsked)]
    [InlineData(Absence.NotAsked, Absence.None, Absence.None)]
    [InlineData(Absence.None, Absence.NotAsked, Absence.None)]
    [InlineData(Absence.AskedUnknown, Absence.Declined, Absence.Declined)]
    [InlineData(Absence.Declined, Absence.AskedUnknown, Absence.Declined)]
    [InlineData(Absence.AskedUnknown, Absence.AskedUnknown, Absence.AskedUnknown)]
    public void Between_two_reasons_a_merge_keeps_the_one_that_tells_more(Absence? kept, Absence? merged, Absence? expected) =>
        Assert.Equal(expected, Absent.Combine(kept, merged));

    [Fact]
    public void A_merge_fills_an_absent_detail_from_a_known_value_and_combines_two_absences_and_an_unmerge_puts_them_back()
    {
        var kept = Someone();
        kept.SetAbsence(PersonField.Address, Absence.NotAsked);
        kept.SetAbsence(PersonField.Phone, Absence.NotAsked);
        kept.SetAbsence(PersonField.GpPractice, Absence.NotAsked);
        kept.SetAbsence(PersonField.NhsNumber, Absence.Declined);
        kept.Email = "rhian@example.com";
        var merged = Someone();
        merged.SetAbsence(PersonField.Address, Absence.None);             // no fixed abode beats not asked
        merged.Phone = "07700 900456";                                     // a known value beats an absence
        merged.SetAbsence(PersonField.GpPractice, Absence.NotAsked);
        merged.SetAbsence(PersonField.NhsNumber, Absence.AskedUnknown);   // declined tells more than not known
        merged.SetAbsence(PersonField.Email, Absence.None);                // the kept value stands
        var moves = new MergeMoves();

        DetailMerge.Apply(kept, merged, moves);

        Assert.Equal("No fixed abode", kept.Show(PersonField.Address));
        Assert.Equal("07700 900456", kept.Show(PersonField.Phone));
        Assert.Null(kept.PhoneAbsence);
        Assert.Equal("Not asked", kept.Show(PersonField.GpPractice));
        Assert.Equal("Declined to say", kept.Show(PersonField.NhsNumber));
        Assert.Equal("rhian@example.com", kept.Show(PersonField.Email));

        DetailMerge.Undo(kept, moves);

        Assert.Equal("Not asked", kept.Show(PersonField.Address));
        Assert.Equal("Not asked", kept.Show(PersonField.Phone));
        Assert.Null(kept.Phone);
        Assert.Equal("Declined to say", kept.Show(PersonField.NhsNumber));
    }

    [Fact]
    public void Two_records_both_of_no_fixed_abode_do_not_agree_on_an_address()
    {
        var a = Someone();
        a.SetAbsence(PersonField.Address, Absence.None);
        a.SetAbsence(PersonField.NhsNumber, Absence.Declined);
        var b = Someone("Rhian", "Pritchard");
        b.SetAbsence(PersonField.Address, Absence.None);
        b.SetAbsence(PersonField.NhsNumber, Absence.Declined);
        var engine = new MatchEngine(MatchModel.Default());

        var explained = engine.Explain(engine.Prepare(PersonMatching.ToMatchRecord(a)), engine.Prepare(PersonMatching.ToMatchRecord(b)));

        Assert.All(explained.Contributions.Where(c => c.Field is "Postcode" or "Address" or "NHS number"), c => Assert.False(c.Compared));
        Assert.Equal(MatchRule.None, explained.Rule);
    }

    [Fact]
    public void The_FHIR_patient_carries_each_reason_as_a_data_absent_reason_extension_and_values_as_values()
    {
        var p = Someone();
        p.DateOfBirth = null;
        p.SetAbsence(PersonField.DateOfBirth, Absence.Declined);
        p.SetAbsence(PersonField.Address, Absence.None);
        p.SetAbsence(PersonField.GpPractice, Absence.AskedUnknown);
        p.SetAbsence(PersonField.NhsNumber, Absence.NotAsked);
        p.Phone = "07700 900789";

        var json = PersonFhir.ToPatient(p).ToJson(pretty: false);
        var patient = new FhirJsonDeserializer().Deserialize<Patient>(json);

        static string? Reason(Element? e) => (e?.GetExtension(Absent.FhirExtensionUrl)?.Value as Code)?.Value;
        Assert.Equal("asked-declined", Reason(patient.BirthDateElement));
        Assert.Equal("not-applicable", Reason(Assert.Single(patient.Address)));
        Assert.Equal("asked-unknown", Reason(Assert.Single(patient.GeneralPractitioner)));
        Assert.Equal("not-asked", Reason(patient.Identifier.Single(i => i.System == PersonFhir.NhsNumberSystem).ValueElement));
        Assert.Equal("unknown", Reason(patient.Identifier.Single(i => i.System == PersonFhir.PncIdSystem).ValueElement)); // no reason recorded
        var phone = patient.Telecom.Single(t => t.System == ContactPoint.ContactPointSystem.Phone);
        Assert.Equal("07700 900789", phone.Value);
        Assert.Null(Reason(phone));
    }

    [Fact]
    public void The_duplicates_review_never_marks_two_empty_details_as_agreeing_and_says_why_each_is_empty()
    {
        PersonSide Side(string? nhs, string? postcode, PersonAbsences absences) => new(Guid.NewGuid(), "Rhian", "Pritchard", [], null, [], Sex.Female,
            nhs, null, postcode, null, 1, DateTimeOffset.UnixEpoch, Guid.NewGuid(), absences);
        var none = new PersonAbsences(Absence.AskedUnknown, Absence.None, null, null, Absence.Declined, Absence.NotAsked, null);
        var a = Side(null, null, none);
        var b = Side(null, null, none);

        foreach (var f in new[] { PersonField.DateOfBirth, PersonField.NhsNumber, PersonField.PncId, PersonField.Address })
            Assert.False(a.Agrees(b, f), $"{f} agreed with nothing on either side");
        Assert.Equal(("Not known", "No fixed abode", "Declined to say", "Not asked"),
            (a.Show(PersonField.DateOfBirth), a.Show(PersonField.Address), a.Show(PersonField.NhsNumber), a.Show(PersonField.PncId)));
        Assert.True(Side("9434765919", "NS1 4AB", PersonAbsences.Empty).Agrees(Side("9434765919", "NS1 4AB", PersonAbsences.Empty), PersonField.NhsNumber));
    }

    [Fact]
    public void Demo_people_include_every_reason_for_an_empty_detail_and_none_is_left_without_one()
    {
        var gen = new Waymark.Demo.SyntheticPeople(42);
        var people = Enumerable.Range(0, 400).Select(_ => gen.NextPerson(new DateOnly(2026, 11, 30), "demo", DateTimeOffset.UnixEpoch)).ToList();

        foreach (var field in new[] { PersonField.Address, PersonField.Phone, PersonField.GpPractice, PersonField.NhsNumber })
            foreach (var reason in Absent.Allowed(field))
                Assert.Contains(people, p => p.AbsenceOf(field) == reason);
        Assert.All(people, p => Assert.All(Absent.Fields, f => Assert.True(p.HasValue(f) || p.AbsenceOf(f) is not null, $"{f} empty with no reason")));
        Assert.Contains(people, p => p.NoFixedAbode);
    }
}
