using System.Net;
using Waymark.Persistence;

namespace Waymark.Operations.Tests;

/// <summary>
/// PostgreSQL stopped and restarted while the app serves a stream of saves (issue 16 item 6a; ADR 0025): during the
/// outage pages answer a clean 503 "Sorry, the service is unavailable" (no stack trace, never 500), the API a JSON
/// problem, <c>/health/ready</c> 503; once the server is back the same process serves again, and every save it
/// acknowledged, before or after, is in the database, whole.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private PrivatePostgres? _pg;
    private AppProcess? _app;
    private readonly string _password = "Outage-" + Guid.NewGuid().ToString("N");
    private string _cs = "";

    public async Task InitializeAsync()
    {
        _pg = await PrivatePostgres.StartAsync();
        await _pg.CreateDatabaseAsync("waymark");
        _cs = _pg.ConnectionString("waymark");
        _app = await AppProcess.StartAsync(SoakCommand.Settings(_cs, "", _password));
    }

    public async Task DisposeAsync()
    {
        _app?.Dispose();
        if (_pg is not null) await _pg.DisposeAsync();
    }

    [Fact]
    public async Task Stopping_PostgreSQL_gives_503s_then_the_app_recovers_and_no_acknowledged_save_is_lost()
    {
        var app = _app!;
        using var s1 = new WebSession(app.Address, TimeSpan.FromSeconds(20));
        await s1.SignInAsync("practitioner@demo.invalid", _password);
        using var s2 = new WebSession(app.Address, TimeSpan.FromSeconds(20));
        await s2.SignInAsync("practitioner2@demo.invalid", _password);
        var person = await s1.FirstPersonAsync() ?? throw new InvalidOperationException("no demo person");

        var stream = new SaveStream();
        using var stop = new CancellationTokenSource();
        var saving = stream.RunAsync([s1, s2], workers: 2, stop.Token, TimeSpan.FromMinutes(3));
        await WaitUntilAsync(() => stream.Acknowledged.Count >= 3, TimeSpan.FromSeconds(60), "saves before the outage");
        var before = stream.Acknowledged.Count;

        await _pg!.StopServerAsync();
        try
        {
            // During the outage: a page, a save, the API and the readiness probe.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var page = await s1.GetAsync($"/people/{person}");
            Assert.Equal(503, page.Status);
            Assert.Contains("Sorry, the service is unavailable", page.Body, StringComparison.Ordinal);
            Assert.Contains("<title>Sorry, the service is unavailable", page.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", page.Body, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\bat (Waymark|Microsoft|Npgsql|System)\.", page.Body); // no stack trace
            var signIn = await new WebSession(app.Address).GetAsync("/people"); // signed out: the redirect needs no database
            Assert.True(signIn.Status is 302 or 503, signIn.ToString());
            var api = await s1.GetAsync("/api/openreferral/services");
            Assert.Equal(503, api.Status);
            Assert.Equal("application/problem+json", api.MediaType);
            Assert.Contains("\"status\":503", api.Body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await app.ReadyAsync());
            await Task.Delay(TimeSpan.FromSeconds(4)); // the stream keeps trying through the outage
        }
        finally
        {
            await _pg.StartServerAsync();
        }
        var duringOutage = stream.Acknowledged.Count - before;

        // Back: ready again, and the same process serves (bounded wait: the pool drops its dead connections on use).
        await app.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await WaitUntilAsync(async () => (await s1.GetAsync($"/people/{person}")).Status == 200, TimeSpan.FromSeconds(60), "the person page after the outage");
        var afterRestart = stream.Acknowledged.Count;
        await WaitUntilAsync(() => stream.Acknowledged.Count >= afterRestart + 3, TimeSpan.FromSeconds(90), "saves after the outage");
        await stop.CancelAsync();
        await saving;
        Assert.False(app.HasExited, app.Output);

        Assert.True(stream.Statuses.GetValueOrDefault(503) > 0, $"no 503 seen by the stream: {Describe(stream)}");
        Assert.True(stream.Statuses.GetValueOrDefault(500) == 0, $"a 500 during the outage: {Describe(stream)}\n{string.Join("\n---\n", stream.ErrorBodies)}");
        Assert.All(stream.ErrorBodies, b => Assert.Contains("Sorry, the service is unavailable", b, StringComparison.Ordinal));
        Assert.True(duringOutage <= 2, $"{duringOutage} saves acknowledged while the database was down"); // at most those in their last step as it stopped

        var stored = await Sql.PeopleAsync(DatabaseProvider.Postgres, _cs, stream.Run);
        var lost = stream.Acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {stream.Acknowledged.Count} acknowledged saves are not in the database");
        Assert.Empty(await Sql.HalfSavedAsync(DatabaseProvider.Postgres, _cs, stream.Run));
    }

    private static string Describe(SaveStream s) =>
        $"{s.Attempts} attempts, {s.Acknowledged.Count} acknowledged, statuses {string.Join(", ", s.Statuses.OrderBy(x => x.Key).Select(x => $"{x.Key}: {x.Value}"))}";

    internal static Task WaitUntilAsync(Func<bool> done, TimeSpan limit, string what) => WaitUntilAsync(() => Task.FromResult(done()), limit, what);

    internal static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan limit, string what)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (await done()) return;
            }
            catch (HttpRequestException)
            {
                // not answering yet
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}.");
    }
}
