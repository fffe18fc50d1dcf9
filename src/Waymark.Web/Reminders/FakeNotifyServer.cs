using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Waymark.Reminders;

namespace Waymark.Web.Reminders;

/// <summary>How a <see cref="FakeNotifyServer"/> is started.</summary>
/// <param name="Port">Port on 127.0.0.1; 0 = any free port. When the port is taken, any free port is used instead.</param>
/// <param name="OutboxFile">A JSON file where the outbox is kept across restarts (full path), or null for memory only.</param>
/// <param name="DeliveryDelay">How long a message takes from created to delivered (half of it "sending").</param>
/// <param name="Clock">The clock (JWT times, statuses); null for the system clock.</param>
public sealed record FakeNotifyOptions(int Port = 5081, string? OutboxFile = null, TimeSpan? DeliveryDelay = null, TimeProvider? Clock = null);

/// <summary>A message the fake received, as the outbox shows it.</summary>
public sealed class FakeNotifyMessage
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("reference")] public string? Reference { get; init; }
    /// <summary>"sms" or "email".</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("to")] public required string To { get; init; }
    [JsonPropertyName("templateId")] public required string TemplateId { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("body")] public required string Body { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Delivery fails (permanent-failure) for mobile numbers ending 900999 and addresses at fail.invalid.</summary>
    [JsonPropertyName("willFail")] public bool WillFail { get; init; }
}

/// <summary>
/// A fake GOV.UK Notify for development and tests (docs/support.md, Reminders, "The fake Notify"): a small Kestrel app on
/// 127.0.0.1 speaking Notify's v2 API (send text and email, get one, list by reference; Notify's status codes and JSON
/// shapes), checking the HS256 JWT against its own key (<see cref="ApiKey"/>), keeping every message, and moving each
/// created → sending → delivered (or permanent-failure for mobile numbers ending 900999 and emails at fail.invalid).
/// Its page at "/" is the outbox: when, to, message, reference, status. Logs nothing.
/// </summary>
public sealed partial class FakeNotifyServer : IAsyncDisposable
{
    /// <summary>The fake's service id (the JWT's iss).</summary>
    public const string ServiceId = "1e4bc1a0-0000-4000-8000-000000000001";
    /// <summary>The template ids the app uses with the fake (any UUID is accepted).</summary>
    public const string SmsTemplateId = "7e3a1c2b-0000-4000-8000-00000000005a";
    /// <summary>The email template id the app uses with the fake.</summary>
    public const string EmailTemplateId = "7e3a1c2b-0000-4000-8000-00000000e4a1";

    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = false };
    private readonly WebApplication _app;
    private readonly List<FakeNotifyMessage> _messages = [];
    private readonly Lock _lock = new();
    private readonly string _secret = Guid.NewGuid().ToString();
    private readonly TimeProvider _clock;
    private readonly TimeSpan _delay;
    private readonly string? _file;
    private readonly Timer? _saver;
    private bool _dirty;

    private FakeNotifyServer(WebApplication app, FakeNotifyOptions options)
    {
        _app = app;
        _clock = options.Clock ?? TimeProvider.System;
        _delay = options.DeliveryDelay ?? TimeSpan.FromSeconds(5);
        _file = options.OutboxFile;
        if (_file is not null)
        {
            if (File.Exists(_file))
            {
                try { _messages.AddRange(JsonSerializer.Deserialize<List<FakeNotifyMessage>>(File.ReadAllText(_file), FileJson) ?? []); }
                catch (JsonException) { /* a damaged outbox file starts empty */ }
            }
            _saver = new Timer(_ => Save(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The API's address, e.g. http://127.0.0.1:5081/ (also the outbox page).</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The key the fake accepts: "fake-{service id}-{secret}", new at each start.</summary>
    public string ApiKey => $"waymark-fake-{ServiceId}-{_secret}";

    /// <summary>A copy of the messages received, oldest first.</summary>
    public IReadOnlyList<FakeNotifyMessage> Messages { get { lock (_lock) return [.. _messages]; } }

    /// <summary>Notify's status of <paramref name="m"/> now: created, sending, then delivered or permanent-failure.</summary>
    public string StatusOf(FakeNotifyMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var age = _clock.GetUtcNow() - m.CreatedAt;
        return age < _delay / 2 ? "created" : age < _delay ? "sending" : m.WillFail ? "permanent-failure" : "delivered";
    }

    /// <summary>Starts a fake on 127.0.0.1 (see <see cref="FakeNotifyOptions"/>).</summary>
    public static async Task<FakeNotifyServer> StartAsync(FakeNotifyOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        try { return await StartOnAsync(options, options.Port, ct); }
        catch (IOException) when (options.Port != 0) { return await StartOnAsync(options, 0, ct); } // the port is taken
    }

    private static async Task<FakeNotifyServer> StartOnAsync(FakeNotifyOptions options, int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => { k.AddServerHeader = false; k.Listen(IPAddress.Loopback, port); });
        var app = builder.Build();
        var server = new FakeNotifyServer(app, options);
        server.Map(app);
        try { await app.StartAsync(ct); }
        catch (Exception e) when (e is IOException or SocketException)
        {
            await server.DisposeAsync();
            throw new IOException($"The fake Notify could not listen on port {port}", e);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/", Outbox);
        app.MapPost("/v2/notifications/{kind}", SendAsync);
        app.MapGet("/v2/notifications/{id}", Get);
        app.MapGet("/v2/notifications", List);
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new { errors = new[] { new { error, message } }, status_code = status }, statusCode: status);

    private IResult? AuthProblem(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return Error(403, "AuthError", "Unauthorized: authentication token must be provided");
        return Jwt.Problem(header["Bearer ".Length..].Trim(), _secret, ServiceId, _clock.GetUtcNow()) is { } problem ? Error(403, "AuthError", problem) : null;
    }

    private async Task<IResult> SendAsync(string kind, HttpRequest request)
    {
        if (AuthProblem(request) is { } refused) return refused;
        if (kind is not ("sms" or "email")) return Error(404, "NotFound", "Not found");
        JsonObject? body;
        try { body = await JsonNode.ParseAsync(request.Body) as JsonObject; }
        catch (JsonException) { body = null; }
        if (body is null) return Error(400, "BadRequestError", "Invalid JSON supplied in POST data");
        var template = (string?)body["template_id"];
        var reference = (string?)body["reference"];
        var personalisation = body["personalisation"] as JsonObject;
        var message = (string?)personalisation?["message"];
        var subject = (string?)personalisation?["subject"];
        if (!Guid.TryParse(template, out _)) return Error(400, "ValidationError", "template_id is not a valid UUID");
        if (message is null) return Error(400, "BadRequestError", "Missing personalisation: message");
        if (kind == "email" && subject is null) return Error(400, "BadRequestError", "Missing personalisation: subject");
        string to;
        bool fail;
        if (kind == "sms")
        {
            if (UkMobile((string?)body["phone_number"]) is not { } mobile) return Error(400, "ValidationError", "phone_number Not a UK mobile number");
            to = mobile;
            fail = mobile.EndsWith("900999", StringComparison.Ordinal);
        }
        else
        {
            var email = ((string?)body["email_address"])?.Trim();
            if (email is null || !EmailShape().IsMatch(email)) return Error(400, "ValidationError", "email_address Not a valid email address");
            to = email;
            fail = email.EndsWith("@fail.invalid", StringComparison.OrdinalIgnoreCase);
        }
        var m = new FakeNotifyMessage
        {
            Id = Guid.NewGuid().ToString(), Reference = reference, Type = kind, To = to, TemplateId = template!,
            Subject = kind == "email" ? subject : null, Body = message, CreatedAt = _clock.GetUtcNow(), WillFail = fail,
        };
        lock (_lock) { _messages.Add(m); _dirty = true; }
        var uri = $"{BaseUrl}v2/notifications/{m.Id}";
        var templateJson = new { id = template, version = 1, uri = $"{BaseUrl}services/{ServiceId}/templates/{template}" };
        return kind == "sms"
            ? Results.Json(new { id = m.Id, reference, content = new { body = message, from_number = "Waymark" }, uri, template = templateJson, scheduled_for = (string?)null }, statusCode: 201)
            : Results.Json(new { id = m.Id, reference, content = new { subject, body = message, from_email = "waymark@notifications.service.gov.uk.invalid" }, uri, template = templateJson, scheduled_for = (string?)null }, statusCode: 201);
    }

    private IResult Get(string id, HttpRequest request)
    {
        if (AuthProblem(request) is { } refused) return refused;
        if (!Guid.TryParse(id, out _)) return Error(400, "ValidationError", "notification_id is not a valid UUID");
        FakeNotifyMessage? m;
        lock (_lock) m = _messages.FirstOrDefault(x => x.Id == id);
        return m is null ? Error(404, "NoResultFound", "No result found") : Results.Json(Json(m));
    }

    private IResult List(HttpRequest request)
    {
        if (AuthProblem(request) is { } refused) return refused;
        var reference = request.Query["reference"].ToString();
        List<FakeNotifyMessage> found;
        lock (_lock) found = [.. _messages.Where(m => reference.Length == 0 || m.Reference == reference).Reverse().Take(250)];
        return Results.Json(new { notifications = found.Select(Json), links = new { current = $"{BaseUrl}v2/notifications" + request.QueryString } });
    }

    private object Json(FakeNotifyMessage m)
    {
        var status = StatusOf(m);
        var done = status is "delivered" or "permanent-failure";
        return new
        {
            id = m.Id, reference = m.Reference, type = m.Type, status,
            phone_number = m.Type == "sms" ? m.To : null, email_address = m.Type == "email" ? m.To : null,
            body = m.Body, subject = m.Subject,
            template = new { id = m.TemplateId, version = 1, uri = $"{BaseUrl}services/{ServiceId}/templates/{m.TemplateId}" },
            created_at = m.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            sent_at = status == "created" ? null : m.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            completed_at = done ? (m.CreatedAt + _delay).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture) : null,
        };
    }

    private IResult Outbox()
    {
        var h = HtmlEncoder.Default;
        List<FakeNotifyMessage> shown;
        int total;
        lock (_lock) { total = _messages.Count; shown = [.. _messages.AsEnumerable().Reverse().Take(500)]; }
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Outbox – fake GOV.UK Notify – Waymark</title>")
            .Append("<style>body{font-family:Arial,sans-serif;margin:1rem 2rem;color:#212b32}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #aeb7bd;padding:.5rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold;padding:.5rem 0}.failed{color:#a3021e;font-weight:bold}.delivered{color:#005a30;font-weight:bold}</style></head><body><main>")
            .Append("<h1>Messages sent through the fake GOV.UK Notify</h1>")
            .Append("<p>Waymark is not connected to GOV.UK Notify (no <code>Notify:ApiKey</code> is set), so reminders come here instead of to anyone's phone or inbox. ")
            .Append("Each message shows as created, then sending, then delivered. Mobile numbers ending 900999 and email addresses at fail.invalid show as failed (permanent-failure).</p>")
            .Append("<p>").Append(total).Append(total == 1 ? " message" : " messages").Append(total > shown.Count ? $", the latest {shown.Count} shown" : "").Append(". Reload the page to see new messages and their status.</p>");
        if (shown.Count == 0) html.Append("<p>No messages yet.</p>");
        else
        {
            html.Append("<table><caption>Messages, newest first</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">To</th><th scope=\"col\">Message</th><th scope=\"col\">Reference</th><th scope=\"col\">Status</th></tr></thead><tbody>");
            foreach (var m in shown)
            {
                var status = StatusOf(m);
                var local = UkTime.ToLocal(m.CreatedAt);
                html.Append("<tr><td>").Append(h.Encode(local.ToString("d MMM yyyy HH:mm:ss", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + " " + UkTime.ZoneName(m.CreatedAt)))
                    .Append("</td><td>").Append(m.Type == "sms" ? "Text to " : "Email to ").Append(h.Encode(m.To))
                    .Append("</td><td>").Append(m.Subject is null ? "" : $"<strong>{h.Encode(m.Subject)}</strong><br>").Append(h.Encode(m.Body))
                    .Append("</td><td>").Append(h.Encode(m.Reference ?? ""))
                    .Append("</td><td class=\"").Append(status == "delivered" ? "delivered" : status == "permanent-failure" ? "failed" : "").Append("\">").Append(status)
                    .Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        html.Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>A UK mobile number as Notify reads it ("07700 900123", "+44 7700 900123", "(07700) 900-123"), normalised to 07…; null when it is not one.</summary>
    /// <param name="number">The number as given.</param>
    public static string? UkMobile(string? number)
    {
        if (number is null) return null;
        var digits = new string([.. number.Where(c => !(char.IsWhiteSpace(c) || c is '(' or ')' or '-' or '.'))]);
        if (digits.StartsWith("+44", StringComparison.Ordinal)) digits = "0" + digits[3..].TrimStart('0');
        else if (digits.StartsWith("0044", StringComparison.Ordinal)) digits = "0" + digits[4..].TrimStart('0');
        else if (digits.StartsWith("44", StringComparison.Ordinal) && digits.Length == 12) digits = "0" + digits[2..];
        else if (digits.StartsWith('7') && digits.Length == 10) digits = "0" + digits;
        return digits.Length == 11 && digits.StartsWith("07", StringComparison.Ordinal) && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    private void Save()
    {
        if (_file is null) return;
        string json;
        lock (_lock)
        {
            if (!_dirty) return;
            json = JsonSerializer.Serialize(_messages, FileJson);
            _dirty = false;
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            File.WriteAllText(_file + ".tmp", json);
            File.Move(_file + ".tmp", _file, overwrite: true);
        }
        catch (IOException) { lock (_lock) _dirty = true; }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_saver is not null) await _saver.DisposeAsync();
        Save();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
