namespace Waymark.Operations.Tests;

/// <summary>
/// The soak harness (bench/Waymark.Bench --soak; issue 16 item 6c) for about a minute at a modest rate: it drives every
/// kind of operation, samples the app's memory, and the app answers no request with an error. The 20-minute figures are
/// in docs/operations.md.
/// </summary>
public sealed class SoakTests
{
    [Fact]
    public async Task A_one_minute_soak_runs_the_mix_samples_memory_and_sees_no_error()
    {
        var folder = Directory.CreateTempSubdirectory("waymark-soak-test-");
        try
        {
            var password = "Soak-" + Guid.NewGuid().ToString("N");
            using var app = await AppProcess.StartAsync(SoakCommand.Settings(null, Path.Combine(folder.FullName, "soak.db"), password));
            var soak = new SoakRun(app.Address, app.Pid, password, ["practitioner@demo.invalid", "practitioner2@demo.invalid"],
                new SoakSettings(TimeSpan.FromSeconds(60), Rate: 4, SampleEvery: TimeSpan.FromSeconds(10)));
            var result = await soak.RunAsync();

            Assert.True(result.Errors == 0, $"{result.Errors} errors: {string.Join("; ", result.ErrorExamples)}\n{app.Output}");
            Assert.InRange(result.Operations + result.Skipped, 200, 240); // 60 s × 4/s, never more (bounded), few lost to pacing
            Assert.True(result.Operations >= 100, $"{result.Skipped} of {result.Operations + result.Skipped} operations skipped: the app kept 16 in flight");
            Assert.True(result.Requests > result.Operations, "operations sent no request");
            Assert.True(result.Saves > 0, "no save acknowledged");
            Assert.True(result.Samples.Count >= 6, $"{result.Samples.Count} memory samples");
            Assert.All(result.Samples, s => Assert.True(s.RssKb > 10_000, $"RSS {s.RssKb} KiB"));
            Assert.True(result.P95Ms > 0 && result.P50Ms <= result.P95Ms);
            Assert.Contains("| RSS start / end / max |", result.ToMarkdown(), StringComparison.Ordinal);
            Assert.False(app.HasExited);
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
