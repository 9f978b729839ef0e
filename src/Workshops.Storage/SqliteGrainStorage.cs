using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
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
/// Writes go through the file's one <see cref="SqliteWriter"/> (group commit, shared with the event
/// log store). A caller's task completes only after its transaction committed, so an acknowledged
/// write is in the WAL file and survives a killed process. Reads use pooled connections and see the
/// last committed snapshot (WAL).
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    internal const string TableName = "grain_state";

    internal const string CreateTableSql = $"""
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
    private readonly SqliteWriter _writer;
    private readonly IActivatorProvider _activatorProvider;

    /// <summary>Initializes a new instance of the <see cref="SqliteGrainStorage"/> class.</summary>
    /// <param name="name">The provider name.</param>
    /// <param name="options">The provider options.</param>
    /// <param name="writer">The file's writer.</param>
    /// <param name="activatorProvider">Creates the empty state of a grain with no stored record.</param>
    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        SqliteWriter writer,
        IActivatorProvider activatorProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        if (options.GrainStorageSerializer is null)
        {
            throw new ArgumentException("The options have no GrainStorageSerializer.", nameof(options));
        }

        _name = name;
        _options = options;
        _writer = writer;
        _activatorProvider = activatorProvider;
    }

    /// <summary>Gets the absolute path of the database file.</summary>
    public string FilePath => _writer.FilePath;

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
    public void Participate(ISiloLifecycle lifecycle) => _writer.Participate(lifecycle);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await _writer.EnsureInitializedAsync();

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

        var payload = _options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var grain = grainId.ToString();
        var expected = grainState.ETag;
        var etag = NewETag();
        var outcome = await _writer.WriteAsync(payload.Length, (connection, transaction) => Write(connection, transaction, stateName, grain, expected, etag, payload));
        ThrowIfConflict<T>(outcome, stateName, grain, expected, "write");

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);

        var grain = grainId.ToString();
        var expected = grainState.ETag;
        var outcome = await _writer.WriteAsync(0, (connection, transaction) => Clear(connection, transaction, stateName, grain, expected));
        ThrowIfConflict<T>(outcome, stateName, grain, expected, "clear");

        grainState.State = _activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static string NewETag() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    private void ThrowIfConflict<T>(SqliteWriteOutcome outcome, string stateName, string grainId, string? expected, string operation)
    {
        if (outcome.Conflict)
        {
            throw new InconsistentStateException(
                $"ETag mismatch on {operation}: provider {_name}, state '{stateName}' of grain {grainId}, type {typeof(T)}. Stored ETag '{outcome.StoredETag}', expected '{expected}'.",
                outcome.StoredETag ?? "(none)",
                expected ?? "(none)");
        }
    }

    private SqliteStoredRow? ReadRow(string stateName, string grainId)
    {
        using var connection = _writer.OpenReader();
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

    private static SqliteWriteOutcome Write(SqliteConnection connection, SqliteTransaction transaction, string stateName, string grainId, string? expected, string etag, byte[] payload)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId);
        command.CommandText = expected is null ? InsertSql : UpdateSql;
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
        if (expected is not null)
        {
            command.Parameters.AddWithValue("$expected", expected);
        }

        return command.ExecuteNonQuery() == 1
            ? SqliteWriteOutcome.Success
            : SqliteWriteOutcome.ConflictWith(ReadETag(connection, transaction, stateName, grainId));
    }

    private static SqliteWriteOutcome Clear(SqliteConnection connection, SqliteTransaction transaction, string stateName, string grainId, string? expected)
    {
        if (expected is not null)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = DeleteSql;
            command.Parameters.AddWithValue("$state", stateName);
            command.Parameters.AddWithValue("$grain", grainId);
            command.Parameters.AddWithValue("$expected", expected);
            if (command.ExecuteNonQuery() == 1)
            {
                return SqliteWriteOutcome.Success;
            }
        }

        // Nothing deleted: fine if there is no record (already cleared), a conflict if someone else wrote one.
        var stored = ReadETag(connection, transaction, stateName, grainId);
        return stored is null ? SqliteWriteOutcome.Success : SqliteWriteOutcome.ConflictWith(stored);
    }

    private static string? ReadETag(SqliteConnection connection, SqliteTransaction transaction, string stateName, string grainId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectEtagSql;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId);
        return command.ExecuteScalar() as string;
    }
}
