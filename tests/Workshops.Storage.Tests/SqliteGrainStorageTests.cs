using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>What only the SQLite store promises: WAL, durability before shutdown, its file layout.</summary>
/// <param name="fixture">A temp folder of SQLite stores and a silo on one of them.</param>
public sealed class SqliteGrainStorageTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    [Fact]
    public async Task Database_is_created_in_a_new_folder_in_wal_mode_with_the_grain_and_event_log_tables()
    {
        var store = NewStoreName("fresh");
        var path = fixture.DatabasePath(store);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));

        var silo = await fixture.StartSiloAsync(store);
        try
        {
            Assert.True(File.Exists(path));
            using var connection = OpenReadOnly(path);
            Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
            Assert.Equal(
                "event_log,event_snapshot,grain_state",
                Scalar(connection, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);"));
        }
        finally
        {
            await TestSilo.StopAsync(silo);
        }
    }

    [Fact]
    public async Task Rows_are_keyed_by_state_name_and_grain_id_and_hold_the_orleans_serialization()
    {
        var store = NewStoreName("layout");
        var silo = await fixture.StartSiloAsync(store);
        try
        {
            await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ITestStateGrain>("kayıt").Append("Iğdır");

            using var connection = OpenReadOnly(fixture.DatabasePath(store));
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT state_name, grain_id, etag, payload FROM grain_state;";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal("state", reader.GetString(0));
            Assert.Equal("teststate/kayıt", reader.GetString(1));
            Assert.False(string.IsNullOrEmpty(reader.GetString(2)));

            // The Orleans binary format (version tolerant through [Id]s), not Orleans' default JSON.
            var serializer = silo.Services.GetRequiredService<Serializer>();
            var state = serializer.Deserialize<TestState>(reader.GetFieldValue<byte[]>(3));
            Assert.Equal(["Iğdır"], state!.Items);
            Assert.False(reader.Read());
        }
        finally
        {
            await TestSilo.StopAsync(silo);
        }
    }

    [Fact]
    public async Task Acknowledged_writes_are_on_disk_before_any_checkpoint_or_shutdown()
    {
        var store = NewStoreName("crash");
        var copy = NewStoreName("crash-copy");
        var keys = Enumerable.Range(0, 8).Select(i => string.Create(CultureInfo.InvariantCulture, $"grain-{i}")).ToArray();
        var silo = await fixture.StartSiloAsync(store);
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(keys.Select(async key =>
            {
                for (var n = 0; n < 5; n++)
                {
                    await grains.GetGrain<ITestStateGrain>(key).Append(string.Create(CultureInfo.InvariantCulture, $"{key}/{n}"));
                }
            }));

            // The silo is still running: no shutdown, no checkpoint. The files now hold exactly what a
            // process killed at this moment would leave behind, so a copy of them is that crash.
            var source = fixture.DatabasePath(store);
            var target = fixture.DatabasePath(copy);
            Assert.True(new FileInfo(source + "-wal").Length > 0, "the writes should still be in the WAL");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            File.Copy(source + "-wal", target + "-wal");
        }
        finally
        {
            await TestSilo.StopAsync(silo);
        }

        var recovered = await fixture.StartSiloAsync(copy);
        try
        {
            var grains = recovered.Services.GetRequiredService<IGrainFactory>();
            foreach (var key in keys)
            {
                Assert.Equal(
                    Enumerable.Range(0, 5).Select(n => string.Create(CultureInfo.InvariantCulture, $"{key}/{n}")),
                    await grains.GetGrain<ITestStateGrain>(key).GetItems());
            }
        }
        finally
        {
            await TestSilo.StopAsync(recovered);
        }
    }

    [Fact]
    public async Task Health_probe_answers_true_for_the_running_store_and_false_for_an_unopenable_one()
    {
        var probe = fixture.Silo.Services.GetRequiredService<IStorageHealthProbe>();
        Assert.IsType<SqliteStorageHealthProbe>(probe);
        Assert.True(await probe.CheckAsync(CancellationToken.None));

        // A folder where the database file should be: SQLite cannot open it.
        var broken = fixture.DatabasePath(NewStoreName("broken"));
        Directory.CreateDirectory(broken);
        var brokenProbe = new SqliteStorageHealthProbe(broken, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteStorageHealthProbe>.Instance);
        Assert.False(await brokenProbe.CheckAsync(CancellationToken.None));

        var missing = new SqliteStorageHealthProbe(
            fixture.DatabasePath(NewStoreName("missing")),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteStorageHealthProbe>.Instance);
        Assert.False(await missing.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public void Default_provider_is_the_workshops_provider()
    {
        var services = fixture.Silo.Services;
        var workshops = services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(StorageNames.Workshops);

        Assert.IsType<SqliteGrainStorage>(workshops);
        Assert.Same(workshops, services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.Same(workshops, services.GetRequiredService<Orleans.Storage.IGrainStorage>());
    }

    [Fact]
    public async Task Event_log_store_shares_the_grain_storage_file_and_its_one_writer()
    {
        var services = fixture.Silo.Services;
        var log = Assert.IsType<SqliteEventLogStore>(services.GetRequiredService<IEventLogStore>());
        var grains = Assert.IsType<SqliteGrainStorage>(services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(StorageNames.Workshops));

        Assert.Same(services.GetRequiredService<SqliteWriter>(), log.Writer);
        Assert.Equal(fixture.DatabasePath("main"), log.Writer.FilePath);
        Assert.Equal(log.Writer.FilePath, grains.FilePath);
        Assert.True(await log.AppendAsync("workshop/ortak", 0, [new byte[] { 1, 2, 3 }]));
        using var connection = OpenReadOnly(fixture.DatabasePath("main"));
        Assert.Equal("1", Scalar(connection, "SELECT count(*) FROM event_log WHERE stream = 'workshop/ortak';"));
    }

    private static string NewStoreName(string prefix) =>
        prefix + "-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8];

    private static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
