using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Workshops.Storage;

/// <summary>
/// Orleans reminders kept in the embedded profile's SQLite file, table <c>reminders</c>. Written
/// here because no Orleans reminder package stores in SQLite (the ADO.NET provider supports SQL
/// Server, MySQL, PostgreSQL and Oracle only), and the in-memory one forgets its reminders at
/// every restart while a retention period is counted in days. Its own connections with a busy
/// timeout: reminder rows change a few times per event, far away from the vote path, so they do
/// not need the grain storage's single writer. ETags are row versions (compare and swap).
/// </summary>
public sealed class SqliteReminderTable(string path, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS reminders (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at INTEGER NOT NULL,
            period INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (service_id, grain_hash);
        """;

    private const string Columns = "grain_id, name, start_at, period, version";

    private readonly string _connectionString = SqliteWriter.BuildConnectionString(Path.GetFullPath(path), SqliteOpenMode.ReadWriteCreate, pooling: true);
    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task Init() => Task.Run(() =>
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = Open();
        using var command = Command(connection, CreateTableSql);
        command.ExecuteNonQuery();
    });

    public Task<ReminderTableData> ReadRows(GrainId grainId) => Task.Run(() =>
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain;");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return new ReminderTableData(ReadAll(command));
    });

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => Task.Run(() =>
    {
        // The ring range (begin, end]; begin >= end wraps around (begin == end: the whole ring).
        var where = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)";
        using var connection = Open();
        using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE service_id = $service AND {where};");
        command.Parameters.AddWithValue("$begin", (long)begin);
        command.Parameters.AddWithValue("$end", (long)end);
        return new ReminderTableData(ReadAll(command));
    });

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => Task.Run(() =>
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain AND name = $name;");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        return ReadAll(command).FirstOrDefault();
    });

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Task.Run<string?>(() =>
        {
            using var connection = Open();
            using var command = Command(connection, """
                INSERT INTO reminders (service_id, grain_id, name, grain_hash, start_at, period, version)
                VALUES ($service, $grain, $name, $hash, $start, $period, 1)
                ON CONFLICT (service_id, grain_id, name) DO UPDATE SET
                    grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, version = version + 1
                RETURNING version;
                """);
            command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$name", entry.ReminderName);
            command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().Ticks);
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        });
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => Task.Run(() =>
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        using var connection = Open();
        using var command = Command(connection, "DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND name = $name AND version = $version;");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$version", version);
        return command.ExecuteNonQuery() == 1;
    });

    public Task TestOnlyClearTable() => Task.Run(() =>
    {
        using var connection = Open();
        using var command = Command(connection, "DELETE FROM reminders WHERE service_id = $service;");
        command.ExecuteNonQuery();
    });

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        return command;
    }

    private static List<ReminderEntry> ReadAll(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }
}
