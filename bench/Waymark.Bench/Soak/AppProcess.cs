using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Waymark.Bench.Soak;

/// <summary>
/// The web app run as a real process, as an operator would: <c>dotnet Waymark.Web.dll --urls http://127.0.0.1:PORT</c>
/// in the Production environment, configured through environment variables (provider, connection string, demo seeding
/// with a known password). <see cref="StartAsync"/> waits (bounded) for <c>/health/ready</c>; <see cref="Dispose"/>
/// always kills it. Its output is kept (last lines) for a failing test's message; it never holds personal data (the
/// app's logs are redacted).
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where it listens (http://127.0.0.1:port/).</summary>
    public Uri Address { get; }

    /// <summary>The operating system's id of the process.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last 8,000 characters it wrote (stdout and stderr).</summary>
    public string Output
    {
        get { lock (_output) return _output.Length > 8000 ? _output.ToString(_output.Length - 8000, 8000) : _output.ToString(); }
    }

    /// <summary>
    /// Starts the app with <paramref name="settings"/> (configuration keys such as <c>Database:Provider</c>, set as
    /// <c>Database__Provider</c> environment variables) and waits up to <paramref name="ready"/> (default 120 s) for
    /// <c>/health/ready</c> to answer 200. Throws <see cref="TimeoutException"/> (with its output) when it does not.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan? ready = null, string? webDll = null)
    {
        var dll = webDll ?? LocateWebDll();
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Notify__SendIntervalSeconds"] = "0"; // no reminder sender (no Notify in Production without a key anyway)
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitReadyAsync(ready ?? TimeSpan.FromSeconds(120));
        }
        catch
        {
            app.Dispose();
            throw;
        }
        return app;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 64_000) _output.Remove(0, _output.Length - 32_000);
        }
    }

    /// <summary>Waits up to <paramref name="limit"/> for <c>/health/ready</c> to answer 200; throws <see cref="TimeoutException"/> otherwise.</summary>
    public async Task WaitReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new TimeoutException($"The app exited ({_process.ExitCode}) before it was ready:\n{Output}");
            if (await ReadyStatusAsync(http) == HttpStatusCode.OK) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app was not ready within {limit.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>The status <c>/health/ready</c> answers now (null when nothing answered).</summary>
    public async Task<HttpStatusCode?> ReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        return await ReadyStatusAsync(http);
    }

    private static async Task<HttpStatusCode?> ReadyStatusAsync(HttpClient http)
    {
        try
        {
            using var r = await http.GetAsync("/health/ready");
            return r.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Resident set size and its peak, in kibibytes (VmRSS and VmHWM of /proc/PID/status); null off Linux or after exit.</summary>
    public (long RssKb, long PeakKb)? Memory() => MemoryOf(_process.Id);

    /// <summary>As <see cref="Memory"/> for any process id.</summary>
    public static (long RssKb, long PeakKb)? MemoryOf(int pid)
    {
        try
        {
            long rss = -1, peak = -1;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kb(line);
            }
            return rss < 0 ? null : (rss, peak);
        }
        catch (IOException)
        {
            return null;
        }
        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Kills the process at once (SIGKILL on Linux: no shutdown, no flushing) and waits for it to be gone.</summary>
    public void KillHard()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>A free TCP port on 127.0.0.1 (asked of the system; a tiny race with other programs is possible).</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waymark.Web.dll as built: <c>WAYMARK_WEB_DLL</c> if set, else <c>src/Waymark.Web/bin/CONFIG/net10.0/</c> of the
    /// repository this code runs from (CONFIG as this assembly's build, Release or Debug). Throws when it is not there.
    /// </summary>
    public static string LocateWebDll()
    {
        if (Environment.GetEnvironmentVariable("WAYMARK_WEB_DLL") is { Length: > 0 } set) return set;
        var here = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(here);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Waymark.slnx"))) dir = dir.Parent;
        if (dir is null) throw new FileNotFoundException("Waymark.slnx not found above " + here + "; set WAYMARK_WEB_DLL.");
        var config = here.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(dir.FullName, "src", "Waymark.Web", "bin", config, "net10.0", "Waymark.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} not found: build src/Waymark.Web ({config}) first, or set WAYMARK_WEB_DLL.");
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            KillHard();
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        _process.Dispose();
    }
}
