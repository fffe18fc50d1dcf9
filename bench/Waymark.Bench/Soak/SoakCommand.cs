using System.Globalization;

namespace Waymark.Bench.Soak;

/// <summary>
/// <c>Waymark.Bench --soak [--minutes 20] [--rate 5] [--sample-seconds 30] [--postgres CS] [--web-dll PATH]</c>: starts the
/// web app (Production, demo seeded, on a new SQLite file in a temporary folder, or on the PostgreSQL database of
/// <c>--postgres</c>, which must be empty or hold a previous soak), runs <see cref="SoakRun"/> against it on 127.0.0.1,
/// prints the figures as Markdown, kills the app and deletes the temporary folder. Bounded: at most 24 hours, 50 operations a second.
/// </summary>
public static class SoakCommand
{
    /// <summary>Runs the command; returns the process exit code (0: no error response; 1: some; 2: bad arguments).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        double minutes = 20, rate = 5, sampleSeconds = 30;
        string? postgres = null, webDll = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--soak": break;
                case "--minutes": minutes = double.Parse(Next(), ic); break;
                case "--rate": rate = double.Parse(Next(), ic); break;
                case "--sample-seconds": sampleSeconds = double.Parse(Next(), ic); break;
                case "--postgres": postgres = Next(); break;
                case "--web-dll": webDll = Next(); break;
                default: Console.Error.WriteLine($"Unknown soak option {args[i]}"); return 2;
            }
        }
        if (minutes is <= 0 or > 24 * 60 || rate is <= 0 or > 50 || sampleSeconds is < 1 or > 3600)
        {
            Console.Error.WriteLine("--minutes 0–1440, --rate 0–50 per second, --sample-seconds 1–3600");
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("waymark-soak-");
        try
        {
            var password = "Soak-" + Guid.NewGuid().ToString("N");
            using var app = await AppProcess.StartAsync(Settings(postgres, Path.Combine(folder.FullName, "soak.db"), password), webDll: webDll);
            Console.WriteLine($"Soak: {minutes} min at {rate} operations/s against {app.Address} (pid {app.Pid})");
            var emails = new[] { "practitioner@demo.invalid", "practitioner2@demo.invalid", "supportworker@demo.invalid" };
            var soak = new SoakRun(app.Address, app.Pid, password, emails,
                new SoakSettings(TimeSpan.FromMinutes(minutes), rate, TimeSpan.FromSeconds(sampleSeconds)), Console.WriteLine);
            var result = await soak.RunAsync();
            Console.WriteLine(result.ToMarkdown());
            foreach (var e in result.ErrorExamples) Console.WriteLine("error: " + e);
            if (app.HasExited) { Console.Error.WriteLine("The app exited during the soak:\n" + app.Output); return 1; }
            return result.Errors == 0 ? 0 : 1;
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { /* the SQLite file may be held a moment longer */ }
        }
    }

    /// <summary>
    /// The app's settings for a soak or a fault test: the provider and database, the demo seeded with
    /// <paramref name="password"/>, and sign-in limits raised (every request comes from 127.0.0.1).
    /// </summary>
    public static Dictionary<string, string> Settings(string? postgres, string sqliteFile, string password) => new()
    {
        ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
        ["ConnectionStrings:Waymark"] = postgres ?? $"Data Source={sqliteFile}",
        ["Demo:Enabled"] = "true",
        ["Demo:Password"] = password,
        ["Security:RateLimits:PerAddressPermits"] = "10000",
    };
}
