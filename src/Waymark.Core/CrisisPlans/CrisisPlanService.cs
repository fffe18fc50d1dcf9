using System.Text;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Reminders;
using Waymark.Support;
using Waymark.Teams;

namespace Waymark.CrisisPlans;

/// <summary>A crisis plan was refused an action (no plan yet, no consent to texts); the message says why, for the user.</summary>
public sealed class CrisisPlanRuleException(string message) : DomainRuleException(message);

/// <summary>One version in a plan's list of versions.</summary>
/// <param name="Number">The version's number.</param>
/// <param name="RecordedAt">When it was saved.</param>
/// <param name="RecordedBy">Who saved it (display name), or "unknown".</param>
/// <param name="AgreedOn">When the person agreed it, or null.</param>
public sealed record CrisisPlanVersionRow(int Number, DateTimeOffset RecordedAt, string RecordedBy, DateOnly? AgreedOn);

/// <summary>A texted copy in the plan's list of copies sent.</summary>
/// <param name="SentAt">When it was sent.</param>
/// <param name="SentBy">Who sent it (display name).</param>
/// <param name="VersionNumber">Which version it was.</param>
/// <param name="Failure">Why it did not go, or null when Notify accepted it.</param>
public sealed record CrisisPlanShareRow(DateTimeOffset SentAt, string SentBy, int VersionNumber, string? Failure);

/// <summary>A crisis plan as its pages show it.</summary>
/// <param name="PersonName">The person's full name.</param>
/// <param name="Shown">The version shown (the latest, or the one asked for); null when the person has no plan with the team.</param>
/// <param name="LatestNumber">The latest version's number (0 when there is no plan).</param>
/// <param name="RecordedBy">Who saved the shown version (display name).</param>
/// <param name="Versions">Every version, newest first.</param>
/// <param name="Shares">Texted copies, newest first (up to 20).</param>
/// <param name="OutOfHoursTelephone">The team's out-of-hours number, or null.</param>
/// <param name="OutOfHoursDescription">Who answers it and when, or null.</param>
/// <param name="CanText">Whether the person consented to texts and has a UK mobile (<see cref="ReminderConsent.CanText"/>).</param>
public sealed record CrisisPlanView(string PersonName, CrisisPlanVersion? Shown, int LatestNumber, string RecordedBy,
    IReadOnlyList<CrisisPlanVersionRow> Versions, IReadOnlyList<CrisisPlanShareRow> Shares,
    string? OutOfHoursTelephone, string? OutOfHoursDescription, bool CanText)
{
    /// <summary>Whether the shown version is the latest.</summary>
    public bool IsLatest => Shown is not null && Shown.Number == LatestNumber;
}

/// <summary>What the banner at the top of a person's, episode's or drop-in's page says.</summary>
/// <param name="PersonName">The person's full name.</param>
/// <param name="AgreedOn">When the person agreed the latest version, or null.</param>
/// <param name="RecordedAt">When the latest version was saved.</param>
/// <param name="WarningSigns">Its warning signs, one per line.</param>
public sealed record CrisisPlanBanner(string PersonName, DateOnly? AgreedOn, DateTimeOffset RecordedAt, string WarningSigns);

/// <summary>What the crisis plan section of a person's page shows: the person's name and the latest version's facts.</summary>
/// <param name="PersonName">The person's full name.</param>
/// <param name="Number">The latest version's number, or null when the person has no plan with the user's team.</param>
/// <param name="RecordedAt">When the latest version was saved (default when there is no plan).</param>
/// <param name="AgreedWithPerson">Whether the person agreed the latest version.</param>
/// <param name="AgreedOn">When the person agreed the latest version, or null.</param>
public sealed record CrisisPlanSummary(string PersonName, int? Number, DateTimeOffset RecordedAt, bool AgreedWithPerson, DateOnly? AgreedOn);

/// <summary>
/// Crisis plans (docs/support.md, "Crisis plans"): reading a person's plan with the user's team, saving a new version
/// (every save kept), texting the person a copy of its numbers through GOV.UK Notify, and the banner. Every change is
/// audited in the same save; the audit detail holds coded words only, never the plan's text.
/// </summary>
public class CrisisPlanService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock, INotifyGateway notify)
{
    /// <summary>What a user saving over a version someone else has replaced is told.</summary>
    public const string Conflict =
        "Someone else saved a new version of this crisis plan while you were working on it. Your changes have not been saved: look at the plan as it is now and make them again.";
    /// <summary>The refusal of a text when the person has not agreed to texts or has no UK mobile number.</summary>
    public const string NoConsentToText =
        "The person has not agreed to texts, or has no UK mobile number. Record their consent and mobile number on their details first.";
    /// <summary>How many texted copies the plan page lists.</summary>
    public const int SharesShown = 20;

    private Guid TeamId => user.TeamId ?? throw new InvalidOperationException("Crisis plans are kept by a member of a team.");

    /// <summary>The person's full name when the team can see them; null otherwise.</summary>
    public Task<string?> PersonNameAsync(Guid personId, CancellationToken ct = default) =>
        PersonNames.FullAsync(db, personId, ct);

    /// <summary>
    /// The person's current plan with the user's team: the one changed most recently (a merged person may hold two).
    /// Null when there is none.
    /// </summary>
    private Task<CrisisPlan?> CurrentPlanAsync(Guid personId, bool tracked, CancellationToken ct)
    {
        var teamId = TeamId;
        var plans = tracked ? db.Set<CrisisPlan>() : db.Set<CrisisPlan>().AsNoTracking();
        return plans.Where(p => p.PersonId == personId && p.TeamId == teamId)
            .OrderByDescending(p => p.LatestAt).ThenBy(p => p.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The person's plan with the user's team, showing version <paramref name="number"/> (null: the latest). Null when
    /// the team cannot see the person, or <paramref name="number"/> is given and there is no such version.
    /// </summary>
    public async Task<CrisisPlanView?> ViewAsync(Guid personId, int? number = null, CancellationToken ct = default)
    {
        var person = await db.People.AsNoTracking().Where(x => x.Id == personId)
            .Select(x => new { x.GivenName, x.FamilyName, x.ConsentToText, x.Phone }).FirstOrDefaultAsync(ct);
        if (person is null) return null;
        var settings = await SupportSettingsOf.TeamAsync(db, TeamId, ct);
        var name = PersonNames.Full(person.GivenName, person.FamilyName);
        var canText = ReminderConsent.CanText(person.ConsentToText, person.Phone);
        var plan = await CurrentPlanAsync(personId, tracked: false, ct);
        if (plan is null)
            return number is null ? new CrisisPlanView(name, null, 0, "", [], [], settings.OutOfHoursTelephone, settings.OutOfHoursDescription, canText) : null;
        var versions = await db.Set<CrisisPlanVersion>().AsNoTracking().Where(v => v.CrisisPlanId == plan.Id)
            .OrderByDescending(v => v.Number).ToListAsync(ct);
        var shown = versions.FirstOrDefault(v => v.Number == (number ?? plan.LatestNumber));
        if (shown is null) return null;
        var versionIds = versions.Select(v => v.Id).ToList();
        var shares = await db.Set<CrisisPlanShare>().AsNoTracking().Where(s => s.PersonId == personId && versionIds.Contains(s.CrisisPlanVersionId))
            .OrderByDescending(s => s.SentAt).Take(SharesShown).ToListAsync(ct);
        var names = await db.DisplayNamesAsync(versions.Select(v => v.RecordedByUserId).Concat(shares.Select(s => s.SentByUserId)), ct);
        string NameOf(string id) => names.GetValueOrDefault(id) ?? "unknown";
        var numbers = versions.ToDictionary(v => v.Id, v => v.Number);
        return new CrisisPlanView(name, shown, plan.LatestNumber, NameOf(shown.RecordedByUserId),
            versions.Select(v => new CrisisPlanVersionRow(v.Number, v.RecordedAt, NameOf(v.RecordedByUserId), v.AgreedOn)).ToList(),
            shares.Select(s => new CrisisPlanShareRow(s.SentAt, NameOf(s.SentByUserId), numbers[s.CrisisPlanVersionId], s.Failure)).ToList(),
            settings.OutOfHoursTelephone, settings.OutOfHoursDescription, canText);
    }

    /// <summary>
    /// Every problem of <paramref name="input"/> for <paramref name="personId"/>: its own (<see cref="CrisisPlanInput.Validate"/>),
    /// a person who can help who is a current "do not contact" member of the person's support network (by name, ignoring case
    /// and spaces, or by the phone's digits: <see cref="SupportNetworks.SupportNetworkService.DoNotContactMatchesAsync"/>),
    /// or whose typed first name is such a member's first name unless <see cref="CrisisContactInput.NotDoNotContact"/>, and
    /// an agreed date before the person became known to the service (<see cref="KnownSince"/>). Issue 14.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such person the team can see.</exception>
    public async Task<IReadOnlyList<(string Field, string Message)>> ProblemsAsync(Guid personId, CrisisPlanInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = UkTime.Today(clock);
        var problems = input.Validate(today).ToList();
        var rows = input.Contacts.Select(c => (c.IsEmpty ? null : c.Name, c.IsEmpty ? null : c.Phone)).ToList();
        foreach (var (index, byName, name, reason, firstNameOnly) in await SupportNetworks.SupportNetworkService.DoNotContactMatchesAsync(db, personId, rows, ct))
        {
            var field = $"Contacts[{index}].{(byName ? nameof(CrisisContactInput.Name) : nameof(CrisisContactInput.Phone))}";
            if (!firstNameOnly) problems.Add((field, DoNotContactHelper(name, reason, index)));
            else if (!input.Contacts[index].NotDoNotContact) problems.Add((field, PossibleDoNotContactHelper(name, reason, index)));
        }
        if (input.AgreedWithPerson == true && input.AgreedOn is { } on && on <= today && !problems.Any(p => p.Field == nameof(CrisisPlanInput.AgreedOn)))
        {
            var known = await KnownSince.DayAsync(db, personId, ct) ?? throw new KeyNotFoundException("Person not found.");
            if (KnownSince.DateProblem(on, known, today, "The date the person agreed the plan") is { } dateProblem)
                problems.Add((nameof(CrisisPlanInput.AgreedOn), dateProblem));
        }
        return problems;
    }

    /// <summary>
    /// The rows of <paramref name="input"/> (index from 0) whose typed name shares only its first name with a current "do not
    /// contact" member of the person's support network, with that member's full name: the form offers "This is not …" on
    /// each. Ticked or not. One query, none when no row has a name or phone.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, string>> PossibleDoNotContactAsync(Guid personId, CrisisPlanInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rows = input.Contacts.Select(c => (c.IsEmpty ? null : c.Name, c.IsEmpty ? null : c.Phone)).ToList();
        return (await SupportNetworks.SupportNetworkService.DoNotContactMatchesAsync(db, personId, rows, ct))
            .Where(m => m.FirstNameOnly).ToDictionary(m => m.Index, m => m.Name);
    }

    /// <summary>The problem with a person who can help (row <paramref name="index"/>, from 0) whose first name is that of a member marked do not contact.</summary>
    public static string PossibleDoNotContactHelper(string name, string reason, int index) =>
        $"Person {index + 1} who can help may be {name}, who is marked do not contact: {Reason(reason)}; take them off the plan, or tick \u201cThis is not {name} (do not contact)\u201d";

    /// <summary>The problem with a person who can help (row <paramref name="index"/>, from 0) who is marked do not contact.</summary>
    public static string DoNotContactHelper(string name, string reason, int index) =>
        $"{name} is marked do not contact: {Reason(reason)}; take them off the plan (person {index + 1} who can help)";

    // The recorded reason without its closing punctuation, so the sentence it sits in reads "…at risk; take them off" (not ".;").
    private static string Reason(string reason) => reason.Trim().TrimEnd('.', ';', ',', ':', '!', ' ');

    /// <summary>
    /// Saves a new version of the person's plan with the user's team (the plan is created with version 1 when there is
    /// none), with an audit event (Created "CrisisPlanVersion", coded detail only).
    /// </summary>
    /// <returns>The new version.</returns>
    /// <exception cref="KeyNotFoundException">No such person the team can see.</exception>
    /// <exception cref="ValidationFailedException">Every problem of <paramref name="input"/>; nothing is saved.</exception>
    /// <exception cref="ConcurrencyConflictException">The plan's latest version is not <see cref="CrisisPlanInput.BasedOn"/>
    /// (someone else saved first, now or since the user loaded it): <see cref="Conflict"/>.</exception>
    public async Task<CrisisPlanVersion> SaveAsync(Guid personId, CrisisPlanInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await PersonNameAsync(personId, ct) is null) throw new KeyNotFoundException("Person not found.");
        ValidationFailedException.ThrowIfAny(await ProblemsAsync(personId, input, ct));
        var now = clock.GetUtcNow();
        var plan = await CurrentPlanAsync(personId, tracked: true, ct);
        if ((plan?.LatestNumber ?? 0) != input.BasedOn) throw new ConcurrencyConflictException(Conflict);
        if (plan is null)
        {
            plan = new CrisisPlan { TeamId = TeamId, PersonId = personId, CreatedAt = now, CreatedByUserId = user.UserId! };
            db.Add(plan);
        }
        plan.LatestNumber = input.BasedOn + 1;
        plan.LatestAt = now;
        var agreed = input.AgreedWithPerson == true;
        var version = new CrisisPlanVersion
        {
            CrisisPlanId = plan.Id, TeamId = plan.TeamId, PersonId = personId, Number = plan.LatestNumber,
            WarningSigns = CrisisPlanText.Store(input.WarningSigns), SelfHelp = CrisisPlanText.Store(input.SelfHelp),
            HelpfulPeopleAndPlaces = CrisisPlanText.Store(input.HelpfulPeopleAndPlaces),
            CrisisContacts = CrisisContact.Encode(input.Contacts.Where(c => !c.IsEmpty).Select(c =>
                new CrisisContact(CrisisPlanText.OneLine(c.Name), CrisisPlanText.OneLine(c.Relationship), CrisisPlanText.OneLine(c.Phone)))),
            OwnServices = CrisisPlanText.Store(input.OwnServices), SafeSurroundings = CrisisPlanText.Store(input.SafeSurroundings),
            PracticalThings = CrisisPlanText.Store(input.PracticalThings), WhoWasThere = CrisisPlanText.OneLine(input.WhoWasThere),
            AgreedWithPerson = agreed, AgreedOn = agreed ? input.AgreedOn : null, RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        db.Add(version);
        audit.Add(AuditAction.Created, "CrisisPlanVersion", version.Id.ToString(), personId,
            $"Crisis plan version {version.Number}; {(agreed ? "agreed with the person" : "not agreed with the person")}");
        // Two saves from the same version both want the next number: the unique (plan, number) index refuses the second.
        await db.SaveOrConflictAsync(Conflict, uniqueNumberIsConflict: true, ct);
        return version;
    }

    /// <summary>Why a plan not agreed with the person is not texted to them: "Agree the plan with {name} before sending them a copy".</summary>
    public static string NotAgreed(string personName) => $"Agree the plan with {personName} before sending them a copy";

    /// <summary>
    /// Texts the person the numbers of their current plan (<see cref="TextOf"/>) through Notify, and records it as a
    /// <see cref="CrisisPlanShare"/> with Notify's id or the failure, audited (Exported "CrisisPlanShare"). A refusal
    /// by Notify or Notify not answering is recorded as a failure, not thrown.
    /// </summary>
    /// <returns>The record of the text.</returns>
    /// <exception cref="KeyNotFoundException">No such person the team can see.</exception>
    /// <exception cref="CrisisPlanRuleException">No plan yet, no consent to texts or no UK mobile (<see cref="NoConsentToText"/>),
    /// or the latest version was not agreed with the person (<see cref="NotAgreed"/>).</exception>
    public async Task<CrisisPlanShare> TextCopyAsync(Guid personId, CancellationToken ct = default)
    {
        var person = await db.People.AsNoTracking().Where(x => x.Id == personId)
            .Select(x => new { x.ConsentToText, x.Phone, x.GivenName, x.FamilyName }).FirstOrDefaultAsync(ct) ?? throw new KeyNotFoundException("Person not found.");
        if (!ReminderConsent.CanText(person.ConsentToText, person.Phone)) throw new CrisisPlanRuleException(NoConsentToText);
        var plan = await CurrentPlanAsync(personId, tracked: false, ct) ?? throw new CrisisPlanRuleException("There is no crisis plan to send yet.");
        var version = await db.Set<CrisisPlanVersion>().AsNoTracking().FirstAsync(v => v.CrisisPlanId == plan.Id && v.Number == plan.LatestNumber, ct);
        // A plan the person has not agreed is not theirs yet: it is not sent to them (issue 14).
        if (!version.AgreedWithPerson) throw new CrisisPlanRuleException(NotAgreed(PersonNames.Full(person.GivenName, person.FamilyName)));
        var settings = await SupportSettingsOf.TeamAsync(db, TeamId, ct);
        var share = new CrisisPlanShare
        {
            TeamId = TeamId, PersonId = personId, CrisisPlanVersionId = version.Id, SentAt = clock.GetUtcNow(), SentByUserId = user.UserId!,
        };
        try
        {
            var result = await notify.SendSmsAsync(PhoneNumbers.UkMobile(person.Phone)!, TextOf(version, settings), share.Id.ToString(), ct);
            share.NotifyId = result.NotificationId;
            share.Failure = result.Accepted ? null : Clip(result.Refusal ?? "Notify refused the text");
        }
        catch (NotifyUnavailableException)
        {
            share.Failure = "GOV.UK Notify could not be reached, so the text was not sent. Try again later.";
        }
        db.Add(share);
        audit.Add(AuditAction.Exported, "CrisisPlanShare", share.Id.ToString(), personId,
            $"Crisis plan version {version.Number} sent by text{(share.Failure is null ? "" : "; not sent")}");
        await db.SaveChangesAsync(ct);
        return share;
    }

    /// <summary>
    /// The text sent to the person: the people who can help with their numbers, the person's own services, the team's
    /// out-of-hours number and the national lines (<see cref="CrisisLines"/>). Nothing else of the plan (no warning
    /// signs, no diagnosis).
    /// </summary>
    public static string TextOf(CrisisPlanVersion version, SupportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder("Your crisis plan: who to call\n");
        foreach (var c in version.Contacts) text.Append(c).Append('\n');
        foreach (var s in CrisisPlanText.Lines(version.OwnServices)) text.Append(s).Append('\n');
        if (settings.OutOfHoursTelephone is { } ooh)
            text.Append(settings.OutOfHoursDescription is { } who ? $"{who}: {ooh}" : $"Out of hours: {ooh}").Append('\n');
        foreach (var line in CrisisLines.All) text.Append(line.Name).Append(": ").Append(line.Contact).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// What the banner shows: the latest version of the person's current plan with the user's team and the person's
    /// name, or null when they have none. Three primary-key or index probes: the (PersonId, TeamId, LatestAt) index of
    /// plans, the unique (CrisisPlanId, Number) index of versions and the person's key. Not one query with the version and
    /// the name as projected sub-queries: EF Core turns a projected <c>FirstOrDefault</c> into a window over every row the
    /// team may see (ROW_NUMBER over all its people), which took a second at a million people.
    /// </summary>
    public async Task<CrisisPlanBanner?> BannerAsync(Guid personId, CancellationToken ct = default)
    {
        var (_, latest) = await LatestVersionAsync(personId, ct);
        if (latest is null) return null;
        var name = await PersonNameAsync(personId, ct);
        return name is null ? null : new CrisisPlanBanner(name, latest.AgreedOn, latest.RecordedAt, latest.WarningSigns);
    }

    /// <summary>
    /// What the crisis plan section of a person's page shows: the person's name and the latest version of their current
    /// plan with the user's team (<see cref="CrisisPlanSummary.Number"/> null when they have none). Null when the team
    /// cannot see the person, or their plan has lost its latest version. The same three probes as <see cref="BannerAsync"/>,
    /// not <see cref="ViewAsync"/>'s every version, copy sent and name.
    /// </summary>
    public async Task<CrisisPlanSummary?> SummaryAsync(Guid personId, CancellationToken ct = default)
    {
        var name = await PersonNameAsync(personId, ct);
        if (name is null) return null;
        var (hasPlan, latest) = await LatestVersionAsync(personId, ct);
        if (!hasPlan) return new CrisisPlanSummary(name, null, default, false, null);
        return latest is null ? null : new CrisisPlanSummary(name, latest.Number, latest.RecordedAt, latest.AgreedWithPerson, latest.AgreedOn);
    }

    private sealed record LatestVersion(int Number, DateTimeOffset RecordedAt, bool AgreedWithPerson, DateOnly? AgreedOn, string WarningSigns);

    /// <summary>
    /// The latest version of the person's current plan with the user's team, read by keys: the (PersonId, TeamId, LatestAt)
    /// index of plans, then the unique (CrisisPlanId, Number) index of versions. HasPlan false when there is no plan.
    /// </summary>
    private async Task<(bool HasPlan, LatestVersion? Latest)> LatestVersionAsync(Guid personId, CancellationToken ct)
    {
        var teamId = TeamId;
        var plan = await db.Set<CrisisPlan>().AsNoTracking().Where(p => p.PersonId == personId && p.TeamId == teamId)
            .OrderByDescending(p => p.LatestAt).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.LatestNumber }).FirstOrDefaultAsync(ct);
        if (plan is null) return (false, null);
        var latest = await db.Set<CrisisPlanVersion>().AsNoTracking().Where(v => v.CrisisPlanId == plan.Id && v.Number == plan.LatestNumber)
            .Select(v => new LatestVersion(v.Number, v.RecordedAt, v.AgreedWithPerson, v.AgreedOn, v.WarningSigns)).FirstOrDefaultAsync(ct);
        return (true, latest);
    }

    private static string Clip(string s) => s.Length <= 500 ? s : s[..500];
}
