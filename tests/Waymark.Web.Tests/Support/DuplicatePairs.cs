using Waymark.Audit;
using Waymark.Duplicates;
using Waymark.People;

namespace Waymark.Web.Tests.Support;

/// <summary>Duplicate pairs put straight into the database, for pages that need one without scanning a whole team.</summary>
public static class DuplicatePairs
{
    public static async Task<(Person A, Person B, Guid CandidateId)> PlantPairAsync(this TestData data, Guid teamId)
    {
        var family = TestData.UniqueName("Pair");
        var a = await data.AddPersonAsync(teamId, "Jon", family, new DateOnly(1985, 12, 3));
        var b = await data.AddPersonAsync(teamId, "John", family, new DateOnly(1985, 3, 12));
        var (x, y) = DuplicateCandidate.Order(a.Id, b.Id);
        var candidate = new DuplicateCandidate
        {
            TeamId = teamId, PersonAId = x, PersonBId = y, Weight = 12, Probability = 0.9997, FoundAt = DateTimeOffset.UtcNow,
            Reasons = "First name: known nickname (Jon → John), +4.6\nLast name: the same, a name shared by few (0.1% of records), +12.0\nDate of birth: day and month swapped (03/12/1985 vs 12/03/1985), +8.6",
        };
        await data.ChangeAsync(db =>
        {
            db.DuplicateCandidates.Add(candidate);
            return Task.CompletedTask;
        });
        return (a, b, candidate.Id);
    }

    /// <summary>A planted pair merged (by the system actor, for the team): returns the kept and merged people and the merge.</summary>
    public static async Task<(Person Kept, Person Merged, Guid MergeId)> MergedPairAsync(this TestData data, Guid teamId)
    {
        var (a, b, candidateId) = await data.PlantPairAsync(teamId);
        var mergeId = await data.QueryAsync(async db =>
        {
            var merging = new PersonMerging(db, new Auditor(db, db.CurrentUser, TimeProvider.System), db.CurrentUser, TimeProvider.System);
            var candidate = db.DuplicateCandidates.Single(c => c.Id == candidateId);
            var versions = candidate.PersonAId == a.Id ? new DecisionVersions(candidate.Version, a.Version, b.Version) : new DecisionVersions(candidate.Version, b.Version, a.Version);
            return (await merging.MergeAsync(candidateId, a.Id, versions))!.Id;
        });
        return (a, b, mergeId);
    }
}
