using System.Net;
using Waymark.Persistence;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// The in-memory test server never adds a Server header, so the "no Server header" check means little
/// there; this runs the app on real Kestrel (loopback, any free port) and checks the raw answers.
/// </summary>
public sealed class KestrelTests
{
    [Fact]
    public async Task Over_real_HTTP_answers_carry_the_security_headers_and_no_Server_header()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        await database.CreateAsync();
        await using var factory = new WaymarkFactory(database, new AppSettings());
        factory.UseKestrel(0);
        factory.StartServer();
        // A plain HttpClient over a socket, not the factory's client.
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = factory.ClientOptions.BaseAddress };
        Assert.True(client.BaseAddress!.IsLoopback && client.BaseAddress.Port is not (0 or 80), $"Not a Kestrel address: {client.BaseAddress}");

        foreach (var (url, status) in new[] { ("/health", HttpStatusCode.OK), ("/account/sign-in", HttpStatusCode.OK), ("/people", HttpStatusCode.Redirect) })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            Assert.Empty(PageChecks.HeaderProblems(response));
        }
    }
}
