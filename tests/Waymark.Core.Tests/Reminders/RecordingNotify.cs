using System.Collections.Concurrent;
using Waymark.Reminders;

namespace Waymark.Core.Tests.Reminders;

/// <summary>An in-memory Notify for data tests: counts calls, keeps every message by reference, refuses numbers ending 000000, gives statuses the test sets.</summary>
public sealed class RecordingNotify : INotifyGateway
{
    public sealed record Sent(string Id, string Reference, string To, string Body, string? Subject);

    public ConcurrentDictionary<string, Sent> ById { get; } = new();
    public ConcurrentQueue<Sent> All { get; } = new();
    public ConcurrentDictionary<string, string> Statuses { get; } = new();
    public int Sends => All.Count;
    /// <summary>While true every call fails as if Notify could not be reached.</summary>
    public bool Down { get; set; }
    private void ThrowIfDown() { if (Down) throw new NotifyUnavailableException("Notify could not be reached"); }
    public int Lookups;
    public int StatusCalls;

    public Task<NotifySendResult> SendSmsAsync(string phoneNumber, string message, string reference, CancellationToken ct = default) =>
        Task.FromResult(Accept(phoneNumber, message, null, reference, phoneNumber.EndsWith("000000", StringComparison.Ordinal)));

    public Task<NotifySendResult> SendEmailAsync(string emailAddress, string subject, string message, string reference, CancellationToken ct = default) =>
        Task.FromResult(Accept(emailAddress, message, subject, reference, false));

    private NotifySendResult Accept(string to, string body, string? subject, string reference, bool refuse)
    {
        ThrowIfDown();
        if (refuse) return new NotifySendResult(null, "phone_number Not a UK mobile number");
        var s = new Sent(Guid.NewGuid().ToString(), reference, to, body, subject);
        ById[s.Id] = s;
        All.Enqueue(s);
        return new NotifySendResult(s.Id, null);
    }

    public Task<NotifyNotification?> GetStatusAsync(string notificationId, CancellationToken ct = default)
    {
        ThrowIfDown();
        Interlocked.Increment(ref StatusCalls);
        return Task.FromResult(ById.TryGetValue(notificationId, out var s) ? new NotifyNotification(s.Id, s.Reference, Statuses.GetValueOrDefault(s.Id, "sending")) : null);
    }

    public Task<NotifyNotification?> FindByReferenceAsync(string reference, CancellationToken ct = default)
    {
        ThrowIfDown();
        Interlocked.Increment(ref Lookups);
        return Task.FromResult(All.FirstOrDefault(s => s.Reference == reference) is { } s ? new NotifyNotification(s.Id, s.Reference, "sending") : null);
    }
}
