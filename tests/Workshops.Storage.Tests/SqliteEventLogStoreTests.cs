using System.Text;
using Microsoft.Data.Sqlite;

namespace Workshops.Storage.Tests;

/// <summary>What only the SQLite event log promises: rows in the grain state's file, durability, bytes really gone.</summary>
/// <param name="fixture">The file and its store.</param>
public sealed class SqliteEventLogStoreTests(SqliteEventLogFixture fixture) : IClassFixture<SqliteEventLogFixture>
{
    [Fact]
    public async Task Each_append_is_one_row_next_to_grain_state_and_a_snapshot_deletes_the_rows_it_covers()
    {
        var store = fixture.Store;
        var stream = "workshop/satır-" + Guid.NewGuid().ToString("N");
        Assert.True(await store.AppendAsync(stream, 0, [Utf8("1"), Utf8("2"), Utf8("3")]));
        Assert.True(await store.AppendAsync(stream, 3, [Utf8("4")]));

        // A row is named by its last entry's version and counts its entries.
        Assert.Equal("event_log,event_snapshot,grain_state", Tables(fixture.DatabasePath));
        Assert.Equal(new long[] { 3, 4 }, Versions(fixture.DatabasePath, stream));
        Assert.Equal(3, Count(fixture.DatabasePath, "SELECT entries FROM event_log WHERE stream = $stream AND version = 3;", ("$stream", stream)));

        await store.WriteSnapshotAsync(stream, 3, Utf8("s3"));

        Assert.Equal(new long[] { 4 }, Versions(fixture.DatabasePath, stream));
        Assert.Equal(3, Count(fixture.DatabasePath, "SELECT version FROM event_snapshot WHERE stream = $stream;", ("$stream", stream)));
    }

    [Fact]
    public async Task A_snapshot_inside_a_row_rewrites_the_row_to_the_entries_after_it_and_their_bytes_are_gone()
    {
        var path = fixture.PathOf(Path.Combine("straddle", Guid.NewGuid().ToString("N"), "workshops.db"));
        var store = SqliteEventLogFixture.Open(path);
        try
        {
            var marker = Encoding.UTF8.GetBytes("Unutulacak Ad Ayşe Güneş " + Guid.NewGuid().ToString("N"));
            var stream = "workshop/yarım";
            Assert.True(await store.AppendAsync(stream, 0, [marker, Utf8(""), Utf8("üç")]));
            Assert.True(await store.AppendAsync(stream, 3, [Utf8("dört"), Utf8("beş")]));

            await store.WriteSnapshotAsync(stream, 2, Utf8("s2"));
            Assert.True(await store.CheckpointAsync());

            Assert.Equal(new long[] { 3, 5 }, Versions(path, stream));
            Assert.Equal(1, Count(path, "SELECT entries FROM event_log WHERE stream = $stream AND version = 3;", ("$stream", stream)));
            Assert.False(Holds(path, marker), "the database file still holds an entry the snapshot covers");
            Assert.False(Holds(path + "-wal", marker), "the WAL still holds an entry the snapshot covers");
            var read = await store.ReadAsync(stream);
            Assert.Equal(2, read.SnapshotVersion);
            Assert.Equal(["üç", "dört", "beş"], read.Entries.Select(e => Encoding.UTF8.GetString(e.Span)));
            Assert.False(await store.AppendAsync(stream, 4, [Utf8("eski")]));
            Assert.True(await store.AppendAsync(stream, 5, [Utf8("altı")]));
        }
        finally
        {
            await store.Writer.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_file_of_one_row_per_entry_from_the_previous_version_opens_reads_and_appends()
    {
        var path = fixture.PathOf(Path.Combine("previous", Guid.NewGuid().ToString("N"), "workshops.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            // The tables as the previous version created them, and its rows: one per entry, no count.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE event_log (stream TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (stream, version));
                CREATE TABLE event_snapshot (stream TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, payload BLOB NOT NULL);
                INSERT INTO event_snapshot VALUES ('workshop/eski', 1, X'7331');
                INSERT INTO event_log VALUES ('workshop/eski', 2, X'6F7932'), ('workshop/eski', 3, X'6F7933'), ('workshop/eski', 4, X'6F7934');
                """;
            command.ExecuteNonQuery();
        }

        var store = SqliteEventLogFixture.Open(path);
        try
        {
            var read = await store.ReadAsync("workshop/eski");
            Assert.Equal(1, read.SnapshotVersion);
            Assert.Equal("s1", Encoding.UTF8.GetString(read.Snapshot!.Value.Span));
            Assert.Equal(["oy2", "oy3", "oy4"], read.Entries.Select(e => Encoding.UTF8.GetString(e.Span)));
            Assert.False(await store.AppendAsync("workshop/eski", 3, [Utf8("stale")]));
            Assert.True(await store.AppendAsync("workshop/eski", 4, [Utf8("oy5"), Utf8("oy6")]));
            await store.WriteSnapshotAsync("workshop/eski", 3, Utf8("s3"));
            Assert.Equal(["oy4", "oy5", "oy6"], (await store.ReadAsync("workshop/eski")).Entries.Select(e => Encoding.UTF8.GetString(e.Span)));
        }
        finally
        {
            await store.Writer.DisposeAsync();
        }

        Assert.Equal(new long[] { 4, 6 }, Versions(path, "workshop/eski"));
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 0, 0, 9, 5, 0, 0, 0, 1 }, 2)] // the second frame claims 5 bytes, has 1
    [InlineData(new byte[] { 1, 0, 0, 0, 9, 1, 0 }, 2)] // a length cut short
    [InlineData(new byte[] { 1, 0, 0, 0, 9 }, 2)] // one frame where the row counts two
    [InlineData(new byte[] { 255, 255, 255, 255 }, 2)] // a negative length
    public void A_damaged_row_is_refused_not_read_short(byte[] payload, long count) =>
        Assert.Throws<InvalidDataException>(() => SqliteEventLogStore.Unframe(payload, count));

    [Fact]
    public void Framing_round_trips_entries_of_any_size_including_empty_ones()
    {
        ReadOnlyMemory<byte>[] entries = [Array.Empty<byte>(), Utf8("ğüşiöç"), new byte[70_000], new byte[] { 0 }];
        var payload = SqliteEventLogStore.Frame(entries);
        var back = SqliteEventLogStore.Unframe(payload, entries.Length);
        Assert.Equal(entries.Select(e => e.ToArray()), back.Select(e => e.ToArray()));
        Assert.Equal(entries.Sum(e => e.Length) + (4 * entries.Length), payload.Length);
        Assert.Equal(Utf8("tek").ToArray(), SqliteEventLogStore.Frame([Utf8("tek")]));
    }

    [Fact]
    public async Task Acknowledged_append_is_in_the_files_before_any_checkpoint_and_a_new_store_reads_it()
    {
        var source = fixture.PathOf(Path.Combine("crash", Guid.NewGuid().ToString("N"), "workshops.db"));
        var target = fixture.PathOf(Path.Combine("crash", Guid.NewGuid().ToString("N"), "workshops.db"));
        var first = SqliteEventLogFixture.Open(source);
        try
        {
            Assert.True(await first.AppendAsync("workshop/kalıcı", 0, [Utf8("oy 1"), Utf8("oy 2")]));
            Assert.True(await first.AppendAsync("workshop/kalıcı", 2, [Utf8("oy 3")]));

            // The writer is still open: the copy is what a process killed now leaves behind.
            Assert.True(new FileInfo(source + "-wal").Length > 0, "the append should still be in the WAL");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            File.Copy(source + "-wal", target + "-wal");
        }
        finally
        {
            await first.Writer.DisposeAsync();
        }

        var second = SqliteEventLogFixture.Open(target);
        try
        {
            var read = await second.ReadAsync("workshop/kalıcı");
            Assert.Equal(["oy 1", "oy 2", "oy 3"], read.Entries.Select(e => Encoding.UTF8.GetString(e.Span)));
            Assert.False(await second.AppendAsync("workshop/kalıcı", 2, [Utf8("stale")]));
            Assert.True(await second.AppendAsync("workshop/kalıcı", 3, [Utf8("oy 4")]));
        }
        finally
        {
            await second.Writer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Forgotten_entries_leave_neither_the_database_file_nor_the_wal_after_a_checkpoint()
    {
        var path = fixture.PathOf(Path.Combine("erase", Guid.NewGuid().ToString("N"), "workshops.db"));
        var store = SqliteEventLogFixture.Open(path);
        try
        {
            var marker = Encoding.UTF8.GetBytes("Silinecek Kişi Şükrü Çağlayan " + Guid.NewGuid().ToString("N"));
            var stream = "workshop/silme";
            Assert.True(await store.AppendAsync(stream, 0, [Utf8("önce"), marker, Utf8("ara")]));
            Assert.True(await store.AppendAsync(stream, 3, [marker]));
            Assert.True(await store.AppendAsync(stream, 4, [Utf8("sonra")]));
            Assert.True(await store.Writer.CheckpointAsync());
            Assert.True(Holds(path, marker), "the marker should be in the database file before the snapshot");

            await store.WriteSnapshotAsync(stream, 4, Utf8("adı silinmiş durum"));
            Assert.True(await store.CheckpointAsync());

            Assert.False(Holds(path, marker), "the database file still holds the forgotten entries' bytes");
            Assert.False(Holds(path + "-wal", marker), "the WAL still holds the forgotten entries' bytes");
            Assert.Equal(["sonra"], (await store.ReadAsync(stream)).Entries.Select(e => Encoding.UTF8.GetString(e.Span)));
        }
        finally
        {
            await store.Writer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_streams_append_through_one_writer_and_each_reads_its_own()
    {
        var streams = Enumerable.Range(0, 20).Select(i => $"workshop/paylaşım-{i}-{Guid.NewGuid():N}").ToArray();

        await Task.WhenAll(streams.Select(async stream =>
        {
            for (var n = 0; n < 10; n++)
            {
                Assert.True(await fixture.Store.AppendAsync(stream, n, [Utf8($"{stream}#{n + 1}")]));
            }
        }));

        foreach (var stream in streams)
        {
            var read = await fixture.Store.ReadAsync(stream);
            Assert.Equal(Enumerable.Range(1, 10).Select(n => $"{stream}#{n}"), read.Entries.Select(e => Encoding.UTF8.GetString(e.Span)));
        }
    }

    [Fact]
    public async Task Statistics_count_successful_appends_entries_and_payload_bytes()
    {
        var statistics = new EventLogStatistics();
        var store = SqliteEventLogFixture.Open(fixture.PathOf(Path.Combine("stats", Guid.NewGuid().ToString("N"), "workshops.db")), statistics);
        try
        {
            Assert.True(await store.AppendAsync("workshop/sayaç", 0, [new byte[10], new byte[5]]));
            var before = statistics.Read();
            Assert.False(await store.AppendAsync("workshop/sayaç", 0, [new byte[100]]));
            Assert.True(await store.AppendAsync("workshop/sayaç", 2, [new byte[1]]));
            await store.WriteSnapshotAsync("workshop/sayaç", 3, new byte[7]);
            var counted = statistics.Read();

            Assert.Equal(new EventLogCounts(1, 2, 15, 0, 0), before);
            Assert.Equal(new EventLogCounts(2, 3, 16, 1, 7), counted);
            Assert.Equal(23, counted.BytesWritten);
            Assert.Equal(new EventLogCounts(1, 1, 1, 1, 7), counted.Since(before));
        }
        finally
        {
            await store.Writer.DisposeAsync();
        }
    }

    internal static long Count(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenReadOnly(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static bool Holds(string file, byte[] marker) =>
        File.Exists(file) && File.ReadAllBytes(file).AsSpan().IndexOf(marker) >= 0;

    private static string Tables(string path)
    {
        using var connection = OpenReadOnly(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);";
        return (string)command.ExecuteScalar()!;
    }

    private static long[] Versions(string path, string stream)
    {
        using var connection = OpenReadOnly(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM event_log WHERE stream = $stream ORDER BY version;";
        command.Parameters.AddWithValue("$stream", stream);
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return [.. versions];
    }

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
}
