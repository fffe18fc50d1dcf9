using System.Threading.Channels;
using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Audit;

/// <summary>
/// Writes audit events that stand alone — views, searches, sign-ins — with group commit: the events of requests
/// that arrive while one commit is under way are written together in the next one, so under load many views cost
/// one transaction (one fsync) instead of one each, and no writer queues behind another for SQLite's single write lock.
/// Every caller still waits until its own event is committed, so an event is durable before the page is sent
/// (ADR 0005). Events that belong to a change are not written here: they commit with the change (<see cref="Auditor.Add"/>).
/// </summary>
public sealed class AuditTrailWriter : IAsyncDisposable, IDisposable
{
    /// <summary>Most events written in one transaction.</summary>
    public const int MaxBatch = 500;

    private sealed record Pending(AuditEvent Event, TaskCompletionSource Committed);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IWaymarkContexts _contexts;
    private readonly Task _loop;

    /// <summary>Starts the writer; <paramref name="contexts"/> gives the system-scoped contexts it writes through.</summary>
    public AuditTrailWriter(IWaymarkContexts contexts)
    {
        _contexts = contexts;
        _loop = Task.Run(WriteBatchesAsync);
    }

    /// <summary>Number of transactions committed so far (for tests and diagnostics).</summary>
    public int Commits { get; private set; }

    /// <summary>
    /// Queues <paramref name="e"/> and completes once it is committed. Throws what the database threw if its batch
    /// failed, and <see cref="ObjectDisposedException"/> after the writer has been stopped.
    /// </summary>
    public Task WriteAsync(AuditEvent e)
    {
        var pending = new Pending(e, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(AuditTrailWriter), "The audit trail writer has stopped.");
        return pending.Committed.Task;
    }

    private async Task WriteBatchesAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var p)) batch.Add(p);
            try
            {
                await using var db = _contexts.Create(new SystemUser("audit"));
                db.AuditEvents.AddRange(batch.Select(p => p.Event));
                await db.SaveChangesAsync().ConfigureAwait(false);
                Commits++;
                foreach (var p in batch) p.Committed.TrySetResult();
            }
#pragma warning disable CA1031 // every waiting request must hear of the failure; the loop must go on for the next batch
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var p in batch) p.Committed.TrySetException(ex);
            }
        }
    }

    /// <summary>Stops taking events and waits until everything queued has been written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>As <see cref="DisposeAsync"/>, for a container disposed synchronously (the loop never captures a context, so blocking is safe).</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }
}
