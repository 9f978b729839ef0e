using System.Text;
using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>What every <see cref="IEventLogStore"/> must do, run against each provider by a subclass.</summary>
public abstract class EventLogStoreConformanceTests
{
    /// <summary>Gets the store under test.</summary>
    protected abstract IEventLogStore Store { get; }

    /// <summary>Gets a second writer on the same data (another process, as far as the store can tell, where the store allows it).</summary>
    protected virtual IEventLogStore OtherWriter => Store;

    /// <summary>Gets the largest batch the store takes in one append (Azure: one append block).</summary>
    protected virtual int LargeEntryBytes => 3 * 1024 * 1024;

    [Fact]
    public async Task New_stream_reads_empty_at_version_zero()
    {
        var read = await Store.ReadAsync(NewStream());

        Assert.True(read.IsEmpty);
        Assert.Equal(0, read.Version);
        Assert.Null(read.Snapshot);
        Assert.Empty(read.Entries);
    }

    [Fact]
    public async Task Appended_batches_read_back_in_order()
    {
        var stream = NewStream();

        Assert.True(await Store.AppendAsync(stream, 0, Entries("bir", "iki")));
        Assert.True(await Store.AppendAsync(stream, 2, Entries("üç")));
        Assert.True(await Store.AppendAsync(stream, 3, Entries("dört", "beş", "altı")));
        var read = await Store.ReadAsync(stream);

        Assert.Equal(["bir", "iki", "üç", "dört", "beş", "altı"], Texts(read.Entries));
        Assert.Equal(6, read.Version);
        Assert.Equal(0, read.SnapshotVersion);
        Assert.Null(read.Snapshot);
    }

    [Fact]
    public async Task Append_at_a_stale_version_returns_false_and_writes_nothing()
    {
        var stream = NewStream();
        Assert.True(await Store.AppendAsync(stream, 0, Entries("a", "b")));

        Assert.False(await Store.AppendAsync(stream, 0, Entries("stale")));
        Assert.False(await Store.AppendAsync(stream, 1, Entries("stale")));
        Assert.False(await Store.AppendAsync(stream, 3, Entries("ahead")));
        Assert.False(await OtherWriter.AppendAsync(stream, 1, Entries("stale")));

        var read = await Store.ReadAsync(stream);
        Assert.Equal(["a", "b"], Texts(read.Entries));
        Assert.True(await Store.AppendAsync(stream, 2, Entries("c")));
        Assert.Equal(["a", "b", "c"], Texts((await OtherWriter.ReadAsync(stream)).Entries));
    }

    [Fact]
    public async Task Of_concurrent_appenders_at_one_version_exactly_one_wins()
    {
        var stream = NewStream();
        Assert.True(await Store.AppendAsync(stream, 0, Entries("start")));
        using var barrier = new Barrier(8);
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            var store = i % 2 == 0 ? Store : OtherWriter;
            return (Writer: i, Won: await store.AppendAsync(stream, 1, Entries($"w{i}-1", $"w{i}-2")));
        })).ToArray();

        var results = await Task.WhenAll(writers);

        var winner = Assert.Single(results, r => r.Won).Writer;
        var read = await Store.ReadAsync(stream);
        Assert.Equal(["start", $"w{winner}-1", $"w{winner}-2"], Texts(read.Entries));
    }

    [Fact]
    public async Task Read_after_a_snapshot_gives_the_snapshot_and_the_entries_after_it()
    {
        var stream = NewStream();
        Assert.True(await Store.AppendAsync(stream, 0, Entries("1", "2", "3")));
        Assert.True(await Store.AppendAsync(stream, 3, Entries("4", "5")));

        await Store.WriteSnapshotAsync(stream, 3, Bytes("state@3"));
        var read = await Store.ReadAsync(stream);

        Assert.Equal(3, read.SnapshotVersion);
        Assert.Equal("state@3", Text(read.Snapshot!.Value));
        Assert.Equal(["4", "5"], Texts(read.Entries));
        Assert.Equal(5, read.Version);

        Assert.False(await Store.AppendAsync(stream, 3, Entries("stale")));
        Assert.True(await Store.AppendAsync(stream, 5, Entries("6")));
        Assert.Equal(["4", "5", "6"], Texts((await OtherWriter.ReadAsync(stream)).Entries));
    }

    [Fact]
    public async Task An_older_snapshot_is_ignored_and_an_equal_one_replaces()
    {
        var stream = NewStream();
        Assert.True(await Store.AppendAsync(stream, 0, Entries("1", "2", "3", "4", "5", "6")));
        await Store.WriteSnapshotAsync(stream, 4, Bytes("state@4"));

        await Store.WriteSnapshotAsync(stream, 2, Bytes("state@2"));
        var afterOlder = await Store.ReadAsync(stream);
        await Store.WriteSnapshotAsync(stream, 4, Bytes("state@4 again"));
        var afterEqual = await Store.ReadAsync(stream);

        Assert.Equal(4, afterOlder.SnapshotVersion);
        Assert.Equal("state@4", Text(afterOlder.Snapshot!.Value));
        Assert.Equal(["5", "6"], Texts(afterOlder.Entries));
        Assert.Equal("state@4 again", Text(afterEqual.Snapshot!.Value));
        Assert.Equal(["5", "6"], Texts(afterEqual.Entries));
    }

    [Fact]
    public async Task A_snapshot_makes_the_store_forget_the_entries_it_covers()
    {
        var stream = NewStream();
        var marker = "Gizli Kişi " + Guid.NewGuid().ToString("N");
        Assert.True(await Store.AppendAsync(stream, 0, Entries("önce", marker)));
        Assert.True(await Store.AppendAsync(stream, 2, Entries("sonra")));
        Assert.True(await HoldsAsync(stream, Encoding.UTF8.GetBytes(marker)));

        await Store.WriteSnapshotAsync(stream, 2, Bytes("erased"));

        Assert.False(await HoldsAsync(stream, Encoding.UTF8.GetBytes(marker)));
        Assert.True(await HoldsAsync(stream, Encoding.UTF8.GetBytes("sonra")));
        Assert.Equal(["sonra"], Texts((await Store.ReadAsync(stream)).Entries));
    }

    [Fact]
    public async Task A_snapshot_of_an_empty_stream_at_version_zero_is_appended_after()
    {
        var stream = NewStream();

        await Store.WriteSnapshotAsync(stream, 0, Bytes("converted"));
        var converted = await Store.ReadAsync(stream);
        Assert.True(await Store.AppendAsync(stream, 0, Entries("first")));
        var read = await OtherWriter.ReadAsync(stream);

        Assert.False(converted.IsEmpty);
        Assert.Equal(0, converted.Version);
        Assert.Equal("converted", Text(converted.Snapshot!.Value));
        Assert.Equal(0, read.SnapshotVersion);
        Assert.Equal(["first"], Texts(read.Entries));
    }

    [Fact]
    public async Task Delete_removes_entries_and_snapshot_and_the_stream_starts_again()
    {
        var stream = NewStream();
        var other = NewStream();
        Assert.True(await Store.AppendAsync(stream, 0, Entries("1", "2")));
        Assert.True(await Store.AppendAsync(other, 0, Entries("kalır")));
        await Store.WriteSnapshotAsync(stream, 1, Bytes("s1"));

        await Store.DeleteAsync(stream);

        Assert.True((await Store.ReadAsync(stream)).IsEmpty);
        Assert.True((await OtherWriter.ReadAsync(stream)).IsEmpty);
        Assert.False(await HoldsAsync(stream, Encoding.UTF8.GetBytes("2")));
        Assert.Equal(["kalır"], Texts((await Store.ReadAsync(other)).Entries));
        Assert.True(await Store.AppendAsync(stream, 0, Entries("yeniden")));
        Assert.Equal(["yeniden"], Texts((await Store.ReadAsync(stream)).Entries));
    }

    [Fact]
    public async Task Large_entries_and_snapshots_round_trip()
    {
        var stream = NewStream();
        var entry = Pattern(LargeEntryBytes, 7);
        var snapshot = Pattern(6 * 1024 * 1024, 11);
        Assert.True(await Store.AppendAsync(stream, 0, [entry]));
        Assert.True(await Store.AppendAsync(stream, 1, [entry, Pattern(10, 3)]));
        await Store.WriteSnapshotAsync(stream, 1, snapshot);

        var read = await OtherWriter.ReadAsync(stream);

        Assert.Equal(1, read.SnapshotVersion);
        Assert.True(read.Snapshot!.Value.Span.SequenceEqual(snapshot));
        Assert.Equal(2, read.Entries.Count);
        Assert.True(read.Entries[0].Span.SequenceEqual(entry));
        Assert.True(read.Entries[1].Span.SequenceEqual(Pattern(10, 3)));
    }

    [Fact]
    public async Task Many_batches_with_snapshots_between_read_back_whole()
    {
        var stream = NewStream();
        var expected = new List<string>();
        for (var batch = 0; batch < 30; batch++)
        {
            var texts = Enumerable.Range(0, 1 + (batch % 3)).Select(k => $"b{batch}.{k}").ToArray();
            Assert.True(await Store.AppendAsync(stream, expected.Count, Entries(texts)), $"batch {batch}");
            expected.AddRange(texts);
            if (batch == 12)
            {
                await Store.WriteSnapshotAsync(stream, expected.Count - 2, Bytes("mid"));
            }
        }

        var read = await OtherWriter.ReadAsync(stream);
        var snapshotVersion = read.SnapshotVersion;

        Assert.Equal(Texts(expected.Skip((int)snapshotVersion)), Texts(read.Entries));
        Assert.Equal(expected.Count, read.Version);
        Assert.True(snapshotVersion > 0);
    }

    [Fact]
    public async Task Empty_entries_list_at_the_current_version_is_accepted_and_changes_nothing()
    {
        var stream = NewStream();
        Assert.True(await Store.AppendAsync(stream, 0, Entries("x")));

        Assert.True(await Store.AppendAsync(stream, 1, []));
        Assert.False(await Store.AppendAsync(stream, 0, []));

        Assert.Equal(["x"], Texts((await Store.ReadAsync(stream)).Entries));
    }

    /// <summary>Whether the store still holds <paramref name="bytes"/> for the stream anywhere (rows, blobs).</summary>
    protected abstract Task<bool> HoldsAsync(string streamId, byte[] bytes);

    protected static string NewStream() => "workshop/ığdır-" + Guid.NewGuid().ToString("N")[..12];

    protected static ReadOnlyMemory<byte>[] Entries(params string[] texts) => [.. texts.Select(Bytes)];

    protected static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    protected static string[] Texts(IEnumerable<ReadOnlyMemory<byte>> entries) => [.. entries.Select(Text)];

    protected static string[] Texts(IEnumerable<string> texts) => [.. texts];

    protected static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * seed) + (i >> 10));
        }

        return bytes;
    }

    protected static bool Contains(ReadOnlySpan<byte> haystack, byte[] needle) => haystack.IndexOf(needle) >= 0;
}
