using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Duplicates;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.People;
using Waymark.Referrals;
using Waymark.Screening;
using Waymark.ServiceDirectory;
using Waymark.Teams;

namespace Waymark.Persistence;

/// <summary>
/// The one database. People and everything recorded about them are filtered to the current team in
/// the model itself (global query filters), so no page can forget to scope a query.
/// </summary>
public abstract class WaymarkDbContext : IdentityDbContext<WaymarkUser>, IDataProtectionKeyContext
{
    private ICurrentUser _user = NoOne.Instance;

    /// <summary>
    /// A context that acts for no one (its team-scoped queries find nothing) until <see cref="ActingFor"/> says who.
    /// One constructor taking only the options, so that the web app can pool contexts (ADR 0003).
    /// </summary>
    protected WaymarkDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Who this context acts for; its queries are scoped to their team.</summary>
    public ICurrentUser CurrentUser => _user;

    /// <summary>
    /// Makes this context act for <paramref name="user"/>: every query from now on is scoped to their team (or to all
    /// teams for a system user). Set once when the context is created or rented from the pool; returns the context.
    /// </summary>
    public WaymarkDbContext ActingFor(ICurrentUser user)
    {
        _user = user;
        return this;
    }

    // A pooled context goes back to the pool on Dispose: it must forget whom it acted for before anyone else rents it.
    public override void Dispose()
    {
        _user = NoOne.Instance;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _user = NoOne.Instance;
        return base.DisposeAsync();
    }

    /// <summary>The user of a context nobody has claimed: no team, not the system, so team-scoped rows are all hidden.</summary>
    private sealed class NoOne : ICurrentUser
    {
        public static readonly NoOne Instance = new();
        public string? UserId => null;
        public string? Role => null;
        public Guid? TeamId => null;
        public bool IsSystem => false;
    }

    // Read by the query filters; EF re-reads them for every query on this context instance.
    private Guid? CurrentTeamId => _user.TeamId;
    private bool SeesAllTeams => _user.IsSystem;

    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonAlias> PersonAliases => Set<PersonAlias>();
    public DbSet<PersonOtherDateOfBirth> PersonOtherDatesOfBirth => Set<PersonOtherDateOfBirth>();
    public DbSet<PersonIdentifier> PersonIdentifiers => Set<PersonIdentifier>();
    public DbSet<PersonTeamLink> PersonTeamLinks => Set<PersonTeamLink>();
    public DbSet<PersonMatchKey> PersonMatchKeys => Set<PersonMatchKey>();
    public DbSet<MatchDecision> MatchDecisions => Set<MatchDecision>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<IdentificationDraft> IdentificationDrafts => Set<IdentificationDraft>();
    public DbSet<InstrumentCompletion> InstrumentCompletions => Set<InstrumentCompletion>();
    public DbSet<ScreeningOutcome> ScreeningOutcomes => Set<ScreeningOutcome>();
    public DbSet<PsychosocialAssessment> Assessments => Set<PsychosocialAssessment>();
    public DbSet<AssessedNeed> AssessedNeeds => Set<AssessedNeed>();
    public DbSet<FormulationRevision> FormulationRevisions => Set<FormulationRevision>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralEvent> ReferralEvents => Set<ReferralEvent>();
    public DbSet<FollowUpTask> FollowUpTasks => Set<FollowUpTask>();
    public DbSet<Outcome> Outcomes => Set<Outcome>();
    public DbSet<ConsentToShare> Consents => Set<ConsentToShare>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<LocalService> Services => Set<LocalService>();
    public DbSet<ServiceNeed> ServiceNeeds => Set<ServiceNeed>();
    public DbSet<ServiceLocation> ServiceLocations => Set<ServiceLocation>();
    public DbSet<ServiceArea> ServiceAreas => Set<ServiceArea>();
    public DbSet<OpeningTime> OpeningTimes => Set<OpeningTime>();
    public DbSet<ServiceContact> ServiceContacts => Set<ServiceContact>();
    public DbSet<DuplicateCandidate> DuplicateCandidates => Set<DuplicateCandidate>();
    public DbSet<PersonMerge> PersonMerges => Set<PersonMerge>();
    public DbSet<DirectoryApiKey> DirectoryApiKeys => Set<DirectoryApiKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<Team>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Covers).HasMaxLength(4000);
            e.HasIndex(t => t.Name).IsUnique();
            e.Ignore(t => t.AssessmentTargets);
            e.Property(t => t.FollowUpDays).HasMaxLength(50).HasDefaultValue(FollowUpIntervals.Default);
            e.Property(t => t.ImmediateAssessmentMinutes).HasDefaultValue(AssessmentTargets.Default.ImmediateMinutes);
            e.Property(t => t.TodayAssessmentMinutes).HasDefaultValue(AssessmentTargets.Default.TodayMinutes);
            e.Property(t => t.RoutineAssessmentMinutes).HasDefaultValue(AssessmentTargets.Default.RoutineMinutes);
        });
        b.Entity<TeamMembership>(e =>
        {
            e.HasKey(m => new { m.TeamId, m.UserId });
            e.HasOne(m => m.Team).WithMany(t => t.Members).HasForeignKey(m => m.TeamId);
            e.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId);
            e.HasIndex(m => m.UserId);
        });
        b.Entity<WaymarkUser>(e => e.Property(u => u.DisplayName).HasMaxLength(200));

        b.Entity<Person>(e =>
        {
            e.Property(p => p.GivenName).HasMaxLength(100);
            e.Property(p => p.FamilyName).HasMaxLength(100);
            e.Property(p => p.PreferredName).HasMaxLength(100);
            e.Property(p => p.GivenNameKey).HasMaxLength(100);
            e.Property(p => p.FamilyNameKey).HasMaxLength(100);
            e.Property(p => p.Gender).HasMaxLength(100);
            e.Property(p => p.EthnicCategory).HasMaxLength(2);
            e.Property(p => p.FirstLanguage).HasMaxLength(100);
            e.Property(p => p.CommunicationNeeds).HasMaxLength(2000);
            e.Property(p => p.Phone).HasMaxLength(30);
            e.Property(p => p.Email).HasMaxLength(254);
            e.Property(p => p.Address).HasMaxLength(500);
            e.Property(p => p.Postcode).HasMaxLength(10);
            e.Property(p => p.NhsNumber).HasMaxLength(10);
            e.Property(p => p.PncId).HasMaxLength(13);
            e.Property(p => p.GpPractice).HasMaxLength(200);
            e.Property(p => p.CreatedBy).HasMaxLength(450);
            e.Property(p => p.MergedByUserId).HasMaxLength(450);
            e.Property(p => p.Version).IsConcurrencyToken();
            // Prefix searches are index range scans on these (see PersonSearch).
            e.HasIndex(p => new { p.FamilyNameKey, p.GivenNameKey });
            e.HasIndex(p => new { p.GivenNameKey, p.FamilyNameKey });
            e.HasIndex(p => p.DateOfBirth);
            e.HasIndex(p => p.NhsNumber);
            e.HasIndex(p => p.PncId);
            e.HasMany(p => p.Aliases).WithOne().HasForeignKey(a => a.PersonId);
            e.HasMany(p => p.OtherDatesOfBirth).WithOne().HasForeignKey(a => a.PersonId);
            e.HasMany(p => p.OtherIdentifiers).WithOne().HasForeignKey(a => a.PersonId);
            e.HasMany(p => p.TeamLinks).WithOne().HasForeignKey(a => a.PersonId);
            e.HasQueryFilter(p => SeesAllTeams || p.TeamLinks.Any(l => l.TeamId == CurrentTeamId));
        });
        b.Entity<PersonAlias>(e =>
        {
            e.Property(a => a.GivenName).HasMaxLength(100);
            e.Property(a => a.FamilyName).HasMaxLength(100);
            e.Property(a => a.GivenNameKey).HasMaxLength(100);
            e.Property(a => a.FamilyNameKey).HasMaxLength(100);
            e.HasIndex(a => new { a.FamilyNameKey, a.GivenNameKey });
            e.HasIndex(a => new { a.GivenNameKey, a.FamilyNameKey });
            e.HasIndex(a => a.PersonId);
        });
        b.Entity<PersonOtherDateOfBirth>(e =>
        {
            e.HasIndex(a => a.DateOfBirth);
            e.HasIndex(a => a.PersonId);
        });
        b.Entity<PersonIdentifier>(e =>
        {
            e.Property(a => a.Kind).HasMaxLength(100);
            e.Property(a => a.Value).HasMaxLength(100);
            e.HasIndex(a => a.PersonId);
            e.HasIndex(a => a.Value);
        });
        b.Entity<PersonTeamLink>(e =>
        {
            e.HasKey(l => new { l.PersonId, l.TeamId });
            e.HasIndex(l => new { l.TeamId, l.PersonId });
            e.Property(l => l.GivenNameKey).HasMaxLength(100);
            e.Property(l => l.FamilyNameKey).HasMaxLength(100);
            e.HasIndex(l => new { l.TeamId, l.FamilyNameKey, l.GivenNameKey });
            e.HasIndex(l => new { l.TeamId, l.GivenNameKey, l.FamilyNameKey });
            e.HasOne<Team>().WithMany().HasForeignKey(l => l.TeamId);
        });
        b.Entity<PersonMatchKey>(e =>
        {
            // Keys belong to a team link: removing the link removes its keys.
            e.HasKey(k => new { k.PersonId, k.TeamId, k.Rule, k.Key });
            e.HasOne<PersonTeamLink>().WithMany().HasForeignKey(k => new { k.PersonId, k.TeamId }).OnDelete(DeleteBehavior.Cascade);
            e.Property(k => k.Key).HasMaxLength(PersonMatchKey.MaxKeyLength);
            // The look-up's probe: one team, one rule, one key; PersonId included so the index alone answers it.
            e.HasIndex(k => new { k.TeamId, k.Rule, k.Key, k.PersonId });
            e.HasQueryFilter(k => SeesAllTeams || k.TeamId == CurrentTeamId);
        });
        b.Entity<MatchDecision>(e =>
        {
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.GivenName).HasMaxLength(100);
            e.Property(x => x.FamilyName).HasMaxLength(100);
            e.Property(x => x.NhsNumber).HasMaxLength(10);
            e.Property(x => x.PncId).HasMaxLength(13);
            e.Property(x => x.Postcode).HasMaxLength(10);
            e.Ignore(x => x.Request);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.TeamId, x.At });
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => x.DraftId);
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId);
        });

        b.Entity<Episode>(e =>
        {
            e.Property(x => x.SettingReference).HasMaxLength(100);
            e.Property(x => x.IdentifiedBySource).HasMaxLength(200);
            e.Property(x => x.IdentificationReason).HasMaxLength(4000);
            e.Property(x => x.VulnerabilityPrompts).HasMaxLength(500);
            e.Property(x => x.ClosureNote).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Status);
            e.Ignore(x => x.IsOpen);
            e.Ignore(x => x.Vulnerabilities);
            e.HasOne(x => x.Person).WithMany(p => p.Episodes).HasForeignKey(x => x.PersonId);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
            e.HasOne<WaymarkUser>().WithMany().HasForeignKey(x => x.KeyWorkerId).OnDelete(DeleteBehavior.Restrict);
            // Caseload queries: a team's open episodes, newest first, optionally by key worker.
            e.HasIndex(x => new { x.TeamId, x.ClosedAt, x.IdentifiedAt });
            e.HasIndex(x => new { x.TeamId, x.KeyWorkerId, x.ClosedAt });
            e.HasIndex(x => new { x.TeamId, x.AssessmentDueAt });
            e.HasIndex(x => x.PersonId);
            // A team sees all episodes of a person it can see: the history is theirs to know. Its own
            // episodes are tested first so caseload queries need no join to decide visibility.
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
                || Set<PersonTeamLink>().Any(l => l.PersonId == x.PersonId && l.TeamId == CurrentTeamId));
        });

        // Screening and assessment: read like episodes (the team that holds the work, and any team
        // that knows the person); changed only by the team that holds the episode (the services check).
        b.Entity<InstrumentCompletion>(e =>
        {
            e.Property(x => x.InstrumentId).HasMaxLength(100);
            e.Property(x => x.InstrumentVersion).HasMaxLength(50);
            e.Property(x => x.InstrumentTitle).HasMaxLength(200);
            e.Property(x => x.AnswersJson).HasMaxLength(8000);
            e.Property(x => x.Band).HasMaxLength(200);
            e.Property(x => x.Flags).HasMaxLength(4000);
            e.Property(x => x.Outcomes).HasMaxLength(4000);
            e.Property(x => x.SubscalesJson).HasMaxLength(2000);
            e.Ignore(x => x.FlagList);
            e.Ignore(x => x.OutcomeList);
            e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
            e.HasIndex(x => new { x.EpisodeId, x.CompletedAt });
            e.HasIndex(x => new { x.PersonId, x.CompletedAt });
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
                || Set<PersonTeamLink>().Any(l => l.PersonId == x.PersonId && l.TeamId == CurrentTeamId));
        });
        b.Entity<ScreeningOutcome>(e =>
        {
            e.Property(x => x.Needs).HasMaxLength(1000);
            e.Property(x => x.RiskNotes).HasMaxLength(4000);
            e.Property(x => x.SignpostedTo).HasMaxLength(500);
            e.Property(x => x.Notes).HasMaxLength(4000);
            e.Ignore(x => x.NeedCodes);
            e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
            e.HasIndex(x => new { x.EpisodeId, x.Sequence }).IsUnique();
            e.HasIndex(x => new { x.PersonId, x.RecordedAt });
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
                || Set<PersonTeamLink>().Any(l => l.PersonId == x.PersonId && l.TeamId == CurrentTeamId));
        });
        b.Entity<PsychosocialAssessment>(e =>
        {
            e.ToTable("Assessments");
            e.Property(x => x.WhatMattersToMe).HasMaxLength(4000);
            e.Property(x => x.RiskSummary).HasMaxLength(8000);
            e.Property(x => x.AdultSafeguardingDetails).HasMaxLength(4000);
            e.Property(x => x.AdultSafeguardingAction).HasMaxLength(4000);
            e.Property(x => x.ChildSafeguardingDetails).HasMaxLength(4000);
            e.Property(x => x.ChildSafeguardingAction).HasMaxLength(4000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.NeedsFound);
            e.Ignore(x => x.PersonsPriorities);
            e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
            e.HasIndex(x => x.EpisodeId).IsUnique();
            e.HasIndex(x => new { x.PersonId, x.UpdatedAt });
            e.HasMany(x => x.Needs).WithOne().HasForeignKey(n => n.AssessmentId);
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
                || Set<PersonTeamLink>().Any(l => l.PersonId == x.PersonId && l.TeamId == CurrentTeamId));
        });
        b.Entity<AssessedNeed>(e =>
        {
            e.HasKey(x => new { x.AssessmentId, x.Domain });
            e.Property(x => x.Domain).HasMaxLength(50);
            e.Property(x => x.Notes).HasMaxLength(4000);
            e.Property(x => x.InTheirWords).HasMaxLength(1000);
        });
        b.Entity<FormulationRevision>(e =>
        {
            e.Property(x => x.CoreProblems).HasMaxLength(8000);
            e.Property(x => x.HowTheyRelate).HasMaxLength(8000);
            e.Property(x => x.WhatMaintainsThem).HasMaxLength(8000);
            e.Property(x => x.Plan).HasMaxLength(8000);
            e.Property(x => x.ChangeNote).HasMaxLength(1000);
            e.HasIndex(x => new { x.TeamId, x.PersonId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.PersonId, x.WrittenAt });
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
                || Set<PersonTeamLink>().Any(l => l.PersonId == x.PersonId && l.TeamId == CurrentTeamId));
        });

        // Referrals and what follows them: read like episodes, changed only by the team holding the episode.
        b.Entity<Referral>(e =>
        {
            e.Property(x => x.ServiceName).HasMaxLength(300);
            e.Property(x => x.Need).HasMaxLength(50);
            e.Property(x => x.SupportPlan).HasMaxLength(1000);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.CreatedByUserId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Status);
            e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
            e.HasOne<LocalService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ReferralId);
            e.HasIndex(x => new { x.EpisodeId, x.CreatedAt });
            e.HasIndex(x => new { x.PersonId, x.CreatedAt });
            e.HasIndex(x => new { x.TeamId, x.ServiceId, x.CreatedAt });
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
                || Set<PersonTeamLink>().Any(l => l.PersonId == x.PersonId && l.TeamId == CurrentTeamId));
        });
        b.Entity<ReferralEvent>(e =>
        {
            e.Property(x => x.ByUserId).HasMaxLength(450);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasIndex(x => new { x.ReferralId, x.Sequence }).IsUnique();
        });
        b.Entity<FollowUpTask>(e =>
        {
            e.Property(x => x.AssignedToUserId).HasMaxLength(450);
            e.Property(x => x.DoneByUserId).HasMaxLength(450);
            e.Property(x => x.DoneNote).HasMaxLength(2000);
            e.Property(x => x.ClosedReason).HasMaxLength(200);
            e.Ignore(x => x.IsOpen);
            e.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId);
            e.HasIndex(x => new { x.ReferralId, x.Number }).IsUnique();
            // My tasks, the team's overdue list and the caseload's overdue flag: open tasks by due time.
            e.HasIndex(x => new { x.AssignedToUserId, x.DoneAt, x.ClosedAt, x.DueAt });
            e.HasIndex(x => new { x.TeamId, x.DoneAt, x.ClosedAt, x.DueAt });
            e.HasIndex(x => new { x.EpisodeId, x.DoneAt, x.ClosedAt, x.DueAt });
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId);
        });
        b.Entity<Outcome>(e =>
        {
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.RecordedByUserId).HasMaxLength(450);
            e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
            e.HasIndex(x => new { x.EpisodeId, x.On });
            e.HasIndex(x => new { x.TeamId, x.On });
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
                || Set<PersonTeamLink>().Any(l => l.PersonId == x.PersonId && l.TeamId == CurrentTeamId));
        });
        b.Entity<ConsentToShare>(e =>
        {
            e.ToTable("Consents");
            e.Property(x => x.What).HasMaxLength(2000);
            e.Property(x => x.WithWhom).HasMaxLength(500);
            e.Property(x => x.RecordedByUserId).HasMaxLength(450);
            e.Property(x => x.WithdrawnByUserId).HasMaxLength(450);
            e.Ignore(x => x.Stands);
            e.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId);
            e.HasIndex(x => new { x.ReferralId, x.RecordedAt });
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId);
        });

        // The local services directory: each team's own (team-scoped like people).
        b.Entity<Organisation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Website).HasMaxLength(500);
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.Phone).HasMaxLength(50);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
            e.HasIndex(x => new { x.TeamId, x.Name });
            e.HasMany(x => x.Services).WithOne(x => x.Organisation).HasForeignKey(x => x.OrganisationId);
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId);
        });
        b.Entity<LocalService>(e =>
        {
            e.ToTable("Services");
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Url).HasMaxLength(500);
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.Phone).HasMaxLength(50);
            e.Property(x => x.Eligibility).HasMaxLength(4000);
            e.Property(x => x.HowToRefer).HasMaxLength(4000);
            e.Property(x => x.ReferralRequirements).HasMaxLength(4000);
            e.Property(x => x.DropInDetails).HasMaxLength(1000);
            e.Property(x => x.LastVerifiedBy).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.TeamId, x.Name });
            e.HasIndex(x => new { x.TeamId, x.LastVerifiedAt });
            e.HasMany(x => x.Needs).WithOne().HasForeignKey(x => x.ServiceId);
            e.HasMany(x => x.Locations).WithOne().HasForeignKey(x => x.ServiceId);
            e.HasMany(x => x.Areas).WithOne().HasForeignKey(x => x.ServiceId);
            e.HasMany(x => x.OpeningTimes).WithOne().HasForeignKey(x => x.ServiceId);
            e.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.ServiceId);
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId);
        });
        b.Entity<ServiceNeed>(e =>
        {
            e.HasKey(x => new { x.ServiceId, x.Domain });
            e.Property(x => x.Domain).HasMaxLength(50);
            e.HasIndex(x => new { x.Domain, x.ServiceId });
        });
        b.Entity<ServiceLocation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Address).HasMaxLength(500);
            e.Property(x => x.Town).HasMaxLength(100);
            e.Property(x => x.Postcode).HasMaxLength(10);
            e.Property(x => x.PostcodeDistrict).HasMaxLength(4);
            e.HasIndex(x => x.ServiceId);
            e.HasIndex(x => new { x.PostcodeDistrict, x.ServiceId });
        });
        b.Entity<ServiceArea>(e =>
        {
            e.HasKey(x => new { x.ServiceId, x.District });
            e.Property(x => x.District).HasMaxLength(4);
            e.HasIndex(x => new { x.District, x.ServiceId });
        });
        b.Entity<OpeningTime>(e =>
        {
            e.HasIndex(x => new { x.ServiceId, x.Day });
        });
        b.Entity<ServiceContact>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(200);
            e.Property(x => x.Phone).HasMaxLength(50);
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.RelationshipNotes).HasMaxLength(2000);
            e.HasIndex(x => x.ServiceId);
        });
        // Partner agencies' keys to the read API. Looked up by hash before any team is known (the key
        // decides the team), so that one lookup ignores the filter; everything else sees the team's own.
        b.Entity<DirectoryApiKey>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.KeyHash).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(450);
            e.Property(x => x.RevokedBy).HasMaxLength(450);
            e.Ignore(x => x.IsRevoked);
            e.HasIndex(x => x.KeyHash).IsUnique();
            e.HasIndex(x => new { x.TeamId, x.Name });
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId);
        });

        b.Entity<IdentificationDraft>(e =>
        {
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.SettingReference).HasMaxLength(100);
            e.Property(x => x.IdentifiedBySource).HasMaxLength(200);
            e.Property(x => x.IdentificationReason).HasMaxLength(4000);
            e.Property(x => x.VulnerabilityPrompts).HasMaxLength(500);
            e.Property(x => x.GivenName).HasMaxLength(100);
            e.Property(x => x.FamilyName).HasMaxLength(100);
            e.Property(x => x.NhsNumber).HasMaxLength(10);
            e.Property(x => x.PncId).HasMaxLength(13);
            e.Property(x => x.Postcode).HasMaxLength(10);
            e.HasIndex(x => new { x.UserId, x.StartedAt });
            // A draft belongs to the user who started it, in the team they started it in.
            e.HasQueryFilter(x => SeesAllTeams || (x.TeamId == CurrentTeamId && x.UserId == _user.UserId));
        });

        // Duplicates: a team's own queue and decisions (ADR 12).
        b.Entity<DuplicateCandidate>(e =>
        {
            e.Property(x => x.Reasons).HasMaxLength(4000);
            e.Property(x => x.DecidedByUserId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.TeamId, x.PersonAId, x.PersonBId }).IsUnique();
            // The queue: a team's undecided pairs, most probable first.
            e.HasIndex(x => new { x.TeamId, x.Decision, x.Probability, x.Weight });
            e.HasIndex(x => x.PersonAId);
            e.HasIndex(x => x.PersonBId);
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonAId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonBId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId);
        });
        b.Entity<PersonMerge>(e =>
        {
            e.Property(x => x.MergedByUserId).HasMaxLength(450);
            e.Property(x => x.UndoneByUserId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Moves);
            e.Ignore(x => x.Snapshot);
            e.HasIndex(x => x.KeptPersonId);
            e.HasIndex(x => x.MergedPersonId);
            e.HasIndex(x => new { x.TeamId, x.MergedAt });
            e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.KeptPersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.MergedPersonId).OnDelete(DeleteBehavior.Restrict);
            // The merging team, and any team that knows the kept person (so a merged record's old
            // address can say where the person is now).
            e.HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
                || Set<PersonTeamLink>().Any(l => l.PersonId == x.KeptPersonId && l.TeamId == CurrentTeamId));
        });

        b.Entity<AuditEvent>(e =>
        {
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.Role).HasMaxLength(50);
            e.Property(x => x.RecordType).HasMaxLength(50);
            e.Property(x => x.RecordId).HasMaxLength(100);
            e.Property(x => x.Purpose).HasMaxLength(2000);
            e.Property(x => x.Detail).HasMaxLength(2000);
            e.HasIndex(x => new { x.PersonId, x.At });
            e.HasIndex(x => new { x.UserId, x.At });
            e.HasIndex(x => new { x.TeamId, x.At });
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        MatchKeys.SyncAsync(this, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        await MatchKeys.SyncAsync(this, async: true, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BeforeSave()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEvent && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("Audit events are append-only.");
            if (entry.Entity is IVersioned v && entry.State == EntityState.Modified)
                v.Version = Guid.NewGuid();
            // Name keys (and their copies on team links) always follow the names.
            if (entry.Entity is Person p && entry.State is EntityState.Added or EntityState.Modified)
                p.RefreshKeys();
        }
    }
}
