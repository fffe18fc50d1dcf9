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
    public static WebApplicationOptions BuilderOptions(string[] args)
    {
        var startedAsApp = Assembly.GetEntryAssembly() == typeof(AppFolder).Assembly;
        return new()
        {
            Args = args,
            ContentRootPath = ContentRootFor(args, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(), AppContext.BaseDirectory, startedAsApp),
            EnvironmentName = EnvironmentFor(args, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(), startedAsApp),
        };
    }

    /// <summary>
    /// The hosting environment when nobody named one: <c>Development</c> when the app is started from its source folder
    /// (the working directory holds <see cref="ProjectFile"/>: the README's <c>dotnet run --project src/Waymark.Web</c>,
    /// with or without <c>--no-launch-profile</c>), so it seeds the demo there; otherwise null, leaving ASP.NET Core's
    /// rule (<c>Production</c> unless said). Null whenever one is named: <c>ASPNETCORE_ENVIRONMENT</c>,
    /// <c>DOTNET_ENVIRONMENT</c> or <c>--environment</c> always win. This replaces the launch profile's
    /// <c>ASPNETCORE_ENVIRONMENT=Development</c>, which <c>dotnet run</c> applied over the operator's own setting
    /// (issue 16, ADR 0026).
    /// </summary>
    public static string? EnvironmentFor(string[] args, Func<string, string?> environment, string workingDirectory, bool startedAsApp)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (!startedAsApp) return null;
        if (args.Any(a => a.TrimStart('-', '/').StartsWith("environment", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrWhiteSpace(environment("ASPNETCORE_ENVIRONMENT")) || !string.IsNullOrWhiteSpace(environment("DOTNET_ENVIRONMENT")))
            return null;
        return File.Exists(Path.Combine(workingDirectory, ProjectFile)) ? Microsoft.Extensions.Hosting.Environments.Development : null;
    }

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
