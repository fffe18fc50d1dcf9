using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Waymark.Reminders;
using Waymark.Web.Reminders;

namespace Waymark.Web.Tests.Reminders;

/// <summary>The fake GOV.UK Notify, through the app's own Notify client: the API's answers, JWT checks, statuses, the outbox page, restarts.</summary>
public sealed class FakeNotifyTests : IAsyncLifetime
{
    private readonly FakeClock _clock = new(DateTimeOffset.UtcNow);
    private FakeNotifyServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeNotifyServer.StartAsync(new FakeNotifyOptions(Port: 0, DeliveryDelay: TimeSpan.FromSeconds(10), Clock: _clock));

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private NotifyHttpGateway Client(string? key = null) => new(new NotifySettings
    {
        ApiKey = key ?? _fake.ApiKey, BaseUrl = _fake.BaseUrl.ToString(),
        SmsTemplateId = FakeNotifyServer.SmsTemplateId, EmailTemplateId = FakeNotifyServer.EmailTemplateId,
    }, _clock);

    [Fact]
    public async Task A_text_is_accepted_found_by_reference_and_moves_from_created_to_delivered()
    {
        using var notify = Client();
        var reference = Guid.NewGuid().ToString();
        var sent = await notify.SendSmsAsync("07700 900123", "Reminder from Northshire Liaison and Diversion: you have an appointment.", reference);
        Assert.True(sent.Accepted);
        Assert.Equal(sent.NotificationId, (await notify.FindByReferenceAsync(reference))!.Id);
        Assert.Equal("created", (await notify.GetStatusAsync(sent.NotificationId!))!.Status);
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("sending", (await notify.GetStatusAsync(sent.NotificationId!))!.Status);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("delivered", (await notify.GetStatusAsync(sent.NotificationId!))!.Status);
        Assert.Null(await notify.FindByReferenceAsync(Guid.NewGuid().ToString()));
        Assert.Null(await notify.GetStatusAsync(Guid.NewGuid().ToString()));
        var m = Assert.Single(_fake.Messages);
        Assert.Equal(("sms", "07700900123", reference), (m.Type, m.To, m.Reference));
    }

    [Fact]
    public async Task Numbers_ending_900999_and_addresses_at_fail_invalid_fail_permanently()
    {
        using var notify = Client();
        var text = await notify.SendSmsAsync("+44 7700 900999", "m", "r1");
        var email = await notify.SendEmailAsync("someone@fail.invalid", "Reminder: your appointment on 1 December", "m", "r2");
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("permanent-failure", (await notify.GetStatusAsync(text.NotificationId!))!.Status);
        Assert.Equal("permanent-failure", (await notify.GetStatusAsync(email.NotificationId!))!.Status);
    }

    [Fact]
    public async Task A_number_that_is_not_a_UK_mobile_or_a_bad_address_is_refused_with_400_and_nothing_is_kept()
    {
        using var notify = Client();
        Assert.Equal("phone_number Not a UK mobile number", (await notify.SendSmsAsync("01632 960000", "m", "r")).Refusal);
        Assert.Equal("phone_number Not a UK mobile number", (await notify.SendSmsAsync("0770090012", "m", "r")).Refusal);
        Assert.Equal("email_address Not a valid email address", (await notify.SendEmailAsync("not an address", "s", "m", "r")).Refusal);
        Assert.Empty(_fake.Messages);
    }

    [Fact]
    public async Task A_wrong_missing_or_stale_token_is_refused_with_403_AuthError()
    {
        using var wrong = Client($"waymark-fake-{FakeNotifyServer.ServiceId}-{Guid.NewGuid()}");
        var e = await Assert.ThrowsAsync<NotifyUnavailableException>(() => wrong.SendSmsAsync("07700 900123", "m", "r"));
        Assert.Contains("403", e.Message, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = _fake.BaseUrl };
        using var missing = await http.PostAsJsonAsync("v2/notifications/sms", new { phone_number = "07700900123", template_id = FakeNotifyServer.SmsTemplateId, personalisation = new { message = "m" } });
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Contains("AuthError", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "v2/notifications");
        stale.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyApiKey.Parse(_fake.ApiKey).Token(_clock.GetUtcNow().AddMinutes(-2)));
        using var staleAnswer = await http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Forbidden, staleAnswer.StatusCode);
        Assert.Contains("30 seconds", await staleAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_fake.Messages);
    }

    [Fact]
    public async Task The_201_answer_has_Notify_s_shape()
    {
        using var http = new HttpClient { BaseAddress = _fake.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/notifications/email")
        {
            Content = JsonContent.Create(new { email_address = "a@example.invalid", template_id = FakeNotifyServer.EmailTemplateId, reference = "ref-1", personalisation = new { subject = "S", message = "M" } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyApiKey.Parse(_fake.ApiKey).Token(_clock.GetUtcNow()));
        using var answer = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("ref-1", root.GetProperty("reference").GetString());
        Assert.Equal(("S", "M"), (root.GetProperty("content").GetProperty("subject").GetString(), root.GetProperty("content").GetProperty("body").GetString()));
        Assert.Equal(FakeNotifyServer.EmailTemplateId, root.GetProperty("template").GetProperty("id").GetString());
        Assert.EndsWith(root.GetProperty("id").GetString()!, root.GetProperty("uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbox_page_shows_each_message_with_its_reference_and_status_accessibly_labelled()
    {
        using var notify = Client();
        await notify.SendSmsAsync("07700 900123", "Reminder from Northshire Liaison and Diversion: you have an appointment on Tuesday 1 December at 2:30pm at Newtown Library.", "ref-outbox");
        using var http = new HttpClient { BaseAddress = _fake.BaseUrl };
        var doc = new HtmlParser().ParseDocument(await http.GetStringAsync("/"));
        Assert.Equal("en-GB", doc.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(doc.Title));
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal(["When", "To", "Message", "Reference", "Status"], doc.QuerySelectorAll("th").Select(th => th.TextContent));
        var row = Assert.Single(doc.QuerySelectorAll("tbody tr"));
        Assert.Contains("at 2:30pm at Newtown Library", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("ref-outbox", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("created", row.QuerySelectorAll("td").Last().TextContent);
        _clock.Advance(TimeSpan.FromSeconds(11));
        var later = new HtmlParser().ParseDocument(await http.GetStringAsync("/"));
        Assert.Equal("delivered", later.QuerySelectorAll("tbody tr td").Last().TextContent);
    }

    [Fact]
    public async Task With_a_file_the_outbox_survives_a_restart_and_a_taken_port_falls_back_to_a_free_one()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"waymark-fake-notify-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "outbox.json");
        try
        {
            await using (var first = await FakeNotifyServer.StartAsync(new FakeNotifyOptions(0, file)))
            {
                using var notify = new NotifyHttpGateway(new NotifySettings { ApiKey = first.ApiKey, BaseUrl = first.BaseUrl.ToString(), SmsTemplateId = FakeNotifyServer.SmsTemplateId }, TimeProvider.System);
                Assert.True((await notify.SendSmsAsync("07700 900123", "kept", "ref-kept")).Accepted);
                // The port the first one holds: a second fake asked for it gets another.
                await using var second = await FakeNotifyServer.StartAsync(new FakeNotifyOptions(first.BaseUrl.Port));
                Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
            }
            await using var again = await FakeNotifyServer.StartAsync(new FakeNotifyOptions(0, file));
            Assert.Equal("ref-kept", Assert.Single(again.Messages).Reference);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("07700 900123", "07700900123")]
    [InlineData("+44 (0)7700 900-123", "07700900123")]
    [InlineData("0044 7700 900123", "07700900123")]
    [InlineData("447700900123", "07700900123")]
    [InlineData("01632 960000", null)]
    [InlineData("07700 90012", null)]
    [InlineData("07700 9001234", null)]
    [InlineData("", null)]
    public void UK_mobile_numbers_are_read_as_Notify_reads_them(string given, string? read) => Assert.Equal(read, FakeNotifyServer.UkMobile(given));
}
