using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Identification;
using Waymark.Matching.Synthetic;
using Waymark.People;
using Waymark.Persistence;
using static BenchStats;

/// <summary>
/// "Do we know this person?" at scale: near-miss probes of people the team knows (the mistakes
/// UkPeopleGenerator makes its duplicates with), each looked up through ProbabilisticPersonLookup with a
/// new DbContext, as a request would. Reports latency and blocking recall (the true person among the
/// candidates fetched) on stdout as markdown.
/// </summary>
internal static class LookupBench
{
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser user, Guid teamId, List<Guid> sample,
        DatabaseProvider kind, int people, int teams, long totalPeople, long aliases, long teamPeople, string dataSize, TimeSpan? loadTime,
        int iterations, int warmup)
    {
        var models = new TeamMatchModels(TimeProvider.System, new LookupModelOptions { Lifetime = TimeSpan.FromDays(1) });
        var sw = Stopwatch.StartNew();
        TeamMatchModel model;
        await using (var db = context(user)) model = await models.ForTeamAsync(db, teamId);
        var modelTime = sw.Elapsed;
        Console.Error.WriteLine($"Model in {modelTime.TotalSeconds:0.0} s: {model.Report}");
        long keys;
        await using (var db = context(user)) keys = await db.PersonMatchKeys.LongCountAsync(k => k.TeamId == teamId);

        List<PersonMatchRow> truth;
        await using (var db = context(user))
            truth = await PersonMatchRows.Query(db.People.Where(p => sample.Contains(p.Id))).AsSplitQuery().ToListAsync();
        var rng = new Random(11);
        var errors = new DataEntryErrors(rng);
        var probes = truth.Select(p => (Truth: p.Id, Request: Probe(p, rng, errors))).Where(x => x.Request is not null).Select(x => (x.Truth, Request: x.Request!)).ToList();

        async Task<LookupResult> Find(LookupRequest r)
        {
            await using var db = context(user);
            return await new ProbabilisticPersonLookup(db, models).FindAsync(r);
        }
        for (var i = 0; i < warmup; i++) await Find(probes[i % probes.Count].Request);

        var n = Math.Max(iterations, probes.Count);
        var ms = new double[n];
        int shown = 0, top = 0, candidatesTotal = 0, fetched = 0;
        var outcomes = new Dictionary<LookupOutcome, int>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var (id, request) = probes[i % probes.Count];
            var t = Stopwatch.GetTimestamp();
            var result = await Find(request);
            ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (i >= probes.Count) continue;
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            if (result.Candidates.Any(c => c.Person.Id == id)) shown++;
            if (result.Candidates.Count > 0 && result.Candidates[0].Person.Id == id) top++;
            candidatesTotal += result.Candidates.Count;
        }
        var seconds = total.Elapsed.TotalSeconds;
        // Blocking recall, measured apart from the timings: is the true person among the candidates fetched?
        var sizes = new List<int>();
        var fetchMs = new double[probes.Count];
        var loadMs = new double[probes.Count];
        var f = 0;
        foreach (var (id, request) in probes)
        {
            await using var db = context(user);
            var t = Stopwatch.GetTimestamp();
            var ids = await new ProbabilisticPersonLookup(db, models).CandidateIdsAsync(request);
            fetchMs[f] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            var idList = ids.ToList();
            var rows = await PersonMatchRows.Query(db.People.Where(p => idList.Contains(p.Id))).AsNoTracking().ToListAsync();
            loadMs[f++] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            sizes.Add(ids.Count);
            if (ids.Contains(id)) fetched++;
        }
        sizes.Sort();

        var ic = CultureInfo.InvariantCulture;
        var p = probes.Count;
        Console.WriteLine(string.Create(ic, $"### Person look-up, {ProviderName(kind)}, {people:N0} generated people, {teams} team{(teams == 1 ? "" : "s")}"));
        Console.WriteLine();
        Console.WriteLine(string.Create(ic, $"Data: {totalPeople:N0} people ({aliases:N0} aliases); the team looked up in sees {teamPeople:N0} people, with {keys:N0} blocking keys. Database size {dataSize}."));
        if (loadTime is { } lt) Console.WriteLine(string.Create(ic, $"Load (waymark demo, then waymark people generate --count {people:N0} --teams {teams}): {lt.TotalSeconds:0} s."));
        Console.WriteLine(string.Create(ic, $"Team model: {model.Report} (first look-up only: {modelTime.TotalSeconds:0.0} s)."));
        Console.WriteLine(string.Create(ic, $"{p} probes: the team's people at random, typed with the generator's mistakes; {warmup} warm-up, then {n} look-ups, one client, a new DbContext each."));
        Console.WriteLine();
        Console.WriteLine("| Look-up | median ms | p95 ms | p99 ms | max ms | look-ups/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(ic, $"| IPersonLookup.FindAsync | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {Percentile(ms, 0.99):0.0} | {ms.Max():0.0} | {n / seconds:0} |"));
        Console.WriteLine(string.Create(ic, $"| of which: the candidate query alone | {Percentile(fetchMs, 0.5):0.0} | {Percentile(fetchMs, 0.95):0.0} | {Percentile(fetchMs, 0.99):0.0} | {fetchMs.Max():0.0} | |"));
        Console.WriteLine(string.Create(ic, $"| of which: loading the candidates | {Percentile(loadMs, 0.5):0.0} | {Percentile(loadMs, 0.95):0.0} | {Percentile(loadMs, 0.99):0.0} | {loadMs.Max():0.0} | |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(ic, $"- Blocking recall: {fetched}/{p} = {(double)fetched / p:P1} of probes had their true person among the candidates fetched (median {sizes[sizes.Count / 2]}, p95 {sizes[(int)(sizes.Count * 0.95)]}, max {sizes[^1]} candidates)."));
        Console.WriteLine(string.Create(ic, $"- Shown: the true person was among the ranked candidates for {shown}/{p} = {(double)shown / p:P1}, first for {top}/{p} = {(double)top / p:P1}; {candidatesTotal / (double)p:0.0} candidates shown on average."));
        Console.WriteLine("- Outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => string.Create(ic, $"{o.Key} {o.Value}"))) + ".");
        return 0;
    }

    /// <summary>What a practitioner might type for this person: the generator's kinds of mistake, at its rates.</summary>
    private static LookupRequest? Probe(PersonMatchRow p, Random rng, DataEntryErrors errors)
    {
        var (given, family) = p.Aliases.Count > 0 && rng.Next(100) < 30 ? (p.Aliases[0].GivenNames ?? "", p.Aliases[0].FamilyName ?? "") : (p.GivenName, p.FamilyName);
        var roll = rng.Next(100);
        if (roll < 20 && errors.OtherForm(given) is { } other) given = other;
        else if (roll < 28) given = errors.Typo(given);
        else if (roll < 31) given = given[..1];
        else if (roll < 34) given = "";
        roll = rng.Next(100);
        if (roll < 8) family = errors.Typo(family);
        else if (roll < 13) family = errors.SoundAlike(family);
        else if (roll < 15) family = "";
        if (rng.Next(100) < 5) (given, family) = (family, given);

        var dob = p.OtherDatesOfBirth.Count > 0 && rng.Next(100) < 30 ? p.OtherDatesOfBirth[0] : p.DateOfBirth;
        if (dob is { } d)
        {
            var text = d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            roll = rng.Next(100);
            if (roll < 6 && d.Day <= 12 && d.Day != d.Month) text = string.Create(CultureInfo.InvariantCulture, $"{d.Year:0000}{d.Day:00}{d.Month:00}");
            else if (roll < 12) text = errors.DigitTypo(text);
            else if (roll < 15) text = errors.Transpose(text);
            else if (roll < 19) text = "";
            else if (roll < 21) text = d.AddYears(rng.Next(2) == 0 ? -1 : 1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            // The form refuses a date that does not exist: then none is given.
            dob = DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        }
        var postcode = p.Postcode is { } pc && rng.Next(100) < 50 ? (rng.Next(100) < 10 ? errors.Typo(pc) : pc) : null;
        var sex = rng.Next(100) < 95 ? p.Sex : Sex.NotKnown;
        // People at custody rarely know their NHS number; the PNC ID is sometimes on the custody record.
        var nhs = rng.Next(100) < 10 ? p.NhsNumber : null;
        var pnc = rng.Next(100) < 10 ? p.PncId : null;
        if (given.Length == 0 && family.Length == 0 && dob is null) return null;
        return new LookupRequest(given, family, dob, sex, nhs, pnc, postcode);
    }
}
