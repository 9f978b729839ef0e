using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Workshops.Contracts;

namespace Workshops.Storage;

/// <summary>
/// Event logs in the same SQLite file as the grain state, written by the same <see cref="SqliteWriter"/>
/// (so appends of concurrent workshops share one commit): <c>event_log</c> holds one row per append
/// (a group-committed batch), <c>event_snapshot</c> one row per stream.
/// </summary>
/// <remarks>
/// A row's <c>version</c> is the version of its last entry and <c>entries</c> says how many it holds:
/// a row of one entry is that entry's bytes (as every row was before batches were stored whole, so
/// older files read unchanged once the column is added); a row of several is their frames, each a
/// 4-byte little-endian length and the entry. Why one row per batch: a vote storm's batch is a few
/// hundred events, and a row each cost the writer thread a bind, a step and a B-tree insert per vote,
/// about a tenth of the server's CPU in a storm (docs/benchmarks.md).
/// </remarks>
public sealed class SqliteEventLogStore : IEventLogStore
{
    internal const string EntriesTable = "event_log";
    internal const string SnapshotsTable = "event_snapshot";

    internal const string CreateTablesSql = $"""
        CREATE TABLE IF NOT EXISTS {EntriesTable} (
            stream  TEXT    NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB    NOT NULL,
            entries INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (stream, version)
        );
        CREATE TABLE IF NOT EXISTS {SnapshotsTable} (
            stream  TEXT    NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            payload BLOB    NOT NULL
        );
        """;

    private const string LastVersionSql = $"""
        SELECT max(coalesce((SELECT max(version) FROM {EntriesTable} WHERE stream = $stream), 0),
                   coalesce((SELECT version FROM {SnapshotsTable} WHERE stream = $stream), 0));
        """;

    /// <summary>Adds the column to a file written before batches were stored as one row (each row then held one entry).</summary>
    internal const string EntriesColumnSql = $"ALTER TABLE {EntriesTable} ADD COLUMN entries INTEGER NOT NULL DEFAULT 1;";

    internal const string HasEntriesColumnSql = $"SELECT count(*) FROM pragma_table_info('{EntriesTable}') WHERE name = 'entries';";

    private const string InsertEntrySql = $"INSERT INTO {EntriesTable} (stream, version, payload, entries) VALUES ($stream, $version, $payload, $entries);";
    private const string SelectSnapshotSql = $"SELECT version, payload FROM {SnapshotsTable} WHERE stream = $stream;";
    private const string SelectEntriesSql = $"SELECT version, entries, payload FROM {EntriesTable} WHERE stream = $stream AND version > $after ORDER BY version;";
    private const string UpsertSnapshotSql = $"""
        INSERT INTO {SnapshotsTable} (stream, version, payload) VALUES ($stream, $version, $payload)
        ON CONFLICT (stream) DO UPDATE SET version = excluded.version, payload = excluded.payload
        WHERE excluded.version >= {SnapshotsTable}.version;
        """;

    private const string ForgetEntriesSql = $"DELETE FROM {EntriesTable} WHERE stream = $stream AND version <= (SELECT version FROM {SnapshotsTable} WHERE stream = $stream);";
    private const string SelectStraddlingRowSql = $"""
        SELECT e.version, e.entries, e.payload, s.version FROM {EntriesTable} e JOIN {SnapshotsTable} s ON s.stream = e.stream
        WHERE e.stream = $stream AND e.version > s.version AND e.version - e.entries < s.version;
        """;

    private const string UpdateRowSql = $"UPDATE {EntriesTable} SET payload = $payload, entries = $entries WHERE stream = $stream AND version = $version;";
    private const string DeleteStreamSql = $"DELETE FROM {EntriesTable} WHERE stream = $stream; DELETE FROM {SnapshotsTable} WHERE stream = $stream;";

    private readonly SqliteWriter _writer;
    private readonly EventLogStatistics _statistics;

    /// <summary>Initializes a new instance of the <see cref="SqliteEventLogStore"/> class.</summary>
    /// <param name="writer">The file's one writer (shared with the grain storage).</param>
    /// <param name="statistics">Where appends and snapshots are counted.</param>
    public SqliteEventLogStore(SqliteWriter writer, EventLogStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        _writer = writer;
        _statistics = statistics;
    }

    /// <summary>Gets the file's writer.</summary>
    public SqliteWriter Writer => _writer;

    /// <summary>
    /// Checkpoints the WAL into the file and truncates it (see <see cref="SqliteWriter.CheckpointAsync"/>):
    /// after a snapshot forgot entries, their bytes are then in neither file (<c>secure_delete</c>).
    /// </summary>
    /// <returns>True when the checkpoint ran to the end.</returns>
    public Task<bool> CheckpointAsync() => _writer.CheckpointAsync();

    /// <inheritdoc />
    public async Task<EventLogRead> ReadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        await _writer.EnsureInitializedAsync();
        return await Task.Run(() => Read(streamId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> AppendAsync(string streamId, long expectedVersion, IReadOnlyList<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();

        // Copied now, into the row's one payload: the caller may reuse its buffers, the writer runs later.
        var payload = Frame(entries);
        var count = entries.Count;
        var appended = await _writer.WriteAsync(payload.Length, (connection, transaction) => Append(connection, transaction, streamId, expectedVersion, count, payload));
        if (appended)
        {
            _statistics.RecordAppend(entries);
        }

        return appended;
    }

    /// <inheritdoc />
    public async Task WriteSnapshotAsync(string streamId, long version, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        cancellationToken.ThrowIfCancellationRequested();
        var payload = snapshot.ToArray();
        await _writer.WriteAsync(payload.Length, (connection, transaction) =>
        {
            Execute(connection, transaction, UpsertSnapshotSql, streamId, version, payload);

            // Up to the stored snapshot's version: an older snapshot was ignored and forgets nothing new.
            Execute(connection, transaction, ForgetEntriesSql, streamId);
            TrimStraddlingRow(connection, transaction, streamId);
            return true;
        });
        _statistics.RecordSnapshot(payload.Length);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        cancellationToken.ThrowIfCancellationRequested();
        return _writer.WriteAsync(0, (connection, transaction) =>
        {
            Execute(connection, transaction, DeleteStreamSql, streamId);
            return true;
        });
    }

    /// <summary>The row's payload: the entry itself when alone, else each entry's length and bytes.</summary>
    internal static byte[] Frame(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 1)
        {
            return entries[0].ToArray();
        }

        long size = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            size += sizeof(int) + entries[i].Length;
        }

        var payload = new byte[checked((int)size)];
        var at = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i].Span;
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(at), entry.Length);
            entry.CopyTo(payload.AsSpan(at + sizeof(int)));
            at += sizeof(int) + entry.Length;
        }

        return payload;
    }

    /// <summary>Splits a row back into its entries (see <see cref="Frame"/>).</summary>
    internal static List<ReadOnlyMemory<byte>> Unframe(byte[] payload, long count)
    {
        if (count == 1)
        {
            return [payload];
        }

        var entries = new List<ReadOnlyMemory<byte>>((int)Math.Min(count, 1 << 16));
        var at = 0;
        while (at < payload.Length)
        {
            var length = payload.Length - at >= sizeof(int) ? BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at)) : -1;
            if (length < 0 || length > payload.Length - at - sizeof(int))
            {
                throw new InvalidDataException($"an event log row of {count} entries is cut short at byte {at} of {payload.Length}");
            }

            entries.Add(payload.AsMemory(at + sizeof(int), length));
            at += sizeof(int) + length;
        }

        if (entries.Count != count)
        {
            throw new InvalidDataException($"an event log row says it holds {count} entries but holds {entries.Count}");
        }

        return entries;
    }

    private static bool Append(SqliteConnection connection, SqliteTransaction transaction, string streamId, long expectedVersion, int count, byte[] payload)
    {
        using (var check = connection.CreateCommand())
        {
            check.Transaction = transaction;
            check.CommandText = LastVersionSql;
            check.Parameters.AddWithValue("$stream", streamId);
            if ((long)check.ExecuteScalar()! != expectedVersion)
            {
                return false;
            }
        }

        if (count == 0)
        {
            return true; // an empty append only checks the version
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertEntrySql;
        insert.Parameters.AddWithValue("$stream", streamId);
        insert.Parameters.AddWithValue("$version", expectedVersion + count);
        insert.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
        insert.Parameters.AddWithValue("$entries", count);
        insert.ExecuteNonQuery();
        return true;
    }

    /// <summary>
    /// A snapshot may fall inside a row (the grain snapshots its position once stored, and the batch
    /// that stored it may go on): that row is rewritten to its entries after the snapshot, so that a
    /// forgotten entry (an erased name) is gone from the file like the rows deleted before it.
    /// </summary>
    private static void TrimStraddlingRow(SqliteConnection connection, SqliteTransaction transaction, string streamId)
    {
        long last, count, snapshot;
        byte[] payload;
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = SelectStraddlingRowSql;
            select.Parameters.AddWithValue("$stream", streamId);
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return;
            }

            last = reader.GetInt64(0);
            count = reader.GetInt64(1);
            payload = reader.GetFieldValue<byte[]>(2);
            snapshot = reader.GetInt64(3);
        }

        var kept = Unframe(payload, count).Skip((int)(snapshot - (last - count + 1) + 1)).ToArray();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = UpdateRowSql;
        update.Parameters.AddWithValue("$stream", streamId);
        update.Parameters.AddWithValue("$version", last);
        update.Parameters.Add("$payload", SqliteType.Blob).Value = Frame(kept);
        update.Parameters.AddWithValue("$entries", kept.Length);
        update.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, string streamId, long? version = null, byte[]? payload = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$stream", streamId);
        if (version is not null)
        {
            command.Parameters.AddWithValue("$version", version.Value);
            command.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
        }

        command.ExecuteNonQuery();
    }

    private EventLogRead Read(string streamId)
    {
        using var connection = _writer.OpenReader();

        // One read transaction: the snapshot and the entries after it come from the same commit.
        using var transaction = connection.BeginTransaction(deferred: true);
        long snapshotVersion = 0;
        ReadOnlyMemory<byte>? snapshot = null;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SelectSnapshotSql;
            command.Parameters.AddWithValue("$stream", streamId);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                snapshotVersion = reader.GetInt64(0);
                snapshot = reader.GetFieldValue<byte[]>(1);
            }
        }

        var entries = new List<ReadOnlyMemory<byte>>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SelectEntriesSql;
            command.Parameters.AddWithValue("$stream", streamId);
            command.Parameters.AddWithValue("$after", snapshotVersion);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var last = reader.GetInt64(0);
                var count = reader.GetInt64(1);
                var first = last - count + 1;
                var next = snapshotVersion + entries.Count + 1;

                // A row may begin before the snapshot (a snapshot between two of its entries): those are skipped.
                if (count < 1 || first > next)
                {
                    throw new InvalidDataException($"Event log '{streamId}' in {_writer.FilePath} misses version {next} (found {first}-{last}).");
                }

                var rowEntries = Unframe(reader.GetFieldValue<byte[]>(2), count);
                entries.AddRange(rowEntries.Skip((int)(next - first)));
            }
        }

        transaction.Commit();
        return new EventLogRead(snapshotVersion, snapshot, entries);
    }
}
