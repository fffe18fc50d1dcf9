using System.Reflection;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Where the app finds its files (appsettings*.json, wwwroot, instrument folders and a relative SQLite file), whatever
/// the working directory it was started in (docs/security.md, "Where the app finds its settings"). ASP.NET Core's
/// default content root is the working directory, so a service started as <c>dotnet /srv/waymark/Waymark.Web.dll</c>
/// from another directory would run without its settings.
/// </summary>
public static class AppFolder
{
    /// <summary>The project file that marks the source folder, where <c>dotnet run</c> starts the app (the Web SDK's RunWorkingDirectory).</summary>
    public const string ProjectFile = "Waymark.Web.csproj";

    /// <summary>Options for <see cref="WebApplication.CreateBuilder(WebApplicationOptions)"/> with the content root chosen by <see cref="ContentRootFor"/>.</summary>
    public static WebApplicationOptions BuilderOptions(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ContentRootFor(args, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(), AppContext.BaseDirectory,
            startedAsApp: Assembly.GetEntryAssembly() == typeof(AppFolder).Assembly),
    };

    /// <summary>
    /// The content root, or null to leave it to ASP.NET Core. Null when one is given explicitly (<c>--contentRoot</c>,
    /// <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) or when the app is hosted by something else (a test's
    /// WebApplicationFactory sets its own); <paramref name="workingDirectory"/> when it is the source folder (it holds
    /// <see cref="ProjectFile"/>: <c>dotnet run --project src/Waymark.Web</c>, as the README says); otherwise
    /// <paramref name="appDirectory"/>, the folder holding Waymark.Web.dll.
    /// </summary>
    public static string? ContentRootFor(string[] args, Func<string, string?> environment, string workingDirectory, string appDirectory, bool startedAsApp)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (!startedAsApp) return null;
        if (args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrWhiteSpace(environment("ASPNETCORE_CONTENTROOT")) || !string.IsNullOrWhiteSpace(environment("DOTNET_CONTENTROOT")))
            return null;
        return File.Exists(Path.Combine(workingDirectory, ProjectFile)) ? workingDirectory : appDirectory;
    }
}
