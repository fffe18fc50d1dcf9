namespace Waymark.Cli.Tests;

/// <summary>Bad input ends with a clear message and a non-zero exit code, never a stack trace.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("people generate -h")]
    public async Task Help_prints_usage(string line)
    {
        var run = await CliRun.RunAsync(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: waymark <command>", run.Out);
        Assert.Contains("people generate --count N", run.Out);
    }

    [Theory]
    [InlineData("Unknown command 'frobnicate'", "frobnicate")]
    [InlineData("Unknown command 'people delete'", "people", "delete")]
    [InlineData("people generate needs --count N", "people", "generate")]
    [InlineData("--count must be a whole number, not 'lots'", "people", "generate", "--count", "lots")]
    [InlineData("--count must be between 1 and", "people", "generate", "--count", "0")]
    [InlineData("--count needs a value", "people", "generate", "--count")]
    [InlineData("--seed must be a whole number", "people", "generate", "--count", "5", "--seed", "x")]
    [InlineData("--teams must be between 1 and 10,000", "people", "generate", "--count", "5", "--teams", "0")]
    [InlineData("--team must not be empty", "people", "generate", "--count", "5", "--team", " ")]
    [InlineData("Unknown option for this command: --count", "migrate", "--count", "5")]
    [InlineData("Unknown option for this command: --colour", "people", "count", "--colour", "red")]
    [InlineData("--provider must be Sqlite or Postgres, not 'Oracle'", "migrate", "--provider", "Oracle")]
    [InlineData("--provider must be Sqlite or Postgres, not '1'", "migrate", "--provider", "1")]
    [InlineData("--connection must not be empty", "migrate", "--connection", "")]
    [InlineData("--count is given more than once", "people", "generate", "--count", "1", "--count", "2")]
    public async Task Bad_arguments_exit_2_with_a_message(string message, params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: " + message, run.Err);
        Assert.Contains("waymark help", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("people", "count")]
    [InlineData("people", "generate", "--count", "10")]
    public async Task An_unreachable_database_exits_1_with_a_message(params string[] args)
    {
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        var run = await CliRun.RunAsync([.. args, "--provider", "Postgres", "--connection", "Host=127.0.0.1;Port=1;Database=waymark;Username=waymark;Timeout=5"]);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: database: Failed to connect to 127.0.0.1:1", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_explained()
    {
        var saved = Environment.GetEnvironmentVariable("ConnectionStrings__Waymark");
        Assert.True(string.IsNullOrEmpty(saved), "This test needs ConnectionStrings__Waymark unset.");
        var run = await CliRun.RunAsync("migrate", "--provider", "Postgres");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ConnectionStrings:Waymark is not set", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public async Task An_unopenable_sqlite_file_exits_1_with_a_message()
    {
        var dir = Path.Combine(Path.GetTempPath(), "waymark-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // A folder where the database file should be.
            Directory.CreateDirectory(Path.Combine(dir, "waymark.db"));
            var run = await CliRun.RunAsync("migrate", "--provider", "sqlite", "--connection", $"Data Source={Path.Combine(dir, "waymark.db")}");
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.StartsWith("error: database: ", run.Err);
            Assert.DoesNotContain("   at ", run.Err);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("retention", "run", "--dry-run")]
    [InlineData("retention", "run")]
    [InlineData("people", "count")]
    [InlineData("teams", "list")]
    [InlineData("users", "sign-out", "--email", "someone@example.invalid")]
    [InlineData("match", "scan", "--all-teams")]
    public async Task A_missing_sqlite_database_is_named_and_not_created(params string[] args)
    {
        var dir = Path.Combine(Path.GetTempPath(), "waymark-cli-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(dir, "data", "waymark.db");
        try
        {
            var run = await CliRun.RunAsync([.. args, "--provider", "Sqlite", "--connection", $"Data Source={file}"]);
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal($"error: No Waymark database at {file} (or not migrated): run `waymark migrate`, or set ConnectionStrings__Waymark to the app's database.", run.Err.Trim());
            Assert.False(File.Exists(file), "the command created the database file");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_unmigrated_sqlite_database_is_named_without_a_stack_trace()
    {
        var dir = Path.Combine(Path.GetTempPath(), "waymark-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "waymark.db");
        try
        {
            await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
                await c.OpenAsync(); // an empty database file, as the old CLI left behind
            var run = await CliRun.RunAsync("retention", "run", "--dry-run", "--provider", "Sqlite", "--connection", $"Data Source={file};Pooling=False");
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.StartsWith($"error: No Waymark database at {file} (or not migrated)", run.Err);
            Assert.DoesNotContain("   at ", run.Err);
            Assert.DoesNotContain("no such table", run.Err);
            Assert.Equal("", run.Out);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void From_the_repository_root_the_default_sqlite_file_is_the_web_apps_own()
    {
        var root = Path.Combine(Path.GetTempPath(), "waymark-cli-tests", Guid.NewGuid().ToString("N"));
        var web = Path.Combine(root, "src", "Waymark.Web");
        Directory.CreateDirectory(web);
        try
        {
            Assert.Equal(root, CliServices.SqliteBaseDirectory(root)); // no web project here: the working directory
            File.WriteAllText(Path.Combine(web, "Waymark.Web.csproj"), "<Project />");
            Assert.Equal(web, CliServices.SqliteBaseDirectory(root));
            // `dotnet run --project src/Waymark.Web` runs the app with src/Waymark.Web as its content root (AppFolder),
            // where the default Data Source=data/waymark.db is src/Waymark.Web/data/waymark.db.
            Assert.Equal(Path.Combine(web, "data", "waymark.db"),
                new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
                    Waymark.Persistence.DatabaseSetup.SqliteFileUnder(Waymark.Persistence.DatabaseSetup.DefaultSqlite, CliServices.SqliteBaseDirectory(root))).DataSource);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
