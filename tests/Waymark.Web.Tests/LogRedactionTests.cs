using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// What the log wrapper drops and redacts (docs/security.md, "Logging"), line by line; the whole app started as a
/// service is checked by <see cref="ServiceLogTests"/>.
/// </summary>
public sealed class LogRedactionTests
{
    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://h/people?Name=Zebedee+Quartermaine&NhsNumber=9434765919 - - -", "Zebedee", "9434765919")]
    [InlineData("The input string 'Zebedee Quartermaine' was not in a correct format.", "Zebedee")]
    [InlineData("Key (nhs_number)=(943 476 5919) already exists.", "943 476 5919")]
    [InlineData("Born 1987-03-14, seen 14/03/1987, or 14 March 1987", "1987")]
    [InlineData("User zebedee.q@example.invalid locked out", "zebedee.q@example.invalid")]
    [InlineData("Person 3f2504e0-4f89-11d3-9a0c-0305e82c3301 not found", "3f2504e0")]
    [InlineData("Phone 07700 900462 saved", "900462")]
    [InlineData("Value \"Quartermaine\" too long", "Quartermaine")]
    public void Values_that_look_like_personal_data_are_redacted(string line, params string[] gone)
    {
        var redacted = LogRedaction.Redact(line)!;
        foreach (var value in gone) Assert.DoesNotContain(value, redacted, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(LogRedaction.Redacted, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Unable to resolve service for type 'Waymark.People.PersonSearch' while attempting to activate 'Waymark.Web.Pages.People.IndexModel'.")]
    [InlineData("6 screening instruments loaded: audit 1.0, phq-9 1.0")]
    public void Code_names_and_counts_are_kept(string line) => Assert.Equal(line, LogRedaction.Redact(line));

    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information, false)]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Debug, false)]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information, false)]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information, false)]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Error, true)]
    [InlineData("Npgsql.Command", LogLevel.Debug, false)]
    [InlineData("Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageActionInvoker", LogLevel.Trace, false)]
    [InlineData("Microsoft.AspNetCore.Hosting.DiagnosticsX", LogLevel.Information, true)]
    [InlineData("Waymark.Instruments", LogLevel.Information, true)]
    public void Request_and_SQL_lines_are_dropped_below_Warning_and_Trace_everywhere(string category, LogLevel level, bool written) =>
        Assert.Equal(written, LogRedaction.IsWritten(category, level));

    [Fact]
    public void A_wrapped_provider_gets_the_redacted_message_values_and_exception()
    {
        var sink = new Sink();
        using var provider = new RedactingLoggerProvider(sink);
        var log = provider.CreateLogger("Waymark.Test");
        log.LogWarning(new InvalidOperationException("No person 'Zebedee' with NHS number 9434765919"), "Search for '{Name}' born {Dob} ({Count} found)", "Zebedee Quartermaine", new DateOnly(1987, 3, 14), 3);
        provider.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").LogInformation("Request starting GET /people?Name=Zebedee");

        var (message, state, exception) = Assert.Single(sink.Lines);
        Assert.DoesNotContain("Zebedee", message, StringComparison.Ordinal);
        Assert.DoesNotContain("1987", message, StringComparison.Ordinal);
        var values = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(state).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("Search for '{Name}' born {Dob} ({Count} found)", values["{OriginalFormat}"]);
        Assert.Equal(LogRedaction.Redacted, values["Name"]);
        Assert.Equal(3, values["Count"]);
        Assert.DoesNotContain("1987", Convert.ToString(values["Dob"], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.NotNull(exception);
        Assert.DoesNotContain("Zebedee", exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("9434765919", exception.ToString(), StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_logs_only_through_redacting_providers_and_EF_never_logs_parameter_values()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        await database.CreateAsync();
        await using var factory = new WaymarkFactory(database, new AppSettings());
        _ = factory.Server;
        Assert.All(factory.Services.GetServices<ILoggerProvider>(), p => Assert.IsType<RedactingLoggerProvider>(p));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var core = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>();
        Assert.False(core?.IsSensitiveDataLoggingEnabled ?? false, "EnableSensitiveDataLogging is on: parameter values would be logged");
    }

    private sealed class Sink : ILoggerProvider, ILogger
    {
        public List<(string Message, object? State, Exception? Exception)> Lines { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((formatter(state, exception), state, exception));
        public void Dispose() { }
    }
}
