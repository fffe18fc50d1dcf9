using System.Globalization;
using Waymark.People;

namespace Waymark.Matching;

/// <summary>
/// Ways of picking the pairs worth scoring. A pair is a candidate when it shares a key under any rule.
/// Each rule catches what the others miss: a wrong date of birth, a changed surname, swapped names.
/// </summary>
public enum BlockingRule
{
    /// <summary>Same valid NHS number.</summary>
    NhsNumber,
    /// <summary>Same valid PNC ID.</summary>
    PncId,
    /// <summary>Same value of another identifier of the same kind.</summary>
    Identifier,
    /// <summary>Same date of birth (any date either has given).</summary>
    DateOfBirth,
    /// <summary>Last name sounds the same, and same year of birth.</summary>
    FamilySoundAndBirthYear,
    /// <summary>First name sounds the same, and same day and month of birth (catches a changed surname or a wrong year).</summary>
    GivenSoundAndBirthDayMonth,
    /// <summary>First and last names sound the same, in either order (catches swapped names and a wrong date of birth).</summary>
    NamesSoundEitherOrder,
    /// <summary>Same postcode.</summary>
    Postcode,
    /// <summary>
    /// A word of any name, given or family, main or other ("Ní Bhriain" → nibhriain, ni, bhriain; see
    /// <see cref="People.NameKey.Words"/>). Too coarse to pair records (not in <see cref="BlockingIndex.DefaultRules"/>):
    /// stored so Find a person can look up any word of a name as an index range.
    /// </summary>
    NameWord,
    /// <summary>
    /// The sound-alike code (<see cref="Metaphone"/>) of a word of any name, particles left out ("Smyth" → SM0). Not in
    /// <see cref="BlockingIndex.DefaultRules"/>: stored so Find a person can forgive spelling with an index probe.
    /// </summary>
    NameSound,
}

public sealed record BlockingOptions
{
    public IReadOnlyList<BlockingRule> Rules { get; init; } = BlockingIndex.DefaultRules;
    /// <summary>Blocks with more records than this are skipped (a placeholder date like 01/01/1900, a hostel's postcode)
    /// and counted in <see cref="BlockingIndex.SkippedBlocks"/>; the other rules still reach those people.</summary>
    public int MaxBlockSize { get; init; } = 1000;
}

/// <summary>Called for each candidate pair; one visitor per worker thread, so it needs no locking.</summary>
public interface IPairVisitor
{
    void Visit(int left, int right);
}

/// <summary>How many true pairs the blocking rules would bring together.</summary>
public sealed record BlockingRecall(long TruePairs, long Found)
{
    public double Recall => TruePairs == 0 ? 1 : (double)Found / TruePairs;
}

/// <summary>
/// An in-memory index of blocking keys over one set of records (to find duplicates) or two (to link
/// them). Each rule's keys are hashed to 64 bits and sorted, so a block is a run of equal keys and a
/// look-up is a binary search. A pair sharing keys under several rules is produced once: only at the
/// first key (by rule, then key) it shares.
/// </summary>
public sealed class BlockingIndex
{
    public static readonly IReadOnlyList<BlockingRule> DefaultRules =
    [
        BlockingRule.NhsNumber, BlockingRule.PncId, BlockingRule.Identifier, BlockingRule.DateOfBirth,
        BlockingRule.FamilySoundAndBirthYear, BlockingRule.GivenSoundAndBirthDayMonth, BlockingRule.NamesSoundEitherOrder, BlockingRule.Postcode,
    ];

    private readonly BlockingRule[] _rules;
    private readonly int _maxBlock;
    private readonly int _left;
    private readonly int _right;
    // Per record and rule: its distinct keys, sorted, at _keys[_offsets[g * (R + 1) + r] .. _offsets[g * (R + 1) + r + 1]).
    private readonly ulong[] _keys;
    private readonly int[] _offsets;
    // Per rule: every (key, record) sorted by key.
    private readonly ulong[][] _sortedKeys;
    private readonly int[][] _sortedRecords;
    private readonly HashSet<ulong>[] _oversize;
    private readonly long[] _rawPairs;

    public bool IsLink { get; }
    public int LeftCount => _left;
    public int RightCount => IsLink ? _right : _left;
    public IReadOnlyList<BlockingRule> Rules => _rules;
    public long SkippedBlocks { get; }

    private BlockingIndex(IReadOnlyList<PreparedRecord> left, IReadOnlyList<PreparedRecord>? right, BlockingOptions? options)
    {
        options ??= new BlockingOptions();
        _rules = [.. options.Rules];
        _maxBlock = options.MaxBlockSize;
        IsLink = right is not null;
        _left = left.Count;
        _right = right?.Count ?? 0;
        var total = _left + _right;
        var r = _rules.Length;
        _offsets = new int[total * (r + 1) + 1];
        var keys = new List<ulong>(total * r);
        var scratch = new List<ulong>(8);
        for (var g = 0; g < total; g++)
        {
            var rec = g < _left ? left[g] : right![g - _left];
            for (var k = 0; k < r; k++)
            {
                _offsets[g * (r + 1) + k] = keys.Count;
                scratch.Clear();
                AddKeys(rec, _rules[k], scratch);
                scratch.Sort();
                for (var i = 0; i < scratch.Count; i++)
                    if (i == 0 || scratch[i] != scratch[i - 1]) keys.Add(scratch[i]);
            }
            _offsets[g * (r + 1) + r] = keys.Count;
        }
        _offsets[^1] = keys.Count;
        _keys = [.. keys];

        _sortedKeys = new ulong[r][];
        _sortedRecords = new int[r][];
        _oversize = new HashSet<ulong>[r];
        _rawPairs = new long[r];
        long skipped = 0;
        for (var k = 0; k < r; k++)
        {
            var count = 0;
            for (var g = 0; g < total; g++) count += KeyCount(g, k);
            var ks = new ulong[count];
            var rs = new int[count];
            var n = 0;
            for (var g = 0; g < total; g++)
                for (int i = Start(g, k), end = Start(g, k) + KeyCount(g, k); i < end; i++)
                    (ks[n], rs[n++]) = (_keys[i], g);
            Array.Sort(ks, rs);
            _sortedKeys[k] = ks;
            _sortedRecords[k] = rs;
            _oversize[k] = [];
            for (var s = 0; s < count;)
            {
                var e = s + 1;
                while (e < count && ks[e] == ks[s]) e++;
                var size = e - s;
                if (size > _maxBlock) { _oversize[k].Add(ks[s]); skipped++; }
                else if (size > 1) _rawPairs[k] += (long)size * (size - 1) / 2;
                s = e;
            }
        }
        SkippedBlocks = skipped;
    }

    public static BlockingIndex ForDedupe(IReadOnlyList<PreparedRecord> records, BlockingOptions? options = null) => new(records, null, options);

    public static BlockingIndex ForLink(IReadOnlyList<PreparedRecord> left, IReadOnlyList<PreparedRecord> right, BlockingOptions? options = null) =>
        new(left, right, options);

    private int Start(int g, int rule) => _offsets[g * (_rules.Length + 1) + rule];
    private int KeyCount(int g, int rule) => _offsets[g * (_rules.Length + 1) + rule + 1] - _offsets[g * (_rules.Length + 1) + rule];
    private int Global(int right) => IsLink ? _left + right : right;

    /// <summary>Pairs within blocks before removing the ones several rules share: an upper bound on the work.</summary>
    public long RawPairs => _rawPairs.Sum();

    /// <summary>
    /// Calls a visitor for every distinct candidate pair, on <paramref name="workers"/> threads (each
    /// with its own visitor from <paramref name="newVisitor"/>). In a dedupe, left &lt; right index the same set;
    /// in a link, left indexes the first set and right the second. Returns the number of pairs.
    /// </summary>
    public long ForEachPair(Func<IPairVisitor> newVisitor, int workers = 1, Action<long, long>? progress = null, CancellationToken ct = default)
    {
        var blocks = new List<(int Rule, int Start, int End)>();
        for (var k = 0; k < _rules.Length; k++)
        {
            var ks = _sortedKeys[k];
            for (var s = 0; s < ks.Length;)
            {
                var e = s + 1;
                while (e < ks.Length && ks[e] == ks[s]) e++;
                if (e - s > 1 && e - s <= _maxBlock) blocks.Add((k, s, e));
                s = e;
            }
        }
        var rawTotal = RawPairs;
        long rawDone = 0, produced = 0;
        var next = -1;
        const int Chunk = 256;
        void Work()
        {
            var visitor = newVisitor();
            long mine = 0;
            while (true)
            {
                var from = Interlocked.Add(ref next, Chunk) - Chunk + 1;
                if (from >= blocks.Count || ct.IsCancellationRequested) break;
                var to = Math.Min(blocks.Count, from + Chunk);
                long raw = 0;
                for (var b = from; b < to; b++)
                {
                    var (rule, s, e) = blocks[b];
                    raw += (long)(e - s) * (e - s - 1) / 2;
                    mine += VisitBlock(rule, s, e, visitor);
                }
                var done = Interlocked.Add(ref rawDone, raw);
                progress?.Invoke(done, rawTotal);
            }
            Interlocked.Add(ref produced, mine);
        }
        if (workers <= 1) Work();
        else
        {
            var threads = Enumerable.Range(0, workers).Select(_ => new Thread(Work) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }
        ct.ThrowIfCancellationRequested();
        return produced;
    }

    private long VisitBlock(int rule, int start, int end, IPairVisitor visitor)
    {
        var ks = _sortedKeys[rule];
        var rs = _sortedRecords[rule];
        var key = ks[start];
        long n = 0;
        for (var i = start; i < end; i++)
            for (var j = i + 1; j < end; j++)
            {
                int a = rs[i], b = rs[j];
                if (IsLink)
                {
                    if ((a < _left) == (b < _left)) continue;
                    if (a > b) (a, b) = (b, a);
                }
                else if (a > b) (a, b) = (b, a);
                if (!FirstSharedKey(a, b, rule, key)) continue;
                visitor.Visit(a, IsLink ? b - _left : b);
                n++;
            }
        return n;
    }

    /// <summary>True when (rule, key) is the first usable key the two records share, so the pair is produced once.</summary>
    private bool FirstSharedKey(int a, int b, int rule, ulong key)
    {
        for (var k = 0; k <= rule; k++)
        {
            int i = Start(a, k), ie = i + KeyCount(a, k), j = Start(b, k), je = j + KeyCount(b, k);
            while (i < ie && j < je)
            {
                var x = _keys[i];
                var y = _keys[j];
                if (x < y) i++;
                else if (y < x) j++;
                else
                {
                    if (k == rule && x == key) return true;
                    if (!_oversize[k].Contains(x)) return false;
                    i++;
                    j++;
                }
            }
        }
        return false;
    }

    /// <summary>Would this pair be compared? (left, right) as in <see cref="ForEachPair"/>.</summary>
    public bool WouldCompare(int left, int right)
    {
        var a = left;
        var b = Global(right);
        if (!IsLink && a == b) return false;
        for (var k = 0; k < _rules.Length; k++)
        {
            int i = Start(a, k), ie = i + KeyCount(a, k), j = Start(b, k), je = j + KeyCount(b, k);
            while (i < ie && j < je)
            {
                if (_keys[i] < _keys[j]) i++;
                else if (_keys[j] < _keys[i]) j++;
                else if (_oversize[k].Contains(_keys[i])) { i++; j++; }
                else return true;
            }
        }
        return false;
    }

    public BlockingRecall MeasureRecall(IEnumerable<(int Left, int Right)> truePairs)
    {
        long n = 0, found = 0;
        foreach (var (l, r) in truePairs)
        {
            n++;
            if (WouldCompare(l, r)) found++;
        }
        return new BlockingRecall(n, found);
    }

    /// <summary>
    /// The records (indexes into the set, or the second set when linking) that share a key with
    /// someone not in the index: the in-memory form of the database look-up's candidate query.
    /// </summary>
    public IReadOnlyList<int> CandidatesFor(PreparedRecord probe)
    {
        var found = new HashSet<int>();
        var scratch = new List<ulong>(8);
        for (var k = 0; k < _rules.Length; k++)
        {
            scratch.Clear();
            AddKeys(probe, _rules[k], scratch);
            var ks = _sortedKeys[k];
            foreach (var key in scratch.Distinct())
            {
                if (_oversize[k].Contains(key)) continue;
                var i = LowerBound(ks, key);
                for (; i < ks.Length && ks[i] == key; i++)
                {
                    var g = _sortedRecords[k][i];
                    if (!IsLink) found.Add(g);
                    else if (g >= _left) found.Add(g - _left);
                }
            }
        }
        var list = found.ToList();
        list.Sort();
        return list;
    }

    private static int LowerBound(ulong[] keys, ulong key)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>A one-line summary of the blocks, for reports.</summary>
    public string Describe() =>
        string.Join("; ", _rules.Select((r, k) => string.Create(CultureInfo.InvariantCulture, $"{r} {_rawPairs[k]:N0}")))
        + string.Create(CultureInfo.InvariantCulture, $" (pairs within blocks before de-duplication; {SkippedBlocks:N0} blocks over {_maxBlock:N0} skipped)");

    /// <summary>
    /// The blocking keys of one record under one rule, as readable strings: what a database should store
    /// in indexed columns to fetch the same candidates (see docs/matching.md).
    /// </summary>
    public static IReadOnlyList<string> ReadableKeys(PreparedRecord r, BlockingRule rule)
    {
        var list = new List<string>();
        Keys(r, rule, (a, b, c) => list.Add(string.Join('|', new[] { a, b, c }.Where(s => s.Length > 0))));
        return list.Distinct().ToList();
    }

    private static void AddKeys(PreparedRecord r, BlockingRule rule, List<ulong> into) =>
        Keys(r, rule, (a, b, c) => into.Add(Hash((int)rule, a, b, c)));

    private static void Keys(PreparedRecord r, BlockingRule rule, Action<string, string, string> emit)
    {
        switch (rule)
        {
            case BlockingRule.NhsNumber:
                if (r.Nhs is not null) emit(r.Nhs, "", "");
                break;
            case BlockingRule.PncId:
                if (r.Pnc is not null) emit(r.Pnc, "", "");
                break;
            case BlockingRule.Identifier:
                for (var k = 0; k < r.Identifiers.Length; k++)
                    if (r.Identifiers[k] is { } v) emit(k.ToString(CultureInfo.InvariantCulture), v, "");
                break;
            case BlockingRule.DateOfBirth:
                foreach (var d in r.Dates) emit(DateText(d), "", "");
                break;
            case BlockingRule.FamilySoundAndBirthYear:
                foreach (var n in r.Names)
                    if (n.FamilyCode.Length > 0)
                        foreach (var d in r.Dates) emit(n.FamilyCode, DateText(d / 10000), "");
                break;
            case BlockingRule.GivenSoundAndBirthDayMonth:
                foreach (var n in r.Names)
                    if (n.GivenCode.Length > 0)
                        foreach (var d in r.Dates) emit(n.GivenCode, DateText(d % 10000), "");
                break;
            case BlockingRule.NamesSoundEitherOrder:
                foreach (var n in r.Names)
                    if (n.GivenCode.Length > 0 && n.FamilyCode.Length > 0)
                    {
                        var (x, y) = string.CompareOrdinal(n.GivenCode, n.FamilyCode) <= 0 ? (n.GivenCode, n.FamilyCode) : (n.FamilyCode, n.GivenCode);
                        emit(x, y, "");
                    }
                break;
            case BlockingRule.Postcode:
                if (r.Postcode.Length > 0) emit(r.Postcode, "", "");
                break;
            case BlockingRule.NameWord:
                foreach (var w in NameWordsOf(r.Source)) emit(w, "", "");
                break;
            case BlockingRule.NameSound:
                foreach (var w in NameWordsOf(r.Source))
                    if (!NameKey.Particles.Contains(w) && Metaphone.Encode(w) is { Length: > 0 } code) emit(code, "", "");
                break;
        }
    }

    private static IEnumerable<string> NameWordsOf(MatchRecord r) =>
        new[] { new PersonName(r.GivenNames, r.FamilyName) }.Concat(r.OtherNames)
            .SelectMany(n => NameKey.Words(n.GivenNames).Concat(NameKey.Words(n.FamilyName))).Distinct();

    private static string DateText(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>FNV-1a over the rule and the parts, with separators: 64 bits make collisions negligible at a million records.</summary>
    private static ulong Hash(int rule, string a, string b, string c)
    {
        var h = 14695981039346656037UL;
        h = (h ^ (ulong)rule) * 1099511628211UL;
        foreach (var s in (ReadOnlySpan<string>)[a, b, c])
        {
            foreach (var ch in s) h = (h ^ ch) * 1099511628211UL;
            h = (h ^ 0xFFFF) * 1099511628211UL;
        }
        return h;
    }
}
