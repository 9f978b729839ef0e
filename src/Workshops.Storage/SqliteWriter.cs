using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Workshops.Storage;

/// <summary>
/// The one writer of a SQLite file, shared by the grain storage and the event log store: every
/// write is queued to one thread, which commits whatever is queued in one transaction (group
/// commit). Concurrent grains share one WAL append and, with <see cref="SqliteSynchronousMode.Full"/>,
/// one fsync; a caller's task completes only after its transaction committed.
/// </summary>
/// <remarks>
/// Hand-written rather than a library: SQLite allows one writer per file, and batching the
/// writes of unrelated grains into one transaction is what makes <c>synchronous=FULL</c> cheap.
/// </remarks>
public sealed partial class SqliteWriter : ILifecycleParticipant<ISiloLifecycle>, IDisposable, IAsyncDisposable
{
    private readonly SqliteSynchronousMode _synchronous;
    private readonly ILogger<SqliteWriter> _logger;
    private readonly string _readerConnectionString;
    private readonly BlockingCollection<ISqliteQueuedWrite> _queue = new(new ConcurrentQueue<ISqliteQueuedWrite>());
    private readonly Lock _initLock = new();
    private Task? _initialization;
    private Thread? _writerThread;
    private int _stopped;

    /// <summary>Initializes a new instance of the <see cref="SqliteWriter"/> class; the file is opened on first use.</summary>
    /// <param name="path">The database file; a relative path is resolved against the current directory.</param>
    /// <param name="synchronous">The durability level of a commit.</param>
    /// <param name="logger">The logger.</param>
    public SqliteWriter(string path, SqliteSynchronousMode synchronous, ILogger<SqliteWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        FilePath = Path.GetFullPath(path);
        _synchronous = synchronous;
        _logger = logger;
        _readerConnectionString = BuildConnectionString(FilePath, SqliteOpenMode.ReadWriteCreate, pooling: true);
    }

    /// <summary>Gets the absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Gets or sets the most writes committed in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 128;

    /// <summary>Gets or sets the payload bytes after which a batch is committed without taking more writes.</summary>
    public long MaxBatchBytes { get; init; } = 32L * 1024 * 1024;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // Stops after the grains deactivated (their last writes are in), before the silo is gone.
        lifecycle.Subscribe(
            nameof(SqliteWriter),
            ServiceLifecycleStage.ApplicationServices,
            _ => EnsureInitializedAsync(),
            _ => StopAsync());
    }

    /// <summary>Opens the file, creates the tables and starts the writer thread, once.</summary>
    /// <returns>A task that completes when the file is ready.</returns>
    public Task EnsureInitializedAsync()
    {
        lock (_initLock)
        {
            _initialization ??= Task.Run(Initialize);
            return _initialization;
        }
    }

    /// <summary>
    /// Copies the WAL into the database file and truncates the WAL to zero bytes
    /// (<c>PRAGMA wal_checkpoint(TRUNCATE)</c>), so that nothing deleted stays in the WAL.
    /// </summary>
    /// <returns>True when the checkpoint ran to the end (no reader or writer held it back).</returns>
    public async Task<bool> CheckpointAsync()
    {
        await EnsureInitializedAsync();
        return await Task.Run(() =>
        {
            using var connection = new SqliteConnection(BuildConnectionString(FilePath, SqliteOpenMode.ReadWrite, pooling: false));
            connection.Open();
            return TruncateWal(connection);
        });
    }

    /// <summary>
    /// One <c>PRAGMA wal_checkpoint(TRUNCATE)</c> on <paramref name="connection"/>; true when it ran
    /// to the end (no reader or writer held it back), so that the WAL is empty.
    /// </summary>
    internal static bool TruncateWal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var reader = command.ExecuteReader();

        // Columns: busy (0 = not blocked), WAL frames, frames checkpointed.
        return reader.Read() && reader.GetInt64(0) == 0;
    }

    /// <inheritdoc />
    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    internal static string BuildConnectionString(string path, SqliteOpenMode mode, bool pooling) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = pooling,
            DefaultTimeout = 30,
        }.ToString();

    /// <summary>Opens a pooled reader connection (WAL: it never waits for the writer).</summary>
    internal SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Queues <paramref name="apply"/> for the next transaction and completes after it committed.</summary>
    internal async Task<TResult> WriteAsync<TResult>(long bytes, Func<SqliteConnection, SqliteTransaction, TResult> apply)
    {
        await EnsureInitializedAsync();
        var write = new SqliteQueuedWrite<TResult>(bytes, apply);
        try
        {
            _queue.Add(write);
        }
        catch (InvalidOperationException exception)
        {
            throw new ObjectDisposedException($"The SQLite writer of '{FilePath}' is stopped.", exception);
        }

        return await write.Completion.Task;
    }

    private void Initialize()
    {
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // The writer owns one long-lived connection; its pragmas hold for its whole life.
        var connection = new SqliteConnection(BuildConnectionString(FilePath, SqliteOpenMode.ReadWriteCreate, pooling: false));
        try
        {
            connection.Open();
            var journalMode = ExecuteScalar(connection, "PRAGMA journal_mode = WAL;") as string;
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode for '{FilePath}' (got '{journalMode}').");
            }

            var synchronous = _synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
            ExecuteNonQuery(connection, $"PRAGMA synchronous = {synchronous};");

            // Deleted rows (forgotten log entries, erased names) are overwritten with zeros, not left in free pages.
            ExecuteNonQuery(connection, "PRAGMA secure_delete = ON;");

            // Big states make big WAL files; cut the file back after each checkpoint.
            ExecuteNonQuery(connection, "PRAGMA journal_size_limit = 67108864;");
            ExecuteNonQuery(connection, SqliteGrainStorage.CreateTableSql);
            ExecuteNonQuery(connection, SqliteEventLogStore.CreateTablesSql);
            using (var probe = connection.CreateCommand())
            {
                probe.CommandText = SqliteEventLogStore.HasEntriesColumnSql;
                if ((long)probe.ExecuteScalar()! == 0)
                {
                    ExecuteNonQuery(connection, SqliteEventLogStore.EntriesColumnSql);
                }
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _writerThread = new Thread(() => WriterLoop(connection))
        {
            IsBackground = true,
            Name = "sqlite-writer",
        };
        _writerThread.Start();
        LogStarted(FilePath, _synchronous);
    }

    private void WriterLoop(SqliteConnection connection)
    {
        var batch = new List<ISqliteQueuedWrite>(MaxBatchSize);
        try
        {
            while (_queue.TryTake(out var first, Timeout.Infinite))
            {
                batch.Add(first);
                var bytes = first.Bytes;
                while (batch.Count < MaxBatchSize && bytes < MaxBatchBytes && _queue.TryTake(out var next))
                {
                    batch.Add(next);
                    bytes += next.Bytes;
                }

                CommitBatch(connection, batch);
                batch.Clear();
            }
        }
        catch (Exception exception)
        {
            // Nothing may be left waiting forever: fail whatever is still queued.
            LogWriterFailed(exception);
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            _queue.CompleteAdding();
            while (_queue.TryTake(out var left))
            {
                left.Fail(exception);
            }
        }
        finally
        {
            connection.Dispose();
        }
    }

    private void CommitBatch(SqliteConnection connection, List<ISqliteQueuedWrite> batch)
    {
        try
        {
            using (var transaction = connection.BeginTransaction())
            {
                foreach (var write in batch)
                {
                    write.Apply(connection, transaction);
                }

                transaction.Commit();
            }

            foreach (var write in batch)
            {
                write.Succeed();
            }
        }
        catch (SqliteException) when (batch.Count > 1)
        {
            // One bad write must not fail its neighbours: the batch was rolled back, so redo each alone.
            foreach (var write in batch)
            {
                CommitBatch(connection, [write]);
            }
        }
        catch (Exception exception)
        {
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            LogWriteFailed(exception, FilePath);
        }
    }

    private static object? ExecuteScalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void ExecuteNonQuery(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return Task.CompletedTask;
        }

        // Writes already queued are committed before the thread ends; later ones are refused.
        _queue.CompleteAdding();
        var thread = _writerThread;
        return Task.Run(() =>
        {
            thread?.Join();
            using var connection = new SqliteConnection(_readerConnectionString);
            SqliteConnection.ClearPool(connection);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite storage opened {Path} (WAL, synchronous={Synchronous}, secure_delete)")]
    private partial void LogStarted(string path, SqliteSynchronousMode synchronous);

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite writer could not commit a write to {Path}")]
    private partial void LogWriteFailed(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Critical, Message = "SQLite writer stopped; pending writes fail")]
    private partial void LogWriterFailed(Exception exception);
}
