using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace Waymark.Reminders;

/// <summary>
/// The <c>Notify</c> settings (README, "Configuration"; docs/support.md, "Reminders"). Read once at start-up; the web app
/// points <see cref="BaseUrl"/> and <see cref="ApiKey"/> at its fake Notify server when no key is configured.
/// </summary>
public sealed class NotifySettings
{
    /// <summary>GOV.UK Notify's API.</summary>
    public const string RealBaseUrl = "https://api.notifications.service.gov.uk";

    /// <summary><c>Notify:ApiKey</c>: "keyname-{service id}-{secret}" as Notify issues it; empty starts the fake. Never logged.</summary>
    public string ApiKey { get; set; } = "";
    /// <summary><c>Notify:BaseUrl</c>, default <see cref="RealBaseUrl"/>.</summary>
    public string BaseUrl { get; set; } = RealBaseUrl;
    /// <summary><c>Notify:SmsTemplateId</c>: a text message template whose body is <c>((message))</c>.</summary>
    public string SmsTemplateId { get; set; } = "";
    /// <summary><c>Notify:EmailTemplateId</c>: an email template with subject <c>((subject))</c> and body <c>((message))</c>.</summary>
    public string EmailTemplateId { get; set; } = "";
    /// <summary><c>Notify:SendIntervalSeconds</c>: how often the sender runs, default 30; 0 turns the background sender off.</summary>
    public int SendIntervalSeconds { get; set; } = 30;
    /// <summary><c>Notify:ClaimTimeoutSeconds</c>: after this long a claimed reminder with no record of sending is recovered (default 300).</summary>
    public int ClaimTimeoutSeconds { get; set; } = 300;
    /// <summary><c>Notify:StatusRecheckSeconds</c>: how long after a status check the same sent reminder is asked about again (default 60).</summary>
    public int StatusRecheckSeconds { get; set; } = 60;
    /// <summary><c>Notify:FakePort</c>: the fake server's port on 127.0.0.1, default 5081; 0 = any free port.</summary>
    public int FakePort { get; set; } = 5081;
    /// <summary><c>Notify:FakeOutboxFile</c>: a JSON file (relative to the app's folder) where the fake keeps its outbox across restarts; empty keeps it in memory only.</summary>
    public string FakeOutboxFile { get; set; } = "";
    /// <summary><c>Notify:FakeDeliverySeconds</c>: how long the fake takes to move a message from created to delivered, default 5.</summary>
    public double FakeDeliverySeconds { get; set; } = 5;

    /// <summary>Whether a real key is configured (no fake is started).</summary>
    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The settings in <paramref name="config"/>'s <c>Notify</c> section, with the defaults above.</summary>
    public static NotifySettings From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var s = config.GetSection("Notify");
        var d = new NotifySettings();
        return new NotifySettings
        {
            ApiKey = s["ApiKey"] ?? "",
            BaseUrl = string.IsNullOrWhiteSpace(s["BaseUrl"]) ? RealBaseUrl : s["BaseUrl"]!,
            SmsTemplateId = s["SmsTemplateId"] ?? "",
            EmailTemplateId = s["EmailTemplateId"] ?? "",
            SendIntervalSeconds = int.TryParse(s["SendIntervalSeconds"], out var i) ? i : d.SendIntervalSeconds,
            ClaimTimeoutSeconds = int.TryParse(s["ClaimTimeoutSeconds"], out var c) ? c : d.ClaimTimeoutSeconds,
            StatusRecheckSeconds = int.TryParse(s["StatusRecheckSeconds"], out var r) && r > 0 ? r : d.StatusRecheckSeconds,
            FakePort = int.TryParse(s["FakePort"], out var p) ? p : d.FakePort,
            FakeOutboxFile = s["FakeOutboxFile"] ?? "",
            FakeDeliverySeconds = double.TryParse(s["FakeDeliverySeconds"], System.Globalization.CultureInfo.InvariantCulture, out var f) ? f : d.FakeDeliverySeconds,
        };
    }
}

/// <summary>A Notify API key split into its parts (Notify's documented format: name, service id, secret key; the last two are UUIDs).</summary>
/// <param name="ServiceId">The service id (36 characters): the JWT's <c>iss</c>.</param>
/// <param name="Secret">The secret key (36 characters) that signs the JWT.</param>
public sealed record NotifyApiKey(string ServiceId, string Secret)
{
    /// <summary>Splits "keyname-{service id}-{secret}".</summary>
    /// <exception cref="ArgumentException">Not in that format (the message does not repeat the key).</exception>
    public static NotifyApiKey Parse(string key)
    {
        if (key is null || key.Length < 74 || key[^37] != '-' || key[^74] != '-'
            || !Guid.TryParse(key[^73..^37], out _) || !Guid.TryParse(key[^36..], out _))
            throw new ArgumentException("Notify:ApiKey is not a Notify API key (name-serviceid-secret)", nameof(key));
        return new NotifyApiKey(key[^73..^37], key[^36..]);
    }

    /// <summary>A bearer token for now: HS256 JWT with <c>iss</c> = service id and <c>iat</c> = <paramref name="now"/> in Unix seconds.</summary>
    /// <param name="now">The current instant.</param>
    public string Token(DateTimeOffset now) => Jwt.Sign(Secret, ServiceId, now.ToUnixTimeSeconds());

    /// <inheritdoc />
    public override string ToString() => $"NotifyApiKey({ServiceId})"; // never the secret
}

/// <summary>Notify's JSON Web Tokens: HS256 only (Notify's API documentation, "Authorisation header").</summary>
public static class Jwt
{
    /// <summary>A token with header {"typ":"JWT","alg":"HS256"} and claims iss, iat, signed with <paramref name="secret"/>.</summary>
    /// <param name="secret">The signing key (UTF-8).</param>
    /// <param name="issuer">The <c>iss</c> claim.</param>
    /// <param name="issuedAt">The <c>iat</c> claim, Unix seconds.</param>
    public static string Sign(string secret, string issuer, long issuedAt)
    {
        var header = B64(Encoding.UTF8.GetBytes("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"));
        var claims = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["iss"] = issuer, ["iat"] = issuedAt }));
        var signature = B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{claims}")));
        return $"{header}.{claims}.{signature}";
    }

    /// <summary>
    /// Checks a token as Notify does: HS256, signed with <paramref name="secret"/>, <c>iss</c> = <paramref name="issuer"/>,
    /// <c>iat</c> within 30 seconds of <paramref name="now"/>. Returns null when good, else the reason (Notify's words).
    /// </summary>
    public static string? Problem(string? token, string secret, string issuer, DateTimeOffset now)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3) return "Invalid token: malformed";
        try
        {
            var expected = B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}")));
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
                return "Invalid token: signature, api token not found";
            using var header = JsonDocument.Parse(Unb64(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256") return "Invalid token: algorithm used is not HS256";
            using var claims = JsonDocument.Parse(Unb64(parts[1]));
            if (!claims.RootElement.TryGetProperty("iss", out var iss) || iss.GetString() != issuer) return "Invalid token: service not found";
            if (!claims.RootElement.TryGetProperty("iat", out var iat) || !iat.TryGetInt64(out var at)) return "Invalid token: iat field not provided";
            if (Math.Abs(now.ToUnixTimeSeconds() - at) > 30) return "Error: Your system clock must be accurate to within 30 seconds";
            return null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return "Invalid token: malformed";
        }
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Unb64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}

/// <summary>What Notify said to a send request.</summary>
/// <param name="NotificationId">Notify's id when it accepted the message (201), else null.</param>
/// <param name="Refusal">Notify's message when it refused it (400, e.g. not a UK mobile number), else null.</param>
public sealed record NotifySendResult(string? NotificationId, string? Refusal)
{
    /// <summary>Whether Notify accepted it.</summary>
    public bool Accepted => NotificationId is not null;
}

/// <summary>A notification as Notify reports it.</summary>
/// <param name="Id">Notify's id.</param>
/// <param name="Reference">The reference given when sending (a reminder's id).</param>
/// <param name="Status">created, sending, pending, sent, delivered, permanent-failure, temporary-failure, technical-failure.</param>
public sealed record NotifyNotification(string Id, string? Reference, string Status);

/// <summary>Notify could not be asked (network error, 403, 429, 5xx): whether a message went is unknown, so the reminder is left for recovery.</summary>
public sealed class NotifyUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The calls Waymark makes to GOV.UK Notify (its documented v2 HTTP API). One small interface so tests can count and
/// break calls.
/// </summary>
public interface INotifyGateway
{
    /// <summary>POST /v2/notifications/sms with the SMS template and <c>((message))</c>.</summary>
    /// <exception cref="NotifyUnavailableException">Notify could not be asked or failed.</exception>
    Task<NotifySendResult> SendSmsAsync(string phoneNumber, string message, string reference, CancellationToken ct = default);

    /// <summary>POST /v2/notifications/email with the email template, <c>((subject))</c> and <c>((message))</c>.</summary>
    /// <exception cref="NotifyUnavailableException">Notify could not be asked or failed.</exception>
    Task<NotifySendResult> SendEmailAsync(string emailAddress, string subject, string message, string reference, CancellationToken ct = default);

    /// <summary>GET /v2/notifications/{id}; null when Notify does not know it (404).</summary>
    /// <exception cref="NotifyUnavailableException">Notify could not be asked or failed.</exception>
    Task<NotifyNotification?> GetStatusAsync(string notificationId, CancellationToken ct = default);

    /// <summary>GET /v2/notifications?reference=…; the first found, or null.</summary>
    /// <exception cref="NotifyUnavailableException">Notify could not be asked or failed.</exception>
    Task<NotifyNotification?> FindByReferenceAsync(string reference, CancellationToken ct = default);
}

/// <summary>
/// <see cref="INotifyGateway"/> over HttpClient and Notify's HTTP API (not the GovukNotify package: see
/// docs/support.md, Reminders, "Why not the official client"). Reads <see cref="NotifySettings"/> at each call, so the
/// web app can point it at its fake once that has started. Logs nothing (addresses and messages are personal data).
/// </summary>
public sealed class NotifyHttpGateway(NotifySettings settings, TimeProvider clock, HttpClient? http = null) : INotifyGateway, IDisposable
{
    private readonly HttpClient _http = http ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <inheritdoc />
    public Task<NotifySendResult> SendSmsAsync(string phoneNumber, string message, string reference, CancellationToken ct = default) =>
        SendAsync("sms", new Dictionary<string, object>
        {
            ["phone_number"] = phoneNumber, ["template_id"] = settings.SmsTemplateId,
            ["personalisation"] = new Dictionary<string, string> { ["message"] = message }, ["reference"] = reference,
        }, ct);

    /// <inheritdoc />
    public Task<NotifySendResult> SendEmailAsync(string emailAddress, string subject, string message, string reference, CancellationToken ct = default) =>
        SendAsync("email", new Dictionary<string, object>
        {
            ["email_address"] = emailAddress, ["template_id"] = settings.EmailTemplateId,
            ["personalisation"] = new Dictionary<string, string> { ["subject"] = subject, ["message"] = message }, ["reference"] = reference,
        }, ct);

    /// <inheritdoc />
    public async Task<NotifyNotification?> GetStatusAsync(string notificationId, CancellationToken ct = default)
    {
        using var response = await CallAsync(HttpMethod.Get, $"v2/notifications/{Uri.EscapeDataString(notificationId)}", null, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest) return null;
        await EnsureOkAsync(response);
        return await response.Content.ReadFromJsonAsync<NotificationJson>(ct) is { Id: { } id } n ? new NotifyNotification(id, n.Reference, n.Status ?? "") : null;
    }

    /// <inheritdoc />
    public async Task<NotifyNotification?> FindByReferenceAsync(string reference, CancellationToken ct = default)
    {
        using var response = await CallAsync(HttpMethod.Get, $"v2/notifications?reference={Uri.EscapeDataString(reference)}", null, ct);
        await EnsureOkAsync(response);
        var list = await response.Content.ReadFromJsonAsync<NotificationListJson>(ct);
        return list?.Notifications?.FirstOrDefault(n => n.Id is not null && n.Reference == reference) is { } f ? new NotifyNotification(f.Id!, f.Reference, f.Status ?? "") : null;
    }

    private async Task<NotifySendResult> SendAsync(string kind, Dictionary<string, object> body, CancellationToken ct)
    {
        using var response = await CallAsync(HttpMethod.Post, $"v2/notifications/{kind}", body, ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var error = await ReadErrorAsync(response);
            return new NotifySendResult(null, error ?? "Notify refused the message");
        }
        await EnsureOkAsync(response);
        var created = await response.Content.ReadFromJsonAsync<NotificationJson>(ct);
        return created?.Id is { } id ? new NotifySendResult(id, null) : throw new NotifyUnavailableException("Notify accepted the message without an id");
    }

    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var key = NotifyApiKey.Parse(settings.ApiKey);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(settings.BaseUrl.TrimEnd('/') + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Token(clock.GetUtcNow()));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Waymark", "1.0"));
        if (body is not null) request.Content = JsonContent.Create(body);
        try
        {
            return await _http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new NotifyUnavailableException("Notify could not be reached", e);
        }
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        var error = await ReadErrorAsync(response);
        throw new NotifyUnavailableException($"Notify answered {(int)response.StatusCode}: {error ?? "no error given"}");
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response)
    {
        try
        {
            var e = await response.Content.ReadFromJsonAsync<ErrorJson>();
            return e?.Errors?.FirstOrDefault()?.Message;
        }
        catch (JsonException) { return null; }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed record NotificationJson(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("reference")] string? Reference,
        [property: JsonPropertyName("status")] string? Status);

    private sealed record NotificationListJson([property: JsonPropertyName("notifications")] List<NotificationJson>? Notifications);

    private sealed record ErrorItemJson([property: JsonPropertyName("error")] string? Error, [property: JsonPropertyName("message")] string? Message);

    private sealed record ErrorJson([property: JsonPropertyName("errors")] List<ErrorItemJson>? Errors);
}
