using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Waymark.Cli.Bulk;

/// <summary>
/// SQLite: one transaction per batch, one prepared single-row INSERT per table reused for every
/// row, and <c>PRAGMA synchronous=OFF</c> plus a large page cache for the duration of the load only.
/// <para>
/// Values are bound through SQLitePCL (the library under Microsoft.Data.Sqlite), skipping ADO.NET's
/// per-row overhead. How each column binds is taken from the parameter EF's type mapping
/// configures (e.g. a Guid as upper-case TEXT), and follows Microsoft.Data.Sqlite's rules for it; a
/// table with a column type not handled here goes through an ordinary ADO.NET command instead.
/// </para>
/// <para>
/// With <paramref name="rebuildIndexes"/> (large loads), the tables' secondary indexes are dropped
/// for the load and rebuilt at the end: keeping random-key indexes up to date row by row rewrites
/// most of their pages on every commit. Their definitions are saved in
/// <see cref="DroppedIndexesTable"/> in the same transaction that drops them, so an interrupted
/// load is repaired by <see cref="RestoreIndexesAsync"/> (run by every load and by <c>waymark migrate</c>).
/// </para>
/// </summary>
public sealed class SqliteBulkWriter(string connectionString, IReadOnlyList<BulkTable> tables, bool rebuildIndexes) : IBulkWriter
{
    public const string DroppedIndexesTable = "__waymark_bulk_dropped_indexes";

    private readonly SqliteConnection _conn = new(connectionString);
    private readonly Dictionary<BulkTable, Insert> _inserts = [];
    private string? _previousSynchronous;
    private bool _indexesDropped;

    public async Task BeginAsync(CancellationToken ct)
    {
        await _conn.OpenAsync(ct);
        await RestoreIndexesAsync(_conn, ct);
        _previousSynchronous = Convert.ToString(await ScalarAsync("PRAGMA synchronous;", ct), CultureInfo.InvariantCulture);
        await ExecAsync("PRAGMA synchronous=OFF;", ct);
        // Connection-local: a 512 MB page cache keeps the indexes' hot pages in memory while a
        // million random keys go in. Gone when the connection closes.
        await ExecAsync("PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY;", ct);
        if (rebuildIndexes) await DropIndexesAsync(ct);
    }

    private async Task DropIndexesAsync(CancellationToken ct)
    {
        await using var tx = (SqliteTransaction)await _conn.BeginTransactionAsync(ct);
        await ExecAsync($"CREATE TABLE IF NOT EXISTS \"{DroppedIndexesTable}\" (name TEXT PRIMARY KEY, sql TEXT NOT NULL);", ct, tx);
        var names = tables.Select(t => t.Name).Distinct().ToList();
        var indexes = new List<(string Name, string Sql)>();
        await using (var cmd = _conn.CreateCommand())
        {
            cmd.Transaction = tx;
            // sql is NULL for the indexes behind PRIMARY KEY and UNIQUE constraints: those stay.
            cmd.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", names.Select((_, i) => "$t" + i.ToString(CultureInfo.InvariantCulture)))});";
            for (var i = 0; i < names.Count; i++) cmd.Parameters.AddWithValue("$t" + i.ToString(CultureInfo.InvariantCulture), names[i]);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) indexes.Add((r.GetString(0), r.GetString(1)));
        }
        foreach (var (name, sql) in indexes)
        {
            await using (var save = _conn.CreateCommand())
            {
                save.Transaction = tx;
                save.CommandText = $"INSERT INTO \"{DroppedIndexesTable}\" (name, sql) VALUES ($n, $s);";
                save.Parameters.AddWithValue("$n", name);
                save.Parameters.AddWithValue("$s", sql);
                await save.ExecuteNonQueryAsync(ct);
            }
            await ExecAsync($"DROP INDEX {Sql.Quote(name)};", ct, tx);
        }
        await tx.CommitAsync(ct);
        _indexesDropped = true;
    }

    /// <summary>Re-creates indexes a bulk load dropped and did not rebuild (it was interrupted). Does nothing otherwise.</summary>
    public static async Task<int> RestoreIndexesAsync(SqliteConnection conn, CancellationToken ct)
    {
        await using var exists = conn.CreateCommand();
        exists.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{DroppedIndexesTable}';";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0) return 0;
        var saved = new List<string>();
        await using (var read = conn.CreateCommand())
        {
            read.CommandText = $"SELECT sql FROM \"{DroppedIndexesTable}\" ORDER BY name;";
            await using var r = await read.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) saved.Add(r.GetString(0));
        }
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
        foreach (var sql in saved)
        {
            await using var create = conn.CreateCommand();
            create.Transaction = tx;
            create.CommandTimeout = 0;
            // The saved text is SQLite's own CREATE INDEX statement; IF NOT EXISTS makes a repeat harmless.
            create.CommandText = sql.StartsWith("CREATE INDEX ", StringComparison.OrdinalIgnoreCase)
                ? "CREATE INDEX IF NOT EXISTS " + sql["CREATE INDEX ".Length..]
                : sql.StartsWith("CREATE UNIQUE INDEX ", StringComparison.OrdinalIgnoreCase)
                    ? "CREATE UNIQUE INDEX IF NOT EXISTS " + sql["CREATE UNIQUE INDEX ".Length..]
                    : sql;
            await create.ExecuteNonQueryAsync(ct);
        }
        await using (var drop = conn.CreateCommand())
        {
            drop.Transaction = tx;
            drop.CommandText = $"DROP TABLE \"{DroppedIndexesTable}\";";
            await drop.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return saved.Count;
    }

    public async Task WriteBatchAsync(IReadOnlyList<BulkRows> batch, CancellationToken ct)
    {
        await using var tx = (SqliteTransaction)await _conn.BeginTransactionAsync(ct);
        foreach (var (table, rows) in batch)
        {
            if (rows.Count == 0) continue;
            InsertFor(table).Write(rows, tx, ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task FinishAsync(IReadOnlyList<BulkTable> tables, CancellationToken ct)
    {
        if (_indexesDropped)
        {
            await RestoreIndexesAsync(_conn, ct);
            _indexesDropped = false;
        }
        await ExecAsync("ANALYZE;", ct);
        await ExecAsync($"PRAGMA synchronous={_previousSynchronous ?? "FULL"};", ct);
        await ExecAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
    }

    private Insert InsertFor(BulkTable table)
    {
        if (_inserts.TryGetValue(table, out var insert)) return insert;
        var cmd = _conn.CreateCommand();
        var names = new List<string>();
        var binds = new Bind[table.Columns.Count];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var col = table.Columns[i];
            var name = "$c" + i.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            // EF's mapping configures the parameter (e.g. Guid as TEXT) exactly as EF's own inserts do.
            var p = (SqliteParameter)col.Mapping.CreateParameter(cmd, name, null, col.Property.IsNullable);
            cmd.Parameters.Add(p);
            binds[i] = BindFor(col, p);
        }
        cmd.CommandText = $"INSERT INTO {Sql.Quote(table.Schema, table.Name)} ({string.Join(", ", table.Columns.Select(c => Sql.Quote(c.Name)))}) VALUES ({string.Join(", ", names)});";
        cmd.Prepare();
        insert = binds.Contains(Bind.Ado) ? new AdoInsert(cmd) : new RawInsert(_conn, cmd, binds);
        _inserts[table] = insert;
        return insert;
    }

    /// <summary>How a column's provider value becomes an SQLite value.</summary>
    internal enum Bind { Ado, Text, Integer, Bool, Real, Blob, GuidText, GuidBlob, DateOnlyText }

    internal static Bind BindFor(BulkColumn col, SqliteParameter configured)
    {
        var clr = col.Converter?.ProviderClrType ?? col.Property.ClrType;
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        // Only the parameter's explicit type (set by EF's mapping, or implied by its DbType) changes how
        // Microsoft.Data.Sqlite binds these types; mirror its rules and leave anything else to it.
        var type = configured.SqliteType;
        if (clr == typeof(string)) return type == SqliteType.Text ? Bind.Text : Bind.Ado;
        if (clr == typeof(long) || clr == typeof(int) || clr == typeof(short) || clr == typeof(byte))
            return type == SqliteType.Integer ? Bind.Integer : Bind.Ado;
        if (clr == typeof(bool)) return type == SqliteType.Integer ? Bind.Bool : Bind.Ado;
        if (clr == typeof(double)) return type == SqliteType.Real ? Bind.Real : Bind.Ado;
        if (clr == typeof(byte[])) return type == SqliteType.Blob ? Bind.Blob : Bind.Ado;
        if (clr == typeof(Guid)) return type == SqliteType.Text ? Bind.GuidText : type == SqliteType.Blob ? Bind.GuidBlob : Bind.Ado;
        if (clr == typeof(DateOnly)) return type == SqliteType.Text ? Bind.DateOnlyText : Bind.Ado;
        return Bind.Ado;
    }

    private abstract class Insert
    {
        public abstract void Write(List<object?[]> rows, SqliteTransaction tx, CancellationToken ct);
    }

    private sealed class AdoInsert(SqliteCommand cmd) : Insert
    {
        public override void Write(List<object?[]> rows, SqliteTransaction tx, CancellationToken ct)
        {
            cmd.Transaction = tx;
            var ps = cmd.Parameters;
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < row.Length; i++) ps[i].Value = row[i] ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
        }
    }

    private sealed class RawInsert : Insert
    {
        private readonly SqliteConnection _conn;
        private readonly sqlite3_stmt _stmt;
        private readonly Bind[] _binds;
        private readonly int[] _index;

        public RawInsert(SqliteConnection conn, SqliteCommand cmd, Bind[] binds)
        {
            _conn = conn;
            _binds = binds;
            Check(raw.sqlite3_prepare_v2(conn.Handle, cmd.CommandText, out _stmt));
            _index = cmd.Parameters.Cast<SqliteParameter>().Select(p => raw.sqlite3_bind_parameter_index(_stmt, p.ParameterName)).ToArray();
            if (_index.Any(i => i <= 0)) throw new InvalidOperationException("Could not find the INSERT's parameters.");
        }

        public override void Write(List<object?[]> rows, SqliteTransaction tx, CancellationToken ct)
        {
            var s = _stmt;
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < row.Length; i++)
                {
                    var ix = _index[i];
                    var v = row[i];
                    var rc = v is null ? raw.sqlite3_bind_null(s, ix) : _binds[i] switch
                    {
                        Bind.Text => raw.sqlite3_bind_text(s, ix, (string)v),
                        Bind.Integer => raw.sqlite3_bind_int64(s, ix, Convert.ToInt64(v, CultureInfo.InvariantCulture)),
                        Bind.Bool => raw.sqlite3_bind_int64(s, ix, (bool)v ? 1 : 0),
                        Bind.Real => raw.sqlite3_bind_double(s, ix, (double)v),
                        Bind.Blob => raw.sqlite3_bind_blob(s, ix, (byte[])v),
                        Bind.GuidText => raw.sqlite3_bind_text(s, ix, ((Guid)v).ToString().ToUpperInvariant()),
                        Bind.GuidBlob => raw.sqlite3_bind_blob(s, ix, ((Guid)v).ToByteArray()),
                        Bind.DateOnlyText => raw.sqlite3_bind_text(s, ix, ((DateOnly)v).ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
                        _ => throw new InvalidOperationException("Unexpected binding."),
                    };
                    Check(rc);
                }
                var step = raw.sqlite3_step(s);
                raw.sqlite3_reset(s);
                if (step != raw.SQLITE_DONE) Check(step);
            }
        }

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _conn.Handle);
        }

        ~RawInsert() => _stmt.Dispose();

        public void Dispose() { _stmt.Dispose(); GC.SuppressFinalize(this); }
    }

    private async Task ExecAsync(string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.Transaction = tx;
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
        foreach (var insert in _inserts.Values)
            if (insert is RawInsert r) r.Dispose();
        if (_indexesDropped)
        {
            // The load failed or was cancelled: put the indexes back now rather than on the next run.
            try { await RestoreIndexesAsync(_conn, CancellationToken.None); }
            catch (SqliteException) { /* left for the next run or 'waymark migrate' */ }
        }
        await _conn.DisposeAsync();
    }
}

internal static class Sql
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Quote(string? schema, string name) => schema is null ? Quote(name) : Quote(schema) + "." + Quote(name);
}
