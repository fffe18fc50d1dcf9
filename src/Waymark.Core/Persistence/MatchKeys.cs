using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Waymark.Identification;
using Waymark.Matching;
using Waymark.People;

namespace Waymark.Persistence;

/// <summary>
/// Keeps <see cref="PersonMatchKey"/> rows in step with what they are made from, inside the SaveChanges
/// that changes it: a person's names, date of birth or postcode, an alias, another date of birth, or a
/// team link. Whatever part of the person is not in memory is loaded (every team's links, regardless of
/// the current user's team: a rename by one team must reach the keys of every team that knows them), the
/// keys are worked out again, and only the difference is written.
/// </summary>
internal static class MatchKeys
{
    private static readonly string[] KeyedProperties = [nameof(Person.GivenName), nameof(Person.FamilyName), nameof(Person.DateOfBirth), nameof(Person.Postcode)];

    public static async Task SyncAsync(WaymarkDbContext db, bool async, CancellationToken ct)
    {
        var affected = new HashSet<Guid>();
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (e.Entity)
            {
                case Person p when e.State == EntityState.Added
                                   || (e.State == EntityState.Modified && KeyedProperties.Any(n => e.Property(n).IsModified)):
                    affected.Add(p.Id);
                    break;
                case PersonAlias a: affected.Add(a.PersonId); break;
                case PersonOtherDateOfBirth d: affected.Add(d.PersonId); break;
                case PersonTeamLink l: affected.Add(l.PersonId); break;
            }
        }
        if (affected.Count == 0) return;

        var people = new Dictionary<Guid, EntityEntry<Person>>();
        foreach (var e in db.ChangeTracker.Entries<Person>())
            if (affected.Contains(e.Entity.Id)) people[e.Entity.Id] = e;
        // A deleted person's keys go with their team links (cascade).
        affected.RemoveWhere(id => people.TryGetValue(id, out var e) && e.State == EntityState.Deleted);
        if (affected.Count == 0) return;

        var missing = affected.Where(id => !people.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var q = db.People.IgnoreQueryFilters().Where(p => missing.Contains(p.Id))
                .Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth).Include(p => p.TeamLinks).AsSplitQuery();
            foreach (var p in async ? await q.ToListAsync(ct) : q.ToList()) people[p.Id] = db.Entry(p);
        }
        foreach (var (_, e) in people)
        {
            if (!affected.Contains(e.Entity.Id) || e.State == EntityState.Added) continue;
            foreach (var c in new CollectionEntry[] { e.Collection(p => p.Aliases), e.Collection(p => p.OtherDatesOfBirth), e.Collection(p => p.TeamLinks) })
            {
                if (c.IsLoaded) continue;
                if (async) await c.LoadAsync(ct); else c.Load();
            }
        }

        bool Live(object o) => db.Entry(o).State is not (EntityState.Deleted or EntityState.Detached);
        var wanted = new HashSet<(Guid, Guid, BlockingRule, string)>();
        foreach (var id in affected)
        {
            if (!people.TryGetValue(id, out var e)) continue; // the person is gone: nothing to key
            var p = e.Entity;
            var record = PersonMatching.ToMatchRecord(p,
                p.Aliases.Where(Live).Select(a => new PersonName(a.GivenName, a.FamilyName)),
                p.OtherDatesOfBirth.Where(Live).Select(d => d.DateOfBirth));
            foreach (var k in PersonMatching.KeyRows(p.Id, p.TeamLinks.Where(Live).Select(l => l.TeamId), record))
                wanted.Add((k.PersonId, k.TeamId, k.Rule, k.Key));
        }

        var existing = new HashSet<PersonMatchKey>(ReferenceEqualityComparer.Instance);
        foreach (var e in db.ChangeTracker.Entries<PersonMatchKey>())
            if (affected.Contains(e.Entity.PersonId)) existing.Add(e.Entity);
        var stored = affected.Where(id => people.TryGetValue(id, out var e) && e.State != EntityState.Added).ToList();
        if (stored.Count > 0)
        {
            var q = db.PersonMatchKeys.IgnoreQueryFilters().Where(k => stored.Contains(k.PersonId));
            foreach (var k in async ? await q.ToListAsync(ct) : q.ToList()) existing.Add(k);
        }

        var have = new HashSet<(Guid, Guid, BlockingRule, string)>();
        foreach (var k in existing)
        {
            if (db.Entry(k).State == EntityState.Deleted) continue;
            var key = (k.PersonId, k.TeamId, k.Rule, k.Key);
            if (wanted.Contains(key)) have.Add(key);
            else db.PersonMatchKeys.Remove(k);
        }
        foreach (var (person, team, rule, key) in wanted)
            if (!have.Contains((person, team, rule, key)))
                db.PersonMatchKeys.Add(new PersonMatchKey { PersonId = person, TeamId = team, Rule = rule, Key = key });
    }
}
