using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Workshops.Storage;

/// <summary>
/// Grain storage in one embedded SQLite file: one row per (state name, grain id), an ETag per row
/// for optimistic concurrency, the state serialized by the provider's <see cref="IGrainStorageSerializer"/>.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, so every write and clear goes through a single writer thread
/// that commits whatever is queued in one transaction (group commit): concurrent grains share one
/// WAL append and, with <see cref="SqliteSynchronousMode.Full"/>, one fsync. A caller's task completes
/// only after its transaction committed, so an acknowledged write is in the WAL file and survives
/// a killed process. Reads use pooled connections and see the last committed snapshot (WAL).
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable, IAsyncDisposable
{
    internal const string TableName = "grain_state";

    private const string CreateTableSql = $"""
        CREATE TABLE IF NOT EXISTS {TableName} (
            state_name TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            etag       TEXT NOT NULL,
            payload    BLOB NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        """;

    private const string SelectSql = $"SELECT etag, payload FROM {TableName} WHERE state_name = $state AND grain_id = $grain;";
    private const string SelectEtagSql = $"SELECT etag FROM {TableName} WHERE state_name = $state AND grain_id = $grain;";
    private const string InsertSql = $"INSERT INTO {TableName} (state_name, grain_id, etag, payload) VALUES ($state, $grain, $etag, $payload) ON CONFLICT (state_name, grain_id) DO NOTHING;";
    private const string UpdateSql = $"UPDATE {TableName} SET etag = $etag, payload = $payload WHERE state_name = $state AND grain_id = $grain AND etag = $expected;";
    private const string DeleteSql = $"DELETE FROM {TableName} WHERE state_name = $state AND grain_id = $grain AND etag = $expected;";

    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly string _connectionString;
    private readonly BlockingCollection<SqlitePendingWrite> _queue = new(new ConcurrentQueue<SqlitePendingWrite>());
    private readonly Lock _initLock = new();
    private Task? _initialization;
    private Thread? _writerThread;
    private int _stopped;

    /// <summary>Initializes a new instance of the <see cref="SqliteGrainStorage"/> class.</summary>
    /// <param name="name">The provider name.</param>
    /// <param name="options">The provider options.</param>
    /// <param name="activatorProvider">Creates the empty state of a grain with no stored record.</param>
    /// <param name="logger">The logger.</param>
    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GrainStorageSerializer is null)
        {
            throw new ArgumentException("The options have no GrainStorageSerializer.", nameof(options));
        }

        _name = name;
        _options = options;
        _activatorProvider = activatorProvider;
        _logger = logger;
        FilePath = System.IO.Path.GetFullPath(options.Path);
        _connectionString = BuildConnectionString(FilePath, SqliteOpenMode.ReadWriteCreate, pooling: true);
    }

    /// <summary>Gets the absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Creates the provider registered under <paramref name="name"/> (for <c>AddGrainStorage</c>).</summary>
    /// <param name="services">The silo services.</param>
    /// <param name="name">The provider name.</param>
    /// <returns>The provider.</returns>
    public static SqliteGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name);
        return ActivatorUtilities.CreateInstance<SqliteGrainStorage>(services, name, options);
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{_name}",
            ServiceLifecycleStage.ApplicationServices,
            _ => EnsureInitializedAsync(),
            _ => StopAsync());
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await EnsureInitializedAsync();

        // Microsoft.Data.Sqlite is synchronous underneath: keep the blocking call off the grain's scheduler.
        var stored = await Task.Run(() => ReadRow(stateName, grainId.ToString()));
        if (stored is null)
        {
            grainState.State = _activatorProvider.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(stored.Value.Payload));
        grainState.ETag = stored.Value.ETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await EnsureInitializedAsync();

        var payload = _options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var write = new SqlitePendingWrite(SqliteWriteKind.Write, stateName, grainId.ToString(), grainState.ETag, NewETag(), payload);
        var outcome = await EnqueueAsync(write);
        ThrowIfConflict<T>(outcome, write, "write");

        grainState.ETag = write.NewETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await EnsureInitializedAsync();

        var write = new SqlitePendingWrite(SqliteWriteKind.Clear, stateName, grainId.ToString(), grainState.ETag, null, null);
        var outcome = await EnqueueAsync(write);
        ThrowIfConflict<T>(outcome, write, "clear");

        grainState.State = _activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
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

    private static string NewETag() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    private Task EnsureInitializedAsync()
    {
        lock (_initLock)
        {
            _initialization ??= Task.Run(Initialize);
            return _initialization;
        }
    }

    private void Initialize()
    {
        var directory = System.IO.Path.GetDirectoryName(FilePath);
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

            var synchronous = _options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
            ExecuteNonQuery(connection, $"PRAGMA synchronous = {synchronous};");

            // Big states make big WAL files; cut the file back after each checkpoint.
            ExecuteNonQuery(connection, "PRAGMA journal_size_limit = 67108864;");
            ExecuteNonQuery(connection, CreateTableSql);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _writerThread = new Thread(() => WriterLoop(connection))
        {
            IsBackground = true,
            Name = $"sqlite-grain-storage-{_name}",
        };
        _writerThread.Start();
        LogStarted(FilePath, _options.Synchronous);
    }

    private async Task<SqliteWriteOutcome> EnqueueAsync(SqlitePendingWrite write)
    {
        try
        {
            _queue.Add(write);
        }
        catch (InvalidOperationException exception)
        {
            throw new ObjectDisposedException($"The SQLite grain storage '{_name}' is stopped.", exception);
        }

        return await write.Completion.Task;
    }

    private void ThrowIfConflict<T>(SqliteWriteOutcome outcome, SqlitePendingWrite write, string operation)
    {
        if (outcome.Conflict)
        {
            throw new InconsistentStateException(
                $"ETag mismatch on {operation}: provider {_name}, state '{write.StateName}' of grain {write.GrainId}, type {typeof(T)}. Stored ETag '{outcome.StoredETag}', expected '{write.ExpectedETag}'.",
                outcome.StoredETag ?? "(none)",
                write.ExpectedETag ?? "(none)");
        }
    }

    private SqliteStoredRow? ReadRow(string stateName, string grainId)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectSql;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new SqliteStoredRow(reader.GetString(0), reader.GetFieldValue<byte[]>(1));
    }

    private void WriterLoop(SqliteConnection connection)
    {
        var batch = new List<SqlitePendingWrite>(_options.MaxBatchSize);
        try
        {
            while (_queue.TryTake(out var first, Timeout.Infinite))
            {
                batch.Add(first);
                long bytes = first.Payload?.Length ?? 0;
                while (batch.Count < _options.MaxBatchSize && bytes < _options.MaxBatchBytes && _queue.TryTake(out var next))
                {
                    batch.Add(next);
                    bytes += next.Payload?.Length ?? 0;
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
                write.Completion.TrySetException(exception);
            }

            _queue.CompleteAdding();
            while (_queue.TryTake(out var left))
            {
                left.Completion.TrySetException(exception);
            }
        }
        finally
        {
            connection.Dispose();
        }
    }

    private void CommitBatch(SqliteConnection connection, List<SqlitePendingWrite> batch)
    {
        var outcomes = new SqliteWriteOutcome[batch.Count];
        try
        {
            using (var transaction = connection.BeginTransaction())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[i] = Apply(connection, transaction, batch[i]);
                }

                transaction.Commit();
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
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
                write.Completion.TrySetException(exception);
                LogWriteFailed(exception, write.StateName, write.GrainId);
            }
        }
    }

    private static SqliteWriteOutcome Apply(SqliteConnection connection, SqliteTransaction transaction, SqlitePendingWrite write)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$state", write.StateName);
        command.Parameters.AddWithValue("$grain", write.GrainId);

        int changed;
        if (write.Kind == SqliteWriteKind.Write)
        {
            command.CommandText = write.ExpectedETag is null ? InsertSql : UpdateSql;
            command.Parameters.AddWithValue("$etag", write.NewETag);
            command.Parameters.Add("$payload", SqliteType.Blob).Value = write.Payload;
            if (write.ExpectedETag is not null)
            {
                command.Parameters.AddWithValue("$expected", write.ExpectedETag);
            }

            changed = command.ExecuteNonQuery();
            return changed == 1 ? SqliteWriteOutcome.Success : SqliteWriteOutcome.ConflictWith(ReadETag(connection, transaction, write));
        }

        if (write.ExpectedETag is not null)
        {
            command.CommandText = DeleteSql;
            command.Parameters.AddWithValue("$expected", write.ExpectedETag);
            if (command.ExecuteNonQuery() == 1)
            {
                return SqliteWriteOutcome.Success;
            }
        }

        // Nothing deleted: fine if there is no record (already cleared), a conflict if someone else wrote one.
        var stored = ReadETag(connection, transaction, write);
        return stored is null ? SqliteWriteOutcome.Success : SqliteWriteOutcome.ConflictWith(stored);
    }

    private static string? ReadETag(SqliteConnection connection, SqliteTransaction transaction, SqlitePendingWrite write)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectEtagSql;
        command.Parameters.AddWithValue("$state", write.StateName);
        command.Parameters.AddWithValue("$grain", write.GrainId);
        return command.ExecuteScalar() as string;
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
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage opened {Path} (WAL, synchronous={Synchronous})")]
    private partial void LogStarted(string path, SqliteSynchronousMode synchronous);

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite grain storage could not write state {StateName} of grain {GrainId}")]
    private partial void LogWriteFailed(Exception exception, string stateName, string grainId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "SQLite grain storage writer stopped; pending writes fail")]
    private partial void LogWriterFailed(Exception exception);
}
