using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workshops.Storage;

/// <summary>Opens the SQLite file afresh (no pool, no create) and asks it a trivial question.</summary>
/// <param name="path">The absolute path of the database file.</param>
/// <param name="logger">The logger.</param>
public sealed partial class SqliteStorageHealthProbe(string path, ILogger<SqliteStorageHealthProbe> logger) : IStorageHealthProbe
{
    private readonly string _connectionString = SqliteWriter.BuildConnectionString(path, SqliteOpenMode.ReadWrite, pooling: false);

    /// <inheritdoc />
    public Task<bool> CheckAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            try
            {
                using var connection = new SqliteConnection(_connectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{SqliteGrainStorage.TableName}';";
                return command.ExecuteScalar() is long one && one == 1;
            }
            catch (SqliteException exception)
            {
                LogUnhealthy(exception, path);
                return false;
            }
        },
        cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain store {Path} does not answer")]
    private partial void LogUnhealthy(Exception exception, string path);
}
