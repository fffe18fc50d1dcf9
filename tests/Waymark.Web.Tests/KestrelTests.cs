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

        // Outside Development pages are served over https only: the TLS proxy in front says so (trusted from loopback).
        foreach (var (url, status) in new[] { ("/health", HttpStatusCode.OK), ("/account/sign-in", HttpStatusCode.OK), ("/people", HttpStatusCode.Redirect) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await client.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            Assert.Empty(PageChecks.HeaderProblems(response));
        }
    }

    /// <summary>
    /// An address over the app's limit (8 K characters) is refused by the app (414 with the security headers); one over
    /// Kestrel's own request-line limit (set to 16 KB) is refused by Kestrel before any middleware, with an empty 414
    /// that no code can add headers to — it must at least carry no Server header and no body. The same split for a Host:
    /// malformed (Kestrel) or merely not allowed (the app).
    /// </summary>
    [Fact]
    public async Task Over_real_HTTP_an_over_long_address_or_a_bad_Host_is_refused_by_the_app_with_headers_or_by_Kestrel_empty()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        await database.CreateAsync();
        await using var factory = new WaymarkFactory(database, new AppSettings());
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = factory.ClientOptions.BaseAddress };

        using var behindProxy = new HttpRequestMessage(HttpMethod.Get, "/people?Name=" + new string('a', Waymark.Web.Infrastructure.RequestTargetLimit.MaxLength));
        behindProxy.Headers.Add("X-Forwarded-Proto", "https");
        using (var app = await client.SendAsync(behindProxy))
        {
            Assert.Equal(HttpStatusCode.RequestUriTooLong, app.StatusCode);
            Assert.Empty(PageChecks.HeaderProblems(app));
        }
        using var kestrel = await client.GetAsync("/people?Name=" + new string('a', 3 * Waymark.Web.Infrastructure.RequestTargetLimit.MaxLength));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, kestrel.StatusCode);
        Assert.False(kestrel.Headers.Contains("Server"));
        Assert.Empty(await kestrel.Content.ReadAsByteArrayAsync());

        // A Host with a space in it is refused by Kestrel itself (400, empty, no headers possible); a well-formed Host
        // outside AllowedHosts by the app's host filtering (400 with the security headers).
        var malformed = await RawAsync(client.BaseAddress!, "exa mple");
        Assert.StartsWith("HTTP/1.1 400", malformed, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nServer:", malformed, StringComparison.OrdinalIgnoreCase);
        var foreign = await RawAsync(client.BaseAddress!, "foreign.example");
        Assert.StartsWith("HTTP/1.1 400", foreign, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Security-Policy:", foreign, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nX-Content-Type-Options: nosniff", foreign, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A GET of /health with the given Host header written by hand (HttpClient refuses malformed ones); the answer's head.</summary>
    private static async Task<string> RawAsync(Uri server, string host)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await tcp.ConnectAsync(server.Host, server.Port, cts.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET /health HTTP/1.1\r\nHost: {host}\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n"), cts.Token);
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var text = await reader.ReadToEndAsync(cts.Token);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 2)];
    }
}
