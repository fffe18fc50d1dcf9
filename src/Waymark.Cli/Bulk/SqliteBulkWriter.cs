using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Waymark.Cli.Bulk;

/// <summary>
/// SQLite: one transaction per batch, a prepared single-row INSERT per table reused for every row
/// (parameters created by EF's type mappings, so they bind as EF binds them), and
/// <c>PRAGMA synchronous=OFF</c> plus a large page cache for the duration of the load only.
/// </summary>
public sealed class SqliteBulkWriter(string connectionString) : IBulkWriter
{
    private readonly SqliteConnection _conn = new(connectionString);
    private readonly Dictionary<BulkTable, SqliteCommand> _inserts = [];
    private string? _previousSynchronous;

    public async Task BeginAsync(CancellationToken ct)
    {
        await _conn.OpenAsync(ct);
        _previousSynchronous = Convert.ToString(await ScalarAsync("PRAGMA synchronous;", ct), CultureInfo.InvariantCulture);
        await ExecAsync("PRAGMA synchronous=OFF;", ct);
        // Connection-local: a 512 MB page cache keeps the indexes' hot pages in memory while a
        // million random keys go in. Gone when the connection closes.
        await ExecAsync("PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY;", ct);
    }

    public async Task WriteBatchAsync(IReadOnlyList<BulkRows> batch, CancellationToken ct)
    {
        await using var tx = (SqliteTransaction)await _conn.BeginTransactionAsync(ct);
        foreach (var (table, rows) in batch)
        {
            if (rows.Count == 0) continue;
            var cmd = InsertFor(table);
            cmd.Transaction = tx;
            var ps = cmd.Parameters;
            var n = table.Columns.Count;
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < n; i++) ps[i].Value = row[i] ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
        }
        await tx.CommitAsync(ct);
    }

    public async Task FinishAsync(IReadOnlyList<BulkTable> tables, CancellationToken ct)
    {
        await ExecAsync("ANALYZE;", ct);
        await ExecAsync($"PRAGMA synchronous={_previousSynchronous ?? "FULL"};", ct);
        await ExecAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
    }

    private SqliteCommand InsertFor(BulkTable table)
    {
        if (_inserts.TryGetValue(table, out var cmd)) return cmd;
        cmd = _conn.CreateCommand();
        var names = new List<string>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var col = table.Columns[i];
            var name = "$c" + i.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            // EF's mapping configures the parameter (e.g. Guid as TEXT) exactly as EF's own inserts do.
            var p = col.Mapping.CreateParameter(cmd, name, null, col.Property.IsNullable);
            cmd.Parameters.Add(p);
        }
        cmd.CommandText = $"INSERT INTO {Sql.Quote(table.Schema, table.Name)} ({string.Join(", ", table.Columns.Select(c => Sql.Quote(c.Name)))}) VALUES ({string.Join(", ", names)});";
        cmd.Prepare();
        _inserts[table] = cmd;
        return cmd;
    }

    private async Task ExecAsync(string sql, CancellationToken ct)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _inserts.Values) await cmd.DisposeAsync();
        await _conn.DisposeAsync();
    }
}

internal static class Sql
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Quote(string? schema, string name) => schema is null ? Quote(name) : Quote(schema) + "." + Quote(name);
}
