using Hl7.Fhir.Serialization;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Waymark.Web.Infrastructure;

namespace Waymark.Operations.Tests;

/// <summary>
/// Which failures <see cref="DatabaseUnavailable"/> answers with 503 (the database cannot be reached) and which it
/// leaves to the exception handler's 500 (a fault in the request or the code) — ADR 0025.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        { "reset mid-query", new NpgsqlException("Exception while reading from stream", new IOException("reset")) },
        { "admin shutdown", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown) },
        { "starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow) },
        { "too many connections", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections) },
        { "connection failure class 08", new PostgresException("connection failure", "FATAL", "FATAL", PostgresErrorCodes.ConnectionFailure) },
        { "inside a save", new DbUpdateException("An error occurred while saving", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))) },
        { "SQLite busy", new SqliteException("database is locked", 5) },
        { "SQLite locked", new SqliteException("database table is locked", 6) },
    };

    public static TheoryData<string, Exception> Faults => new()
    {
        { "unique violation", new DbUpdateException("save", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)) },
        { "syntax error", new PostgresException("syntax error", "ERROR", "ERROR", PostgresErrorCodes.SyntaxError) },
        { "SQLite constraint", new DbUpdateException("save", new SqliteException("constraint failed", 19)) },
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "a null", new NullReferenceException() },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void The_database_out_of_reach_is_a_503(string what, Exception e) => Assert.True(DatabaseUnavailable.IsUnavailable(e), what);

    [Theory]
    [MemberData(nameof(Faults))]
    public void Any_other_failure_is_left_to_the_exception_handler(string what, Exception e) => Assert.False(DatabaseUnavailable.IsUnavailable(e), what);

    [Fact]
    public void A_FHIR_client_is_answered_with_an_OperationOutcome_an_API_client_with_a_problem_and_a_person_with_the_page()
    {
        var (fhirType, fhir) = DatabaseUnavailable.AnswerFor("/fhir/Patient");
        Assert.StartsWith("application/fhir+json", fhirType, StringComparison.Ordinal);
        var outcome = new FhirJsonDeserializer().Deserialize<Hl7.Fhir.Model.OperationOutcome>(fhir);
        Assert.Equal(Hl7.Fhir.Model.OperationOutcome.IssueType.Transient, Assert.Single(outcome.Issue).Code);
        var (apiType, api) = DatabaseUnavailable.AnswerFor("/api/openreferral/services");
        Assert.Equal("application/problem+json", apiType);
        Assert.Contains("\"status\":503", api, StringComparison.Ordinal);
        var (pageType, page) = DatabaseUnavailable.AnswerFor("/people");
        Assert.StartsWith("text/html", pageType, StringComparison.Ordinal);
        Assert.Contains("<h1", page, StringComparison.Ordinal);
        Assert.Contains(DatabaseUnavailable.Heading, page, StringComparison.Ordinal);
    }
}
