using Waymark.Web.Infrastructure;

// The content root is the app's own folder, not the working directory (AppFolder): settings are found however it is started.
var builder = WebApplication.CreateBuilder(AppFolder.BuilderOptions(args));
builder.AddWaymark();
var app = builder.Build();
LogRedaction.EnsureAllProvidersRedact(app.Services);
app.ReportInstruments();
await app.PrepareDatabaseAsync(args);
app.UseWaymark();
await app.RunAsync();

/// <summary>Entry point, visible to the in-process tests.</summary>
public partial class Program;
