using Microsoft.Data.Sqlite;
using Workshops.Contracts;

namespace Workshops.Storage;

/// <summary>
/// Makes the SQLite data folder forget erased names (contract section 11): SQLite keeps the bytes
/// of overwritten rows in free pages of the file and in old frames of the WAL. <c>VACUUM</c>
/// rebuilds the file without free pages; <c>wal_checkpoint(TRUNCATE)</c> then copies the WAL
/// into the file and cuts the WAL to zero bytes. On its own connection (the storage's single
/// writer is left alone) with a busy timeout, so it waits its turn behind the writer's commits.
/// </summary>
public sealed class SqliteDataScrubber(string path) : IDataScrubber, IDisposable
{
    private const int BusyTimeoutMs = 30_000;
    private const int CheckpointAttempts = 50;

    // One scrub at a time per file; a hall erasing at once queues here, not in SQLite.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string FilePath { get; } = Path.GetFullPath(path);

    /// <inheritdoc />
    public async Task ScrubAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(FilePath))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await Task.Run(() => Scrub(cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private void Scrub(CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection(SqliteWriter.BuildConnectionString(FilePath, SqliteOpenMode.ReadWrite, pooling: false));
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs};");

        // VACUUM's temporary copy holds every row: in memory, not in a file of /tmp.
        Execute(connection, "PRAGMA temp_store = MEMORY;");
        Execute(connection, "VACUUM;");
        for (var attempt = 0; attempt < CheckpointAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SqliteWriter.TruncateWal(connection))
            {
                return;
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"the WAL of '{FilePath}' could not be truncated; the storage stayed busy");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
