using Waymark.Cli;

namespace Waymark.Cli.Tests;

/// <summary>Runs the CLI in-process and keeps what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Cli.RunAsync(args, o, e);
        return new CliRun(code, o.ToString(), e.ToString());
    }

    /// <summary>Runs the CLI against <paramref name="db"/>, as an operator would with --provider and --connection.</summary>
    public static Task<CliRun> RunAsync(TestDatabase db, params string[] args) =>
        RunAsync([.. args, "--provider", db.Provider.ToString(), "--connection", db.ConnectionString]);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}
