using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Waymark.Web.Tests.Operations;

/// <summary>
/// The app started as docs/operations.md and the README say, as separate processes (issue 16's two traps): the
/// environment the operator names is the one the app runs in, even through <c>dotnet run</c> (whose launch profile
/// used to set Development over it); the start-up banner names the address the app really listens on, not a fixed
/// http://localhost:5080; and with <c>Database:MigrateOnStart=false</c> an out-of-date schema stops the start.
/// </summary>
public sealed class StartAsAnOperatorTests : IDisposable
{
    private const string Password = "Operator-Start-Pa55word!";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("waymark-start-");
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("waymark-cwd-");

    public void Dispose()
    {
        using (var c = new SqliteConnection($"Data Source={DatabaseFile}")) SqliteConnection.ClearPool(c);
        _data.Delete(recursive: true);
        _elsewhere.Delete(recursive: true);
    }

    private string DatabaseFile => Path.Combine(_data.FullName, "waymark.db");

    [Fact]
    public async Task The_published_dll_started_with_urls_prints_the_port_it_listens_on_and_runs_in_Production()
    {
        var port = FreePort();
        using var app = AppProcess.Start("dotnet", [Build.WebDll, "--urls", $"http://127.0.0.1:{port}"], _elsewhere.FullName, Settings(demo: true));
        try
        {
            await app.WaitForOutputAsync($"Sign in at http://127.0.0.1:{port} as:");
            Assert.DoesNotContain("localhost:5080", app.Output);
            await AssertEnvironmentAsync(port, production: true, app);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Dotnet_run_honours_the_Production_environment_the_operator_set()
    {
        var port = FreePort();
        var settings = Settings(demo: null);
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var app = AppProcess.Start("dotnet", ["run", "--no-build", "-c", Build.Configuration, "--project", Build.WebProjectFolder, "--", "--urls", $"http://127.0.0.1:{port}"],
            _elsewhere.FullName, settings);
        try
        {
            await AssertEnvironmentAsync(port, production: true, app);
            Assert.Contains("Hosting environment: Production", app.Output);
            Assert.DoesNotContain("Sign in at", app.Output); // the demo is Development's (appsettings.Development.json)
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Dotnet_run_with_no_environment_named_is_Development_with_the_demo_and_names_its_real_address()
    {
        var port = FreePort();
        using var app = AppProcess.Start("dotnet", ["run", "--no-build", "-c", Build.Configuration, "--project", Build.WebProjectFolder, "--", "--urls", $"http://127.0.0.1:{port}"],
            _elsewhere.FullName, Settings(demo: null));
        try
        {
            await app.WaitForOutputAsync($"Sign in at http://127.0.0.1:{port} as:");
            Assert.Contains("practitioner@demo.invalid", app.Output);
            await AssertEnvironmentAsync(port, production: false, app);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task With_MigrateOnStart_false_an_unmigrated_database_stops_the_start_with_what_to_do()
    {
        var settings = Settings(demo: true);
        settings["Database__MigrateOnStart"] = "false";
        using var app = AppProcess.Start("dotnet", [Build.WebDll, "--urls", $"http://127.0.0.1:{FreePort()}"], _elsewhere.FullName, settings);
        using var cts = new CancellationTokenSource(StartTimeout);
        await app.Process.WaitForExitAsync(cts.Token);
        app.Process.WaitForExit();
        Assert.True(app.Process.ExitCode == 1, $"exit {app.Process.ExitCode}:\n{app.Output}");
        Assert.Contains("(waymark migrate) with the same settings", app.Output);
        Assert.DoesNotContain("Unhandled exception", app.Output);
        // Nothing was created in the database: no migration ran.
        await using var db = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await db.OpenAsync();
        await using var tables = db.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        Assert.Equal(0L, (long)(await tables.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// Production is seen from outside: a page asked for over plain http is redirected to https with HSTS, and the logs
    /// are JSON; Development answers over http.
    /// </summary>
    private static async Task AssertEnvironmentAsync(int port, bool production, AppProcess app)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await app.WaitUntilReadyAsync(http);
        using var page = await http.GetAsync("/account/sign-in");
        if (production)
        {
            Assert.True(page.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, $"{page.StatusCode}\n{app.Output}");
            Assert.Equal("https", page.Headers.Location?.Scheme);
            Assert.Contains("{\"EventId\":", app.Output); // JSON console logs
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Hosting environment: Development", app.Output);
        }
    }

    /// <summary>Settings as environment variables: a SQLite file in a temporary folder, the fake Notify on any port; demo on/off or left to the environment (null).</summary>
    private Dictionary<string, string> Settings(bool? demo)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Waymark"] = $"Data Source={DatabaseFile}",
            ["Demo__Password"] = Password,
            ["Notify__FakePort"] = "0",
            ["Notify__FakeOutboxFile"] = "",
            ["Notify__SendIntervalSeconds"] = "0",
        };
        if (demo is { } on) settings["Demo__Enabled"] = on ? "true" : "false";
        return settings;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Where the build under test is (the web app built beside this test project, same configuration).</summary>
    private static class Build
    {
        private static readonly DirectoryInfo Here = new(AppContext.BaseDirectory); // …/bin/<Configuration>/<framework>/

        public static string Configuration => Here.Parent!.Name;

        public static string WebProjectFolder
        {
            get
            {
                var root = Here;
                while (root is not null && !File.Exists(Path.Combine(root.FullName, "Waymark.slnx"))) root = root.Parent;
                Assert.NotNull(root);
                return Path.Combine(root.FullName, "src", "Waymark.Web");
            }
        }

        public static string WebDll
        {
            get
            {
                var dll = Path.Combine(WebProjectFolder, "bin", Configuration, Here.Name, "Waymark.Web.dll");
                Assert.True(File.Exists(dll), $"Build the web app first: {dll} is missing");
                return dll;
            }
        }
    }

    /// <summary>A started process with its stdout and stderr kept.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly StringBuilder _output = new();

        private AppProcess(Process process) => Process = process;

        public Process Process { get; }

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        /// <summary>Starts <paramref name="file"/> with none of the test run's own ASP.NET Core or Waymark settings, only <paramref name="settings"/>.</summary>
        public static AppProcess Start(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> settings)
        {
            var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                         || k.StartsWith("DOTNET_CONTENTROOT", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
                         || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
                         || k.StartsWith("Demo__", StringComparison.OrdinalIgnoreCase) || k.Equals("Urls", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(inherited);
            foreach (var (key, value) in settings) start.Environment[key] = value;
            var process = new Process { StartInfo = start };
            var app = new AppProcess(process);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data); };
            Assert.True(process.Start(), $"{file} did not start");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return app;
        }

        public async Task WaitForOutputAsync(string text)
        {
            var until = DateTime.UtcNow + StartTimeout;
            while (DateTime.UtcNow < until && !Output.Contains(text, StringComparison.Ordinal) && !Process.HasExited) await Task.Delay(200);
            Assert.True(Output.Contains(text, StringComparison.Ordinal), $"\"{text}\" was not printed (exited: {Process.HasExited}):\n{Output}");
        }

        public async Task WaitUntilReadyAsync(HttpClient http)
        {
            var until = DateTime.UtcNow + StartTimeout;
            while (DateTime.UtcNow < until && !Process.HasExited)
            {
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    using var ready = await http.GetAsync("/health/ready", cts.Token);
                    if (ready.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(250);
            }
            Assert.Fail($"The app did not become ready within {StartTimeout.TotalSeconds} s (exited: {Process.HasExited}):\n{Output}");
        }

        /// <summary>SIGTERM, as a service manager stops it (<c>dotnet run</c> passes it on); killed with its children after 30 s.</summary>
        public async Task StopAsync()
        {
            if (Process.HasExited) return;
            using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await Process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { Process.Kill(entireProcessTree: true); await Process.WaitForExitAsync(); }
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}
