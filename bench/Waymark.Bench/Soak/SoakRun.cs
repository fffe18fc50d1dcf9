using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Waymark.Bench.Soak;

/// <summary>Settings of a soak: how long, how fast, how often memory is sampled.</summary>
/// <param name="Duration">How long traffic is sent (the run stops then, whatever is in flight is awaited up to 30 s).</param>
/// <param name="Rate">Operations started per second (steady, open loop); each is one to three requests, a few a whole identification.</param>
/// <param name="SampleEvery">How often the app's memory is sampled.</param>
/// <param name="MaxInFlight">Most operations in flight at once; an operation due while that many run is counted as skipped, not queued.</param>
public sealed record SoakSettings(TimeSpan Duration, double Rate, TimeSpan SampleEvery, int MaxInFlight = 16);

/// <summary>One memory sample: when (seconds since the start), resident set size and its peak so far (KiB).</summary>
public sealed record MemorySample(double AtSeconds, long RssKb, long PeakKb, long Requests);

/// <summary>What a soak found.</summary>
public sealed record SoakResult(
    int Operations, int Skipped, long Requests, long Errors, IReadOnlyDictionary<int, long> Statuses, int Saves,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyList<MemorySample> Samples, IReadOnlyList<string> ErrorExamples, TimeSpan Elapsed)
{
    /// <summary>The samples and totals as a Markdown report (for docs/operations.md).</summary>
    public string ToMarkdown()
    {
        var ic = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ic, $"| Figure | Value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine(ic, $"| Duration | {Elapsed.TotalMinutes:0.0} min |");
        sb.AppendLine(ic, $"| Operations (skipped: in flight limit) | {Operations} ({Skipped}) |");
        sb.AppendLine(ic, $"| Requests | {Requests} ({Requests / Math.Max(1, Elapsed.TotalSeconds):0.0}/s) |");
        sb.AppendLine(ic, $"| Saves acknowledged | {Saves} |");
        sb.AppendLine(ic, $"| Error responses (>= 400, or no answer) | {Errors} |");
        sb.AppendLine(ic, $"| Latency p50 / p95 / p99 / max | {P50Ms:0} / {P95Ms:0} / {P99Ms:0} / {MaxMs:0} ms |");
        if (Samples.Count > 0)
        {
            sb.AppendLine(ic, $"| RSS start / end / max | {Samples[0].RssKb / 1024.0:0} / {Samples[^1].RssKb / 1024.0:0} / {Samples.Max(s => s.RssKb) / 1024.0:0} MiB |");
            sb.AppendLine(ic, $"| Peak RSS (VmHWM) at end | {Samples[^1].PeakKb / 1024.0:0} MiB |");
        }
        sb.AppendLine(ic, $"| Statuses | {string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(ic))}: {s.Value}"))} |");
        sb.AppendLine();
        sb.AppendLine("| Minute | RSS (MiB) | Requests so far |");
        sb.AppendLine("|---|---|---|");
        foreach (var s in Samples) sb.AppendLine(ic, $"| {s.AtSeconds / 60:0.0} | {s.RssKb / 1024.0:0.0} | {s.Requests} |");
        return sb.ToString();
    }
}

/// <summary>
/// A soak: mixed traffic at a steady rate against one running instance (only 127.0.0.1), sampling the process's memory.
/// The mix, per operation: 30 % search (<c>/people?Name=…</c>), 30 % a person's record, 15 % the caseload, 18 % a phone
/// change (form + save), 4 % a sign-in with a new session (and its sign-out), 3 % a whole identification of a new synthetic person.
/// Bounded: <see cref="SoakSettings.Duration"/> and at most duration × rate operations.
/// </summary>
public sealed class SoakRun(Uri app, int pid, string password, IReadOnlyList<string> emails, SoakSettings settings, Action<string>? progress = null)
{
    private readonly List<double> _latencies = [];
    private readonly Dictionary<int, long> _statuses = [];
    private readonly List<string> _errorExamples = [];
    private long _requests, _errors;
    private int _saves;

    /// <summary>Runs the soak; returns its figures.</summary>
    public async Task<SoakResult> RunAsync(CancellationToken ct = default)
    {
        if (!app.IsLoopback) throw new ArgumentException("The soak drives only a loopback address.");
        var run = "Soak" + Journeys.SyntheticFamilyName("", Random.Shared.Next(0, 100_000));
        // A few signed-in sessions, shared round-robin (a team's staff working at once).
        var sessions = new List<WebSession>();
        foreach (var email in emails)
        {
            var s = new WebSession(app);
            await s.SignInAsync(email, password, ct);
            sessions.Add(s);
        }
        var people = new List<Guid>();
        for (var i = 0; i < 3 && people.Count == 0; i++)
        {
            var found = await sessions[0].GetAsync("/people?Name=a", ct);
            people.AddRange(System.Text.RegularExpressions.Regex.Matches(found.Body, @"href=""/people/([0-9a-f-]{36})""").Select(m => Guid.Parse(m.Groups[1].Value)).Distinct());
        }
        if (people.Count == 0 && await sessions[0].FirstPersonAsync(ct: ct) is { } one) people.Add(one);
        if (people.Count == 0) throw new InvalidOperationException("No person to open: seed the demo.");

        var clock = Stopwatch.StartNew();
        var samples = new List<MemorySample>();
        void Sample()
        {
            if (AppProcess.MemoryOf(pid) is { } m) lock (samples) samples.Add(new(clock.Elapsed.TotalSeconds, m.RssKb, m.PeakKb, Interlocked.Read(ref _requests)));
        }
        Sample();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(settings.SampleEvery);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token)) Sample();
            }
            catch (OperationCanceledException)
            {
                // the run ended
            }
        }, CancellationToken.None);

        var maxOps = (int)Math.Ceiling(settings.Duration.TotalSeconds * settings.Rate);
        var interval = TimeSpan.FromSeconds(1 / settings.Rate);
        using var slots = new SemaphoreSlim(settings.MaxInFlight);
        var inFlight = new List<Task>();
        int operations = 0, skipped = 0;
        var lastProgress = TimeSpan.Zero;
        for (var n = 0; n < maxOps && clock.Elapsed < settings.Duration && !ct.IsCancellationRequested; n++)
        {
            var due = interval * n;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
            if (!await slots.WaitAsync(0, ct)) { skipped++; continue; }
            operations++;
            var session = sessions[n % sessions.Count];
            var roll = Random.Shared.Next(100);
            var k = n;
            inFlight.Add(Task.Run(async () =>
            {
                try { await OperationAsync(roll, k, session, people, run, ct); }
                finally { slots.Release(); }
            }, CancellationToken.None));
            if (inFlight.Count > 256) inFlight.RemoveAll(t => t.IsCompleted);
            if (clock.Elapsed - lastProgress > TimeSpan.FromMinutes(1))
            {
                lastProgress = clock.Elapsed;
                progress?.Invoke($"{clock.Elapsed.TotalMinutes:0} min: {Interlocked.Read(ref _requests)} requests, {Interlocked.Read(ref _errors)} errors");
            }
        }
        await Task.WhenAny(Task.WhenAll(inFlight), Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
        await stop.CancelAsync();
        await sampler;
        Sample();
        foreach (var s in sessions) s.Dispose();

        double[] sorted;
        lock (_latencies) sorted = [.. _latencies.Order()];
        double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        lock (_statuses)
            return new SoakResult(operations, skipped, _requests, _errors, new Dictionary<int, long>(_statuses), _saves,
                P(0.50), P(0.95), P(0.99), sorted.Length == 0 ? 0 : sorted[^1], samples, [.. _errorExamples], clock.Elapsed);
    }

    private async Task OperationAsync(int roll, int n, WebSession session, List<Guid> people, string run, CancellationToken ct)
    {
        var person = people[n % people.Count];
        try
        {
            switch (roll)
            {
                case < 30:
                    await Timed($"/people?Name={(char)('a' + n % 26)}", () => session.GetAsync($"/people?Name={(char)('a' + n % 26)}", ct));
                    break;
                case < 60:
                    await Timed("/people/{id}", () => session.GetAsync($"/people/{person}?Purpose=audit", ct));
                    break;
                case < 75:
                    await Timed("/caseload/mine", () => session.GetAsync("/caseload/mine", ct));
                    break;
                case < 93:
                {
                    var path = $"/people/{person}/edit";
                    var page = await Timed(path, () => session.GetAsync(path, ct));
                    if (page.Status != 200) return;
                    var form = WebSession.MainForm(page, path).Set("Input.Phone", Journeys.DramaPhone()).Set("Input.PhoneAbsence", null);
                    var saved = await Timed("POST " + path, () => session.PostAsync(form.Action, form.Fields, ct));
                    // 409: two operations changed the same person at once (the concurrency check working), not an error.
                    if (saved.Status == 302) Interlocked.Increment(ref _saves);
                    break;
                }
                case < 97:
                {
                    using var fresh = new WebSession(session.BaseAddress);
                    var page = await Timed("/account/sign-in", () => fresh.GetAsync("/account/sign-in", ct));
                    var form = WebSession.MainForm(page, "/account/sign-in").Set("Email", emails[n % emails.Count]).Set("Password", password);
                    var done = await Timed("POST /account/sign-in", () => fresh.PostAsync(form.Action, form.Fields, ct));
                    if (done.Status == 302 && WebSession.SignOutToken(await Timed("/", () => fresh.GetAsync("/", ct))) is { } token)
                        await Timed("POST /account/sign-out", () => fresh.PostAsync("/account/sign-out", [new("__RequestVerificationToken", token)], ct));
                    break;
                }
                default:
                {
                    var sw = Stopwatch.StartNew();
                    await Journeys.RecordIdentificationAsync(session, "Alex", Journeys.SyntheticFamilyName(run, n), a => Count(a, null, sw), ct);
                    Interlocked.Increment(ref _saves);
                    break;
                }
            }
        }
        catch (Journeys.StepFailed)
        {
            // counted by Count already
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            Interlocked.Increment(ref _errors);
            lock (_statuses) { _statuses[0] = _statuses.GetValueOrDefault(0) + 1; if (_errorExamples.Count < 20) _errorExamples.Add(e.GetType().Name + ": " + e.Message); }
        }
    }

    private async Task<Answer> Timed(string what, Func<Task<Answer>> send)
    {
        var sw = Stopwatch.StartNew();
        var a = await send();
        Count(a, what, sw);
        return a;
    }

    private void Count(Answer a, string? what, Stopwatch sw)
    {
        var ms = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        Interlocked.Increment(ref _requests);
        lock (_latencies) _latencies.Add(ms);
        var error = a.Status >= 400 && a.Status != 409;
        if (error) Interlocked.Increment(ref _errors);
        lock (_statuses)
        {
            _statuses[a.Status] = _statuses.GetValueOrDefault(a.Status) + 1;
            if (error && _errorExamples.Count < 20) _errorExamples.Add($"{a.Status} {what}");
        }
    }
}
