using System.Globalization;
using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.ActionPlans;
using Waymark.Contacts;
using Waymark.CrisisPlans;
using Waymark.Episodes;
using Waymark.Instruments;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Screening;
using WAppointment = Waymark.Appointments.Appointment;
using WAppointmentOutcome = Waymark.Appointments.AppointmentOutcome;
using WAuditEvent = Waymark.Audit.AuditEvent;
using Task = System.Threading.Tasks.Task;
using Expression = System.Linq.Expressions.Expression;

namespace Waymark.Fhir;

/// <summary>A resource found, and the person it is about (for the audit trail).</summary>
public sealed record FhirFound(Resource Resource, Guid? PersonId);

/// <summary>One page of a search: the resources in order, and how many match in all.</summary>
public sealed record FhirPage(IReadOnlyList<FhirFound> Found, int Total)
{
    /// <summary>AuditEvent only: the cut-off (<see cref="FhirSearchRequest.Cutoff"/>) the next page must carry; null when none applies.</summary>
    public long? Cutoff { get; init; }
}

/// <summary>
/// Reads and searches the current team's records as FHIR resources (docs/adr/0023-fhir-api.md). The team is the
/// current user's (a partner key acts for one team): only rows the team holds are served (<c>TeamId</c> equal to it),
/// not the history other teams hold of the same people, and a person only when the team is linked to them and the
/// record is not merged away. Every search is one COUNT and one page query over an index on (team or person, main date),
/// plus at most one query for the page's parts (referral steps, plan goals, crisis plan versions): no N+1.
/// </summary>
public sealed class FhirStore(WaymarkDbContext db, ICurrentUser user, InstrumentCatalogue catalogue)
{
    private Guid Team => user.TeamId ?? throw new InvalidOperationException("The FHIR API acts for one team; no team is set.");

    /// <summary>The resource <paramref name="type"/>/<paramref name="id"/> of the team, or null (another team's, missing, or malformed id alike).</summary>
    public async Task<FhirFound?> ReadAsync(string type, string id, CancellationToken ct = default)
    {
        if (!FhirResources.IsSupported(type) || !FhirResources.IsWellFormedId(type, id)) return null;
        var page = await SearchAsync(new FhirSearchRequest(type, id, null, null, null, null, null, [], 1, 0), ct);
        return page.Found.FirstOrDefault();
    }

    /// <summary>One page of the team's resources matching <paramref name="s"/>, newest first by the type's main date.</summary>
    public Task<FhirPage> SearchAsync(FhirSearchRequest s, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Type switch
        {
            "Patient" => PatientsAsync(s, ct),
            "EpisodeOfCare" => EpisodesAsync(s, ct),
            "QuestionnaireResponse" => CompletionsAsync(s, ct),
            "ServiceRequest" => ReferralsAsync(s, ct),
            "Appointment" => AppointmentsAsync(s, ct),
            "Encounter" => ContactsAsync(s, ct),
            "CarePlan" => CarePlansAsync(s, ct),
            "Consent" => ConsentsAsync(s, ct),
            "AuditEvent" => AuditAsync(s, ct),
            _ => throw new FhirRequestException(404, $"{s.Type} is not a resource type this server serves."),
        };
    }

    private async Task<FhirPage> PatientsAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        var q = db.People.AsNoTracking().Where(p => p.MergedAt == null && p.TeamLinks.Any(l => l.TeamId == team));
        if (Id(s) is { } id) q = q.Where(p => p.Id == id);
        // The NHS number only (FhirSearchRequest.Parse refuses other systems and invalid numbers, and gives the ten digits).
        if (s.IdentifierValue is { } nhs) q = q.Where(p => p.NhsNumber == nhs);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.Id).Skip(s.Offset).Take(s.Count).ToListAsync(ct);
        return new FhirPage([.. rows.Select(p => new FhirFound(FhirPatient.From(p), p.Id))], total);
    }

    private async Task<FhirPage> EpisodesAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        var q = Common(db.Episodes.AsNoTracking().Where(x => x.TeamId == team), s, x => x.Id, x => x.PersonId, x => x.IdentifiedAt);
        if (s.Status.Count > 0)
        {
            bool active = s.Status.Contains("active"), finished = s.Status.Contains("finished");
            q = q.Where(x => (active && x.ClosedAt == null) || (finished && x.ClosedAt != null));
        }
        var teamName = await db.Teams.AsNoTracking().Where(t => t.Id == team).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return await PageAsync(q, s, x => x.IdentifiedAt, rows => [.. rows.Select(x => new FhirFound(FhirEpisodeOfCare.From(x, teamName), x.PersonId))], ct);
    }

    private Task<FhirPage> CompletionsAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        var q = Common(db.InstrumentCompletions.AsNoTracking().Where(x => x.TeamId == team), s, x => x.Id, x => x.PersonId, x => x.CompletedAt);
        return PageAsync(q, s, x => x.CompletedAt, rows => [.. rows.Select(x => new FhirFound(FhirQuestionnaireResponse.From(x, catalogue), x.PersonId))], ct);
    }

    private Task<FhirPage> ReferralsAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        var q = Common(db.Referrals.AsNoTracking().Where(x => x.TeamId == team), s, x => x.Id, x => x.PersonId, x => x.CreatedAt);
        if (s.Status.Count > 0)
        {
            var steps = Enum.GetValues<ReferralStep>().Where(step => s.Status.Contains(Hl7.Fhir.Utility.EnumUtility.GetLiteral(FhirServiceRequest.StatusOf(step))!)).ToList();
            q = q.Where(x => steps.Contains(db.ReferralEvents.Where(e => e.ReferralId == x.Id).OrderByDescending(e => e.Sequence).Select(e => e.Step).FirstOrDefault()));
        }
        return PageAsync(q.Include(x => x.Events), s, x => x.CreatedAt, rows => [.. rows.Select(x => new FhirFound(FhirServiceRequest.From(x), x.PersonId))], ct);
    }

    private Task<FhirPage> AppointmentsAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        var q = Common(db.Set<WAppointment>().AsNoTracking().Where(x => x.TeamId == team), s, x => x.Id, x => x.PersonId, x => x.StartsAt);
        if (s.Status.Count > 0)
        {
            var outcomes = Enum.GetValues<WAppointmentOutcome>().Where(o => s.Status.Contains(FhirCode(FhirAppointment.StatusOf(o)))).Cast<WAppointmentOutcome?>().ToList();
            var booked = s.Status.Contains("booked");
            q = q.Where(x => (booked && x.Outcome == null) || outcomes.Contains(x.Outcome));
        }
        return PageAsync(q, s, x => x.StartsAt, rows => [.. rows.Select(x => new FhirFound(FhirAppointment.From(x), x.PersonId))], ct);
    }

    private Task<FhirPage> ContactsAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        // Current versions only: a contact replaced by a correction is not served.
        var q = Common(db.Set<Contact>().AsNoTracking().Where(x => x.TeamId == team && x.SupersededAt == null), s, x => x.Id, x => x.PersonId, x => x.OccurredAt);
        if (s.Status.Count > 0)
        {
            bool error = s.Status.Contains("entered-in-error"), finished = s.Status.Contains("finished"), cancelled = s.Status.Contains("cancelled");
            q = q.Where(x => (error && x.EnteredInErrorAt != null)
                || (finished && x.EnteredInErrorAt == null && x.Reached) || (cancelled && x.EnteredInErrorAt == null && !x.Reached));
        }
        return PageAsync(q, s, x => x.OccurredAt, rows => [.. rows.Select(x => new FhirFound(FhirEncounter.From(x), x.PersonId))], ct);
    }

    private async Task<FhirPage> CarePlansAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        var actions = Common(db.Set<ActionPlan>().AsNoTracking().Where(x => x.TeamId == team), s, x => x.Id, x => x.PersonId, x => x.CreatedAt);
        var crises = Common(db.Set<CrisisPlan>().AsNoTracking().Where(x => x.TeamId == team && x.LatestNumber > 0), s, x => x.Id, x => x.PersonId, x => x.CreatedAt);
        return await TwoSourcesAsync(actions, crises, s, x => x.CreatedAt, x => x.CreatedAt,
            async rows =>
            {
                var ids = rows.Select(r => r.Id).ToList();
                var goals = await db.Set<ActionPlanGoal>().AsNoTracking().Where(g => ids.Contains(g.ActionPlanId)).ToListAsync(ct);
                return [.. rows.Select(r => new FhirFound(FhirCarePlan.FromActionPlan(r, goals.Where(g => g.ActionPlanId == r.Id)), r.PersonId))];
            },
            async rows =>
            {
                var ids = rows.Select(r => r.Id).ToList();
                var versions = await db.Set<CrisisPlanVersion>().AsNoTracking()
                    .Where(v => ids.Contains(v.CrisisPlanId) && db.Set<CrisisPlan>().Any(p => p.Id == v.CrisisPlanId && p.LatestNumber == v.Number))
                    .ToListAsync(ct);
                return [.. rows.Select(r => versions.FirstOrDefault(v => v.CrisisPlanId == r.Id) is { } v ? new FhirFound(FhirCarePlan.FromCrisisPlan(r, v), r.PersonId) : null)
                    .OfType<FhirFound>()];
            }, ct);
    }

    private async Task<FhirPage> ConsentsAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        var cj = Common(db.Set<CriminalJusticeConsent>().AsNoTracking().Where(x => x.TeamId == team), s, x => x.Id, x => x.PersonId, x => x.GivenAt);
        var share = Common(db.Consents.AsNoTracking().Where(x => x.TeamId == team), s, x => x.Id, x => x.PersonId, x => x.GivenAt);
        if (s.Status.Count > 0)
        {
            bool active = s.Status.Contains("active"), inactive = s.Status.Contains("inactive");
            cj = cj.Where(x => (active && x.WithdrawnAt == null) || (inactive && x.WithdrawnAt != null));
            share = share.Where(x => (active && x.WithdrawnAt == null) || (inactive && x.WithdrawnAt != null));
        }
        return await TwoSourcesAsync(cj, share, s, x => x.GivenAt, x => x.GivenAt,
            rows => Task.FromResult<List<FhirFound>>([.. rows.Select(x => new FhirFound(FhirConsent.From(x), x.PersonId))]),
            rows => Task.FromResult<List<FhirFound>>([.. rows.Select(x => new FhirFound(FhirConsent.From(x), x.PersonId))]), ct);
    }

    private async Task<FhirPage> AuditAsync(FhirSearchRequest s, CancellationToken ct)
    {
        var team = Team;
        // Events recorded in the team about its people (not other teams' events, nor events about no person).
        string[] served = [.. FhirAuditEvent.ServedRecordTypes];
        var q = db.AuditEvents.AsNoTracking().Where(x => x.TeamId == team && x.PersonId != null && served.Contains(x.RecordType));
        if (s.Id is { } raw) { var n = long.Parse(raw, CultureInfo.InvariantCulture); q = q.Where(x => x.Id == n); }
        if (s.Patient is { } p) q = q.Where(x => x.PersonId == p);
        q = InRange(q, x => x.At, s);
        // Stable paging: the first page fixes the newest matching event's id and the next links carry it, so the events
        // written meanwhile (this API's own "Viewed" among them) do not push entries from one page onto the next.
        var cutoff = s.Cutoff ?? await q.MaxAsync(x => (long?)x.Id, ct);
        if (cutoff is { } c) q = q.Where(x => x.Id <= c);
        var page = await PageAsync(q, s, x => x.At, rows => [.. rows.Select(x => new FhirFound(FhirAuditEvent.From(x), x.PersonId))], ct, byId: x => x.Id);
        return page with { Cutoff = cutoff };
    }

    // Filters every type but Patient and AuditEvent share: _id, patient and date.
    private IQueryable<T> Common<T>(IQueryable<T> q, FhirSearchRequest s, Expression<Func<T, Guid>> id, Expression<Func<T, Guid>> person,
        Expression<Func<T, DateTimeOffset>> date)
    {
        if (Id(s) is { } i) q = q.Where(Equal(id, i));
        if (s.Patient is { } p) q = q.Where(Equal(person, p));
        return InRange(q, date, s);
    }

    private static Guid? Id(FhirSearchRequest s) => s.Id is { } raw ? Guid.Parse(raw) : null;

    private static IQueryable<T> InRange<T>(IQueryable<T> q, Expression<Func<T, DateTimeOffset>> date, FhirSearchRequest s)
    {
        if (s.From is { } from) q = q.Where(Compare(date, from, Expression.GreaterThanOrEqual));
        if (s.Before is { } before) q = q.Where(Compare(date, before, Expression.LessThan));
        return q;
    }

    // Values are closure members, so EF sends them as parameters rather than constants baked into the SQL.
    private sealed class Box<TValue>(TValue value) { public TValue Value { get; } = value; }

    private static Expression<Func<T, bool>> Equal<T>(Expression<Func<T, Guid>> member, Guid value) =>
        Expression.Lambda<Func<T, bool>>(Expression.Equal(member.Body, Expression.Property(Expression.Constant(new Box<Guid>(value)), "Value")), member.Parameters);

    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, DateTimeOffset>> member, DateTimeOffset value,
        Func<Expression, Expression, BinaryExpression> op) =>
        Expression.Lambda<Func<T, bool>>(op(member.Body, Expression.Property(Expression.Constant(new Box<DateTimeOffset>(value)), "Value")), member.Parameters);

    private static async Task<FhirPage> PageAsync<T>(IQueryable<T> q, FhirSearchRequest s, Expression<Func<T, DateTimeOffset>> date,
        Func<List<T>, List<FhirFound>> map, CancellationToken ct, Expression<Func<T, long>>? byId = null) where T : class
    {
        var total = await q.CountAsync(ct);
        if (total <= s.Offset) return new FhirPage([], total);
        var ordered = q.OrderByDescending(date);
        var rows = await (byId is not null ? ordered.ThenByDescending(byId) : ordered.ThenByDescending(x => EF.Property<Guid>(x, "Id")))
            .Skip(s.Offset).Take(s.Count).ToListAsync(ct);
        return new FhirPage(map(rows), total);
    }

    // Two tables served as one type (CarePlan: action and crisis plans; Consent: two kinds): the first's matches, then the second's.
    private static async Task<FhirPage> TwoSourcesAsync<TA, TB>(IQueryable<TA> a, IQueryable<TB> b, FhirSearchRequest s,
        Expression<Func<TA, DateTimeOffset>> dateA, Expression<Func<TB, DateTimeOffset>> dateB,
        Func<List<TA>, Task<List<FhirFound>>> mapA, Func<List<TB>, Task<List<FhirFound>>> mapB, CancellationToken ct) where TA : class where TB : class
    {
        var countA = await a.CountAsync(ct);
        var countB = await b.CountAsync(ct);
        var found = new List<FhirFound>();
        if (s.Offset < countA)
        {
            var rows = await a.OrderByDescending(dateA).ThenByDescending(x => EF.Property<Guid>(x, "Id")).Skip(s.Offset).Take(s.Count).ToListAsync(ct);
            found.AddRange(await mapA(rows));
        }
        var left = s.Count - found.Count;
        var skipB = Math.Max(0, s.Offset - countA);
        if (left > 0 && skipB < countB)
        {
            var rows = await b.OrderByDescending(dateB).ThenByDescending(x => EF.Property<Guid>(x, "Id")).Skip(skipB).Take(left).ToListAsync(ct);
            found.AddRange(await mapB(rows));
        }
        return new FhirPage(found, countA + countB);
    }

    private static string FhirCode(Appointment.AppointmentStatus status) => Hl7.Fhir.Utility.EnumUtility.GetLiteral(status)!;
}
