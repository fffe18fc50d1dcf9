using Npgsql;

namespace Waymark.Cli.Bulk;

/// <summary>
/// PostgreSQL: binary <c>COPY ... FROM STDIN</c> per table, all tables of a batch in one
/// transaction. Each value is written with the column's store type from the EF model.
/// </summary>
public sealed class NpgsqlBulkWriter(string connectionString) : IBulkWriter
{
    private readonly NpgsqlConnection _conn = new(connectionString);
    private readonly Dictionary<BulkTable, (string Copy, string[] Types)> _copies = [];

    public async Task BeginAsync(CancellationToken ct) => await _conn.OpenAsync(ct);

    public async Task WriteBatchAsync(IReadOnlyList<BulkRows> batch, CancellationToken ct)
    {
        await using var tx = await _conn.BeginTransactionAsync(ct);
        foreach (var (table, rows) in batch)
        {
            if (rows.Count == 0) continue;
            var (copy, types) = CopyFor(table);
            await using (var importer = await _conn.BeginBinaryImportAsync(copy, ct))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(ct);
                    for (var i = 0; i < row.Length; i++)
                    {
                        if (row[i] is { } v) await importer.WriteAsync(v, types[i], ct);
                        else await importer.WriteNullAsync(ct);
                    }
                }
                await importer.CompleteAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
    }

    public async Task FinishAsync(IReadOnlyList<BulkTable> tables, CancellationToken ct)
    {
        // VACUUM also sets the visibility map after a bulk load, so index-only scans work at once.
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = $"VACUUM (ANALYZE) {string.Join(", ", tables.Select(t => Sql.Quote(t.Schema, t.Name)))};";
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private (string, string[]) CopyFor(BulkTable table)
    {
        if (_copies.TryGetValue(table, out var c)) return c;
        var copy = $"COPY {Sql.Quote(table.Schema, table.Name)} ({string.Join(", ", table.Columns.Select(col => Sql.Quote(col.Name)))}) FROM STDIN (FORMAT BINARY)";
        // e.g. "character varying", "timestamp with time zone", "uuid": the store type without its facets.
        var types = table.Columns.Select(col => col.Mapping.StoreTypeNameBase).ToArray();
        c = (copy, types);
        _copies[table] = c;
        return c;
    }

    public async ValueTask DisposeAsync() => await _conn.DisposeAsync();
}
