using Microsoft.Data.Sqlite;
using Workshops.Contracts;

namespace Workshops.Storage;

/// <summary>
/// Event logs in the same SQLite file as the grain state, written by the same <see cref="SqliteWriter"/>
/// (so appends of concurrent workshops share one commit): <c>event_log</c> holds one row per entry,
/// <c>event_snapshot</c> one row per stream.
/// </summary>
public sealed class SqliteEventLogStore : IEventLogStore
{
    internal const string EntriesTable = "event_log";
    internal const string SnapshotsTable = "event_snapshot";

    internal const string CreateTablesSql = $"""
        CREATE TABLE IF NOT EXISTS {EntriesTable} (
            stream  TEXT    NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB    NOT NULL,
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

    private const string InsertEntrySql = $"INSERT INTO {EntriesTable} (stream, version, payload) VALUES ($stream, $version, $payload);";
    private const string SelectSnapshotSql = $"SELECT version, payload FROM {SnapshotsTable} WHERE stream = $stream;";
    private const string SelectEntriesSql = $"SELECT version, payload FROM {EntriesTable} WHERE stream = $stream AND version > $after ORDER BY version;";
    private const string UpsertSnapshotSql = $"""
        INSERT INTO {SnapshotsTable} (stream, version, payload) VALUES ($stream, $version, $payload)
        ON CONFLICT (stream) DO UPDATE SET version = excluded.version, payload = excluded.payload
        WHERE excluded.version >= {SnapshotsTable}.version;
        """;

    private const string ForgetEntriesSql = $"DELETE FROM {EntriesTable} WHERE stream = $stream AND version <= (SELECT version FROM {SnapshotsTable} WHERE stream = $stream);";
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

        // Copied now: the caller may reuse its buffers once the call returns, the writer runs later.
        var payloads = entries.Select(e => e.ToArray()).ToArray();
        var bytes = payloads.Sum(p => (long)p.Length);
        var appended = await _writer.WriteAsync(bytes, (connection, transaction) => Append(connection, transaction, streamId, expectedVersion, payloads));
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

    private static bool Append(SqliteConnection connection, SqliteTransaction transaction, string streamId, long expectedVersion, byte[][] payloads)
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

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertEntrySql;
        var stream = insert.Parameters.AddWithValue("$stream", streamId);
        var version = insert.Parameters.Add("$version", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        for (var i = 0; i < payloads.Length; i++)
        {
            version.Value = expectedVersion + 1 + i;
            payload.Value = payloads[i];
            insert.ExecuteNonQuery();
        }

        return true;
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
                var version = reader.GetInt64(0);
                if (version != snapshotVersion + entries.Count + 1)
                {
                    throw new InvalidDataException($"Event log '{streamId}' in {_writer.FilePath} misses version {snapshotVersion + entries.Count + 1} (found {version}).");
                }

                entries.Add(reader.GetFieldValue<byte[]>(1));
            }
        }

        transaction.Commit();
        return new EventLogRead(snapshotVersion, snapshot, entries);
    }
}
