using Waymark.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddWaymark();
var app = builder.Build();
app.ReportInstruments();
await app.PrepareDatabaseAsync(args);
app.UseWaymark();
await app.RunAsync();

/// <summary>Entry point, visible to the in-process tests.</summary>
public partial class Program;
