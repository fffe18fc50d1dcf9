using System.Text.Json;
using Waymark.ActionPlans;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.CrisisPlans;
using Waymark.Episodes;
using Waymark.Fhir;
using Waymark.Instruments;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Referrals;
using Waymark.Screening;
using Resource = Hl7.Fhir.Model.Resource;

namespace Waymark.Core.Tests.Fhir;

/// <summary>Synthetic records of every kind the FHIR API serves, with every detail it maps filled in, mapped as the API maps them.</summary>
public static class FhirSamples
{
    public static readonly Guid Team = Guid.Parse("7f0c8f4e-0000-4000-8000-000000000001");
    public static readonly DateTimeOffset At = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    public static Person Person(Action<Person>? with = null)
    {
        var p = new Person
        {
            GivenName = "Ada", FamilyName = "Example", DateOfBirth = new DateOnly(1990, 3, 3), Sex = Sex.Female, EthnicCategory = "C",
            NhsNumber = "9434765919", PncId = "26/123456A", Phone = "01632 960001", Email = "ada@example.invalid",
            Address = "1 Test Street, Newtown", Postcode = "NS1 4AB", GpPractice = "Newtown Surgery", CreatedBy = "test",
        };
        with?.Invoke(p);
        return p;
    }

    public static IEnumerable<(string Name, Resource Resource)> Every()
    {
        var person = Person();
        yield return ("Patient", FhirPatient.From(person));
        yield return ("Patient with every detail absent", FhirPatient.From(Person(p =>
        {
            (p.DateOfBirth, p.NhsNumber, p.PncId, p.Phone, p.Email, p.Address, p.Postcode, p.GpPractice, p.EthnicCategory) = (null, null, null, null, null, null, null, null, null);
            p.SetAbsence(PersonField.NhsNumber, Absence.NotAsked);
            p.SetAbsence(PersonField.Address, Absence.None);
        })));
        var episode = new Episode
        {
            PersonId = person.Id, TeamId = Team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "test",
            IdentifiedAt = At, IdentifiedByUserId = "u1",
        };
        yield return ("EpisodeOfCare open", FhirEpisodeOfCare.From(episode, "Northshire Liaison and Diversion"));
        episode.ClosedAt = At.AddDays(30);
        yield return ("EpisodeOfCare closed", FhirEpisodeOfCare.From(episode));

        var catalogue = InstrumentCatalogue.BuiltIn();
        var def = catalogue.Latest.First(d => d.Items.Length > 0);
        var answers = def.Items.ToDictionary(i => i.Id, i => (int?)i.Options[0].Value);
        yield return ("QuestionnaireResponse", FhirQuestionnaireResponse.From(new InstrumentCompletion
        {
            TeamId = Team, EpisodeId = episode.Id, PersonId = person.Id, InstrumentId = def.Id, InstrumentVersion = def.Version, InstrumentTitle = def.Title,
            AnswersJson = JsonSerializer.Serialize(answers), CompletedAt = At, CompletedByUserId = "u1",
        }, catalogue));

        var referral = new Referral { TeamId = Team, EpisodeId = episode.Id, PersonId = person.Id, ServiceId = Guid.NewGuid(), ServiceName = "Newtown Housing Advice", Need = "housing", CreatedAt = At, CreatedByUserId = "u1" };
        referral.Draft("u1", At);
        referral.Send("u1", At.AddHours(1), At.AddHours(1));
        yield return ("ServiceRequest", FhirServiceRequest.From(referral));

        var appointment = new Appointment { TeamId = Team, PersonId = person.Id, StartsAt = At.AddDays(2), DurationMinutes = 45, WorkerUserId = "u1", BookedAt = At, BookedByUserId = "u1", Location = "Office", Purpose = "Review" };
        yield return ("Appointment booked", FhirAppointment.From(appointment));
        appointment.Outcome = AppointmentOutcome.DidNotAttend;
        yield return ("Appointment missed", FhirAppointment.From(appointment));

        var contact = new Contact { TeamId = Team, PersonId = person.Id, EpisodeId = episode.Id, Kind = ContactKind.Telephone, Reached = true, OccurredAt = At, DurationMinutes = 20, WorkerUserId = "u1", Note = "PRIVATE CASE NOTE", RecordedAt = At, RecordedByUserId = "u1" };
        yield return ("Encounter", FhirEncounter.From(contact));

        var plan = new ActionPlan { TeamId = Team, PersonId = person.Id, CreatedAt = At, CreatedByUserId = "u1", NextReviewOn = new DateOnly(2026, 12, 20) };
        yield return ("CarePlan (action plan)", FhirCarePlan.FromActionPlan(plan,
        [
            new ActionPlanGoal { TeamId = Team, PersonId = person.Id, ActionPlanId = plan.Id, InTheirWords = "I want somewhere to live", AddedAt = At, AddedByUserId = "u1" },
            new ActionPlanGoal { TeamId = Team, PersonId = person.Id, ActionPlanId = plan.Id, InTheirWords = "See my kids", AddedAt = At, AddedByUserId = "u1", AchievedAt = At.AddDays(3) },
        ]));
        var crisis = new CrisisPlan { TeamId = Team, PersonId = person.Id, LatestNumber = 2, LatestAt = At, CreatedAt = At.AddDays(-5), CreatedByUserId = "u1" };
        yield return ("CarePlan (crisis plan)", FhirCarePlan.FromCrisisPlan(crisis, new CrisisPlanVersion
        {
            CrisisPlanId = crisis.Id, TeamId = Team, PersonId = person.Id, Number = 2, WarningSigns = "Not sleeping\nSkipping meals", SelfHelp = "Walk the dog",
            HelpfulPeopleAndPlaces = "The library", CrisisContacts = "", SafeSurroundings = "Give my tablets to Jo", AgreedWithPerson = true, AgreedOn = new DateOnly(2026, 11, 20),
            RecordedAt = At, RecordedByUserId = "u1",
        }));

        yield return ("Consent (to share with a service)", FhirConsent.From(new ConsentToShare
        {
            TeamId = Team, ReferralId = referral.Id, PersonId = person.Id, What = "Referral summary", WithWhom = "Newtown Housing Advice", Form = ConsentForm.Verbal,
            GivenAt = At, RecordedAt = At, RecordedByUserId = "u1",
        }));
        yield return ("Consent (criminal justice, withdrawn)", FhirConsent.From(new CriminalJusticeConsent
        {
            TeamId = Team, EpisodeId = episode.Id, PersonId = person.Id, Information = "vulnerabilities screening", Purposes = "charging bail-and-remand",
            Form = ConsentForm.Written, CapacityNote = "Understood, retained, weighed and communicated", GivenAt = At, RecordedAt = At, RecordedByUserId = "u1",
            WithdrawnAt = At.AddDays(1), WithdrawnByUserId = "u1",
        }));
        yield return ("AuditEvent", FhirAuditEvent.From(new AuditEvent
        {
            Id = 42, At = At, UserId = "user-1", Role = "Practitioner", TeamId = Team, Action = AuditAction.Viewed, RecordType = "Person", RecordId = person.Id.ToString(), PersonId = person.Id,
            Detail = "SEARCHED FOR SOMEONE",
        }));
    }
}
