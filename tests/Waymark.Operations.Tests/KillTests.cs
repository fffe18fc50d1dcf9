using Waymark.Persistence;

namespace Waymark.Operations.Tests;

/// <summary>
/// The app killed with SIGKILL (no shutdown, nothing flushed by the app) during a stream of saves, on each provider
/// (issue 16 item 6b): every save it acknowledged is in the database, no identification is half-saved (a person
/// without their episode or team link), and the app started again on the same database serves.
/// </summary>
public sealed class KillTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Kill_9_during_saves_loses_no_acknowledged_save_and_leaves_nothing_half_saved(DatabaseProvider provider)
    {
        await using var db = TestDatabase.For(provider);
        await db.CreateAsync();
        var password = "Kill-" + Guid.NewGuid().ToString("N");
        var file = db is SqliteTestDatabase sqlite ? sqlite.FilePath : "";
        var settings = SoakCommand.Settings(provider == DatabaseProvider.Postgres ? db.ConnectionString : null, file, password);

        var stream = new SaveStream();
        using (var app = await AppProcess.StartAsync(settings))
        {
            var sessions = new List<WebSession>();
            foreach (var email in new[] { "practitioner@demo.invalid", "practitioner2@demo.invalid", "supportworker@demo.invalid" })
            {
                var s = new WebSession(app.Address, TimeSpan.FromSeconds(20));
                await s.SignInAsync(email, password);
                sessions.Add(s);
            }
            using var stop = new CancellationTokenSource();
            var saving = stream.RunAsync(sessions, workers: 3, stop.Token, TimeSpan.FromMinutes(2));
            await DatabaseOutageTests.WaitUntilAsync(() => stream.Acknowledged.Count >= 6, TimeSpan.FromSeconds(90), "saves before the kill");
            await Task.Delay(Random.Shared.Next(200, 1200)); // somewhere in the middle of the workers' journeys
            app.KillHard();
            Assert.True(app.HasExited);
            await Task.Delay(500); // the workers see refused connections
            await stop.CancelAsync();
            await saving;
            foreach (var s in sessions) s.Dispose();
        }
        Assert.True(stream.NoAnswer > 0 || stream.Attempts > stream.Acknowledged.Count, "the kill interrupted nothing");

        var cs = db.ConnectionString;
        var stored = await Sql.PeopleAsync(provider, cs, stream.Run);
        var lost = stream.Acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {stream.Acknowledged.Count} acknowledged saves are not in the database");
        Assert.Empty(await Sql.HalfSavedAsync(provider, cs, stream.Run));

        // Started again on the same database, it serves: sign in and open one of the people saved before the kill.
        using var again = await AppProcess.StartAsync(settings);
        using var session = new WebSession(again.Address);
        await session.SignInAsync("practitioner@demo.invalid", password);
        var one = stream.Acknowledged.First();
        var page = await session.GetAsync($"/people/{one}");
        Assert.True(page.Status == 200, page.ToString());
        Assert.Contains("Robin", page.Body, StringComparison.Ordinal);
    }
}
