using Waymark.Web.Infrastructure;

// The content root is the app's own folder, not the working directory (AppFolder): settings are found however it is started.
var builder = WebApplication.CreateBuilder(AppFolder.BuilderOptions(args));
builder.AddWaymark();
var app = builder.Build();
LogRedaction.EnsureAllProvidersRedact(app.Services);
app.ReportInstruments();
// False when migrations are off (Database:MigrateOnStart) and the schema is behind: logged, exit code 1.
if (!await app.PrepareDatabaseAsync(args)) return 1;
app.UseWaymark();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the in-process tests.</summary>
public partial class Program;
