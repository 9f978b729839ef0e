using System.Text;

namespace Workshops.Storage.Tests;

/// <summary>What only the Azure event log promises: its blob layout, generations, conditions between writers.</summary>
/// <param name="fixture">Azurite and the stores.</param>
public sealed class AzureEventLogStoreTests(AzureEventLogFixture fixture) : IClassFixture<AzureEventLogFixture>
{
    [Fact]
    public async Task A_snapshot_starts_a_new_generation_and_deletes_the_old_generation_blob()
    {
        var stream = NewStream();
        var store = fixture.Store;
        Assert.True(await store.AppendAsync(stream, 0, [Utf8("1"), Utf8("2")]));
        Assert.True(await store.AppendAsync(stream, 2, [Utf8("3")]));
        var before = await fixture.BlobNamesAsync(stream);

        await store.WriteSnapshotAsync(stream, 2, Utf8("s2"));
        var after = await fixture.BlobNamesAsync(stream);

        // The first generation holds only the link to the second; entries start in the second.
        Assert.Equal(2, before.Count);
        Assert.Equal("log-0000000000", before[0]);
        Assert.StartsWith("log-0000000001-", before[1], StringComparison.Ordinal);
        Assert.Equal(3, after.Count);
        Assert.Equal("log-0000000000", after[0]);
        Assert.StartsWith("log-0000000002-", after[1], StringComparison.Ordinal);
        Assert.Equal("snapshot", after[2]);
        Assert.DoesNotContain(before[1], after);
        Assert.Equal(["3"], Texts((await fixture.NewStore().ReadAsync(stream)).Entries));
    }

    [Fact]
    public async Task Appends_past_the_block_threshold_roll_generations_and_read_back_whole()
    {
        var stream = NewStream();
        const int Batches = (AzureEventLogFixture.MaxBlocksPerGeneration * 3) + 2;
        for (var n = 0; n < Batches; n++)
        {
            Assert.True(await fixture.Store.AppendAsync(stream, n, [Utf8($"e{n + 1}")]), $"append {n + 1}");
        }

        var names = await fixture.BlobNamesAsync(stream);
        var fresh = await fixture.NewStore().ReadAsync(stream);

        // Generation 0 holds the link to 1; each later one takes 4 appends, then the link: 14 appends fill 1-3 and start 4.
        Assert.Equal(["log-0000000000", "log-0000000001", "log-0000000002", "log-0000000003", "log-0000000004"], names.Select(n => n[..14]));
        Assert.Equal(Enumerable.Range(1, Batches).Select(n => $"e{n}"), Texts(fresh.Entries));

        await fixture.OtherWriter.WriteSnapshotAsync(stream, Batches - 1, Utf8("s"));
        var compacted = await fixture.BlobNamesAsync(stream);
        Assert.Equal(3, compacted.Count);
        Assert.StartsWith("log-0000000005-", compacted[1], StringComparison.Ordinal);
        Assert.True(await fixture.Store.AppendAsync(stream, Batches, [Utf8("son")]));
        Assert.Equal([$"e{Batches}", "son"], Texts((await fixture.NewStore().ReadAsync(stream)).Entries));
    }

    [Fact]
    public async Task A_writer_whose_cache_predates_another_writers_appends_and_snapshot_gets_false_and_overwrites_nothing()
    {
        var stream = NewStream();
        var stale = fixture.NewStore();
        var current = fixture.NewStore();
        Assert.True(await stale.AppendAsync(stream, 0, [Utf8("a")]));
        Assert.Equal(1, (await current.ReadAsync(stream)).Version);
        Assert.True(await current.AppendAsync(stream, 1, [Utf8("b")]));
        await current.WriteSnapshotAsync(stream, 2, Utf8("s2"));
        Assert.True(await current.AppendAsync(stream, 2, [Utf8("c")]));

        Assert.False(await stale.AppendAsync(stream, 1, [Utf8("stale")]));
        await stale.WriteSnapshotAsync(stream, 1, Utf8("stale snapshot"));

        var read = await fixture.NewStore().ReadAsync(stream);
        Assert.Equal(2, read.SnapshotVersion);
        Assert.Equal("s2", Encoding.UTF8.GetString(read.Snapshot!.Value.Span));
        Assert.Equal(["c"], Texts(read.Entries));
        Assert.True(await stale.AppendAsync(stream, 3, [Utf8("d")]));
        Assert.Equal(["c", "d"], Texts((await current.ReadAsync(stream)).Entries));
    }

    [Fact]
    public async Task A_batch_larger_than_one_append_block_is_refused_and_writes_nothing()
    {
        var stream = NewStream();
        Assert.True(await fixture.Store.AppendAsync(stream, 0, [Utf8("a")]));

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.AppendAsync(stream, 1, [new byte[3 * 1024 * 1024], new byte[2 * 1024 * 1024]]));

        Assert.Equal(["a"], Texts((await fixture.NewStore().ReadAsync(stream)).Entries));
    }

    [Fact]
    public async Task Streams_whose_ids_nest_keep_separate_blobs()
    {
        var stream = NewStream();
        var nested = stream + "/log-0000000000";
        Assert.True(await fixture.Store.AppendAsync(stream, 0, [Utf8("dış")]));
        Assert.True(await fixture.Store.AppendAsync(nested, 0, [Utf8("iç")]));

        await fixture.Store.DeleteAsync(stream);

        Assert.True((await fixture.NewStore().ReadAsync(stream)).IsEmpty);
        Assert.Equal(["iç"], Texts((await fixture.NewStore().ReadAsync(nested)).Entries));
        Assert.DoesNotContain('/', fixture.Store.StreamPrefix(nested).TrimEnd('/')["eventlog/".Length..]);
    }

    private static string NewStream() => "workshop/azure-" + Guid.NewGuid().ToString("N")[..12];

    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string[] Texts(IEnumerable<ReadOnlyMemory<byte>> entries) => [.. entries.Select(e => Encoding.UTF8.GetString(e.Span))];
}
