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
/// the model itself (global query filters, applied by convention in <see cref="TeamScoping"/>), so no page
/// can forget to scope a query. Each capability's tables are mapped beside it (its XxxMappings.cs); this
/// class keeps the sets and the cross-cutting rules of saving (versions, append-only audit, match keys).
/// </summary>
public abstract partial class WaymarkDbContext : IdentityDbContext<WaymarkUser>, IDataProtectionKeyContext
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
    public DbSet<UserSession> UserSessions => Set<UserSession>();
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
        // Each capability maps its own rows (XxxMappings.cs beside its entities); team filters follow by convention.
        b.ApplyConfigurationsFromAssembly(typeof(WaymarkDbContext).Assembly);
        ApplyTeamScoping(b);
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
            // So do the directory's folded search texts.
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                if (entry.Entity is ServiceDirectory.LocalService s) s.RefreshSearchText();
                else if (entry.Entity is ServiceDirectory.Organisation o) o.RefreshSearchText();
            }
        }
    }
}
