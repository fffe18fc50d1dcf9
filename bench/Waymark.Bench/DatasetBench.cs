using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Commissioning;
using Waymark.Demo;
using Waymark.Figures;
using Waymark.Persistence;
using Waymark.Teams;
using static BenchStats;

/// <summary>
/// The national monthly dataset (issue 15 item 8: ≤ 10 s at 1M episodes on PostgreSQL): the demo commissioner's dataset
/// for EVERY team for the month of the latest identification, written as CSV and as JSON to a counting null stream
/// (<see cref="MonthlyDataset"/>, <see cref="DatasetWriters"/>), timing each run and the peak working set. Writes markdown
/// on stdout. Synthetic data only.
/// </summary>
internal static class DatasetBench
{
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, int iterations,
        DatabaseProvider kind, Func<WaymarkDbContext, Task<string>> dataSize)
    {
        List<CommissionedTeam> teams;
        string commissionerId, size;
        Month month;
        long episodes;
        await using (var db = context(system))
        {
            teams = await db.Teams.OrderBy(t => t.Name).Select(t => new CommissionedTeam(t.Id, t.Name)).ToListAsync();
            commissionerId = await db.Users.Where(u => u.Email == DemoSeeder.EmailFor(Roles.Commissioner)).Select(u => u.Id).SingleAsync();
            var latest = await db.Episodes.MaxAsync(e => (DateTimeOffset?)e.IdentifiedAt);
            if (latest is null) { Console.Error.WriteLine("error: no episodes."); return 1; }
            month = Month.Of(Waymark.UkTime.DateOf(latest.Value));
            episodes = await db.Episodes.LongCountAsync();
            size = await dataSize(db);
        }
        var results = new List<(string Name, double[] Ms, long Rows, long Bytes)>();
        foreach (var format in new[] { DatasetFormat.Csv, DatasetFormat.Json })
        {
            var ms = new double[Math.Max(1, iterations)];
            long rows = 0, bytes = 0;
            for (var i = 0; i < ms.Length; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await using var db = context(new FixedUser(commissionerId, Roles.Commissioner, teams[0].Id));
                var sink = new CountingStream();
                rows = 0;
                await DatasetWriters.WriteAsync(format, sink, month, DateTimeOffset.UtcNow, Counted(new MonthlyDataset(db, TimeProvider.System).RowsAsync(commissionerId, month, teams)));
                ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                bytes = sink.Length;
                Console.Error.WriteLine($"  {format}: {ms[i] / 1000:0.0} s, {rows:N0} rows, {bytes:N0} bytes");
            }
            results.Add(($"National dataset {month.Code}, {format}", ms, rows, bytes));

            async IAsyncEnumerable<DatasetRow> Counted(IAsyncEnumerable<DatasetRow> source)
            {
                await foreach (var r in source) { rows++; yield return r; }
            }
        }
        Console.WriteLine($"### Monthly dataset (national), {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"Data: {episodes:N0} episodes over {teams.Count:N0} teams. Database size {size}. Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MB.");
        Console.WriteLine();
        Console.WriteLine("| Export | rows | bytes | median s | max s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, ms, rows, bytes) in results)
            Console.WriteLine($"| {name} | {rows:N0} | {bytes:N0} | {Percentile(ms, 0.5) / 1000:0.0} | {ms.Max() / 1000:0.0} |");
        return 0;
    }

    /// <summary>A write-only stream that keeps only the number of bytes written.</summary>
    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        private long _length;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) { _length += buffer.Length; return ValueTask.CompletedTask; }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) { _length += count; return Task.CompletedTask; }
    }
}
