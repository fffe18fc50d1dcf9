using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Tests;

/// <summary>Where the app looks for its files (docs/security.md, "Where the app finds its settings").</summary>
public sealed class AppFolderTests : IDisposable
{
    private readonly DirectoryInfo _source = Directory.CreateTempSubdirectory("waymark-src-");
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("waymark-cwd-");
    private const string AppDir = "/srv/waymark/";

    public AppFolderTests() => File.WriteAllText(Path.Combine(_source.FullName, AppFolder.ProjectFile), "<Project />");

    public void Dispose()
    {
        _source.Delete(true);
        _elsewhere.Delete(true);
    }

    private static string? NoEnvironment(string _) => null;

    [Fact]
    public void Started_from_any_other_directory_the_content_root_is_the_app_s_own_folder() =>
        Assert.Equal(AppDir, AppFolder.ContentRootFor([], NoEnvironment, _elsewhere.FullName, AppDir, startedAsApp: true));

    [Fact]
    public void Started_by_dotnet_run_in_the_source_folder_the_content_root_stays_the_source_folder() =>
        Assert.Equal(_source.FullName, AppFolder.ContentRootFor([], NoEnvironment, _source.FullName, AppDir, startedAsApp: true));

    [Theory]
    [InlineData("--contentRoot=/x")]
    [InlineData("--contentRoot")]
    [InlineData("contentRoot=/x")]
    public void A_content_root_given_on_the_command_line_is_left_to_ASP_NET_Core(string arg) =>
        Assert.Null(AppFolder.ContentRootFor([arg, "/x"], NoEnvironment, _elsewhere.FullName, AppDir, startedAsApp: true));

    [Theory]
    [InlineData("ASPNETCORE_CONTENTROOT")]
    [InlineData("DOTNET_CONTENTROOT")]
    public void A_content_root_given_in_the_environment_is_left_to_ASP_NET_Core(string variable) =>
        Assert.Null(AppFolder.ContentRootFor([], v => v == variable ? "/x" : null, _elsewhere.FullName, AppDir, startedAsApp: true));

    [Fact]
    public void Hosted_by_a_test_factory_the_factory_chooses() =>
        Assert.Null(AppFolder.ContentRootFor([], NoEnvironment, _elsewhere.FullName, AppDir, startedAsApp: false));

    [Theory]
    [InlineData("Data Source=data/waymark.db", "/srv/waymark/data/waymark.db")]
    [InlineData("Data Source=/var/lib/waymark/waymark.db", "/var/lib/waymark/waymark.db")]
    [InlineData("Data Source=:memory:", ":memory:")]
    public void A_relative_SQLite_file_is_under_the_content_root_not_the_working_directory(string connection, string file)
    {
        var resolved = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(DatabaseSetup.SqliteFileUnder(connection, "/srv/waymark")).DataSource;
        Assert.Equal(file, resolved);
    }
}
