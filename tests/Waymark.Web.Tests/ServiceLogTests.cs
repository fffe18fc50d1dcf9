using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// The built app started as a service usually is: <c>dotnet /path/to/Waymark.Web.dll</c> from another working
/// directory, in Production, with every log level turned up to Trace by configuration. It must still find its own
/// appsettings.json, and no value a user typed or the app showed (names, NHS number, date of birth, phone, e-mail,
/// query strings, the person's id) may appear anywhere in what it writes to stdout or stderr.
/// </summary>
public sealed class ServiceLogTests
{
    private const string Password = "Service-Log-Test-Pa55word!";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    // Synthetic values, distinctive enough that no other line could contain them by chance.
    private const string GivenName = "Zebedee";
    private const string FamilyName = "Quartermaine";
    private const string Nhs = "9434765919"; // the NHS's own example number (valid Modulus 11), issued to no one
    private static readonly DateOnly Dob = new(1987, 3, 14);
    private const string Phone = "07700 900462"; // Ofcom's drama range
    private const string Email = "zebedee.quartermaine@example.invalid";
    private const string BadDobYear = "1788";

    [Fact]
    public async Task Started_from_another_directory_in_Production_it_finds_its_settings_and_logs_no_values_of_searches_saves_or_errors()
    {
        var dll = WebAppDll();
        var work = Directory.CreateTempSubdirectory("waymark-cwd-");
        var data = Directory.CreateTempSubdirectory("waymark-db-");
        var port = FreePort();
        var output = new StringBuilder();
        using var app = Start(dll, work.FullName, Path.Combine(data.FullName, "waymark.db"), port, output);
        var forbidden = new List<string>();
        try
        {
            using var client = new AppClient(new HttpClient(new BehindTlsProxy()) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) });
            await WaitUntilReadyAsync(client.Http, app, output);

            // appsettings.json was read from the app's folder: its AllowedHosts (loopback names) refuses another Host.
            using (var foreign = new HttpRequestMessage(HttpMethod.Get, "/health"))
            {
                foreign.Headers.Host = "foreign.example";
                using var refused = await client.Http.SendAsync(foreign);
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            }

            await client.SignInAsync("practitioner@demo.invalid", Password);

            // A search by name, date of birth and NHS number (query string), then one with a bad date (validation error).
            var search = await client.GetPageAsync("/people");
            var results = await HtmlPage.ReadAsync(await search.Form().Set("Name", $"{GivenName} {FamilyName}").SetDate("Dob", Dob).Set("Nhs", Nhs).SubmitAsync(client));
            Assert.Equal(HttpStatusCode.OK, results.Status);
            var invalid = await HtmlPage.ReadAsync(await search.Form().Set("Name", FamilyName).Set("Dob.Day", "31").Set("Dob.Month", "2").Set("Dob.Year", BadDobYear).SubmitAsync(client));
            Assert.NotNull(invalid.ErrorSummary);

            // A save of known values on a demo person of the practitioner's team, then a refused save (validation error).
            var caseload = await client.GetPageAsync("/caseload");
            var episode = Link("episodes").Match(caseload.Html) is { Success: true } e ? e.Groups[1].Value : throw new Xunit.Sdk.XunitException("No episode on the demo caseload");
            var episodePage = await client.GetPageAsync($"/episodes/{episode}");
            var personId = Link("people").Match(episodePage.Html) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("No person link on the episode page");
            forbidden.Add(episode);
            forbidden.Add(personId);
            var edit = await client.GetPageAsync($"/people/{personId}/edit");
            using (var saved = await edit.Form().Set("Input.Phone", Phone).Set("Input.Email", Email).SubmitAsync(client))
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var details = await client.GetPageAsync($"/people/{personId}");
            Assert.Contains(Phone, details.Html);
            var edit2 = await client.GetPageAsync($"/people/{personId}/edit");
            var refusedSave = await HtmlPage.ReadAsync(await edit2.Form().Set("Input.GivenName", GivenName).Set("Input.FamilyName", FamilyName)
                .Set("Input.NhsNumber", "9434765918").Set("Input.Dob.Year", BadDobYear).SubmitAsync(client));
            Assert.NotNull(refusedSave.ErrorSummary);

            // Not found: an unknown person, and an unknown page with values in its query string.
            var unknown = Guid.NewGuid().ToString();
            forbidden.Add(unknown);
            using (var notFound = await client.GetAsync($"/people/{unknown}")) Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            using (var notFound = await client.GetAsync($"/no-such-page?Name={GivenName}+{FamilyName}&NhsNumber={Nhs}")) Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }
        finally
        {
            await StopAsync(app);
            work.Refresh();
            var leftInWorkingDirectory = work.EnumerateFileSystemInfos().Select(f => f.Name).ToList();
            work.Delete(recursive: true);
            data.Delete(recursive: true);
            Assert.True(leftInWorkingDirectory.Count == 0, "The app wrote into its working directory: " + string.Join(", ", leftInWorkingDirectory));
        }

        string log;
        lock (output) log = output.ToString();
        Assert.Contains("Now listening on", log, StringComparison.Ordinal); // the logs were captured at all

        forbidden.AddRange([GivenName, FamilyName, Nhs, "943 476 5919", "9434765918", Phone, Phone.Replace(" ", "", StringComparison.Ordinal), Email, Password,
            Dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Dob.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), Dob.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)]);
        var leaks = forbidden
            .SelectMany(v => new[] { v, Uri.EscapeDataString(v), WebUtility.UrlEncode(v) })
            .Distinct()
            .Where(v => log.Contains(v, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(leaks.Count == 0, $"The log carries {string.Join(", ", leaks)}:\n" + string.Join('\n', log.Split('\n').Where(l => leaks.Any(v => l.Contains(v, StringComparison.OrdinalIgnoreCase))).Take(10)));
    }

    /// <summary>The web app built beside this test project (the same configuration), as a service would run it.</summary>
    private static string WebAppDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name; // …/bin/<Configuration>/<framework>/
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Waymark.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "src", "Waymark.Web", "bin", configuration, framework, "Waymark.Web.dll");
        Assert.True(File.Exists(dll), $"Build the web app first: {dll} is missing");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(string dll, string workingDirectory, string databaseFile, int port, StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_CONTENTROOT", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
                     || k.Equals("Urls", StringComparison.OrdinalIgnoreCase) || k.Equals("AllowedHosts", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(inherited);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Waymark"] = $"Data Source={databaseFile}";
        start.Environment["Demo__Enabled"] = "true";
        start.Environment["Demo__Password"] = Password;
        // Every category at the most verbose level configuration can ask for: what is dropped must be dropped in code.
        foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.EntityFrameworkCore.Database.Command" })
            start.Environment[$"Logging__LogLevel__{category}"] = "Trace";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        Assert.True(process.Start(), "dotnet did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process app, StringBuilder output)
    {
        var until = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < until)
        {
            if (app.HasExited) break;
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
        string log;
        lock (output) log = output.ToString();
        Assert.Fail($"The app did not become ready within {StartTimeout.TotalSeconds} s (exited: {app.HasExited}):\n{log}");
    }

    /// <summary>Stops the app as a service manager would (SIGTERM), so it flushes its logs; killed if it has not exited in 30 s.</summary>
    private static async Task StopAsync(Process app)
    {
        if (app.HasExited) return;
        if (OperatingSystem.IsWindows()) app.Kill(entireProcessTree: true);
        else
        {
            using var kill = Process.Start("kill", ["-TERM", app.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await app.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { app.Kill(entireProcessTree: true); await app.WaitForExitAsync(); }
        app.WaitForExit(); // drains the redirected output
    }

    private static Regex Link(string folder) => new($@"href=""/{folder}/([0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}})""", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>
    /// What a TLS-terminating proxy on the same machine does: says the request came over https (X-Forwarded-Proto,
    /// trusted from loopback by the app's ForwardedHeaders), and keeps the browser's cookies — which are Secure in
    /// Production, so HttpClient's own cookie jar would not send them back over http.
    /// </summary>
    private sealed class BehindTlsProxy() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            lock (_cookies)
                if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                lock (_cookies)
                    foreach (var pair in setCookies.Select(c => c.Split(';')[0]))
                    {
                        var eq = pair.IndexOf('=', StringComparison.Ordinal);
                        var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..]);
                        if (value.Length == 0) _cookies.Remove(name); else _cookies[name] = value;
                    }
            return response;
        }
    }
}
