using System.Diagnostics;
using Npgsql;

namespace Waymark.Operations.Tests;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb in a temporary folder, 127.0.0.1 on a free port, a socket in that
/// folder, trust authentication), so that a test can stop and restart the server without disturbing the cluster other
/// tests share. Needs PostgreSQL's bin folder: <c>WAYMARK_PG_BIN</c> (scripts/test exports it), else the newest
/// <c>/usr/lib/postgresql/*/bin</c>. Run as the postgres OS user when the tests run as root (the server refuses root), as
/// scripts/test does. Stopped (immediately) and deleted on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string _data;

    private PrivatePostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A superuser connection string to <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=15";

    /// <summary>Creates and starts the cluster (bounded: initdb and a 60 s start).</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("WAYMARK_PG_BIN") is { Length: > 0 } b ? b
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
                : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL's bin folder not found: set WAYMARK_PG_BIN (scripts/test does), e.g. /usr/lib/postgresql/15/bin.");
        // Under /tmp (not $TMPDIR): the postgres user must reach it and the socket path must stay short.
        var folder = Path.Combine("/tmp", "waymark-ops-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root") await RunAsync("chown", ["postgres:", folder], asPostgres: false);
        var pg = new PrivatePostgres(bin, folder, AppProcess.FreePort());
        await pg.RunPgAsync("initdb", ["-D", pg._data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await pg.StartServerAsync();
        return pg;
    }

    /// <summary>Starts the server (again); waits until it accepts connections (pg_ctl -w, at most 60 s).</summary>
    public Task StartServerAsync() => RunPgAsync("pg_ctl", ["-D", _data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c max_connections=100"]);

    /// <summary>Stops the server the way an operator's restart does (fast: open sessions are ended, data is flushed).</summary>
    public Task StopServerAsync() => RunPgAsync("pg_ctl", ["-D", _data, "-m", "fast", "-w", "-t", "60", "stop"]);

    private Task RunPgAsync(string tool, string[] args) => RunAsync(Path.Combine(_bin, tool), args, asPostgres: Environment.UserName == "root", _folder);

    private static async Task RunAsync(string file, string[] args, bool asPostgres, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/tmp",
        };
        if (asPostgres) { info.ArgumentList.Add("-u"); info.ArgumentList.Add("postgres"); info.ArgumentList.Add("--"); info.ArgumentList.Add(file); }
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(limit.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {await stdout}{await stderr}");
    }

    /// <summary>Creates an empty database <paramref name="name"/>.</summary>
    public async Task CreateDatabaseAsync(string name)
    {
        await using var conn = new NpgsqlConnection(ConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server at once and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
