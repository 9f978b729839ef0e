using System.Globalization;
using System.Text;
using Orleans.Storage;
using Workshops.Testing;

namespace Workshops.Storage.Tests;

/// <summary>
/// What every Workshops store must do, run against each provider by a subclass:
/// the provider as grains see it (keyed service of a running silo) and real grains across a silo restart.
/// </summary>
/// <typeparam name="TFixture">The store and silo under test.</typeparam>
/// <param name="fixture">The fixture.</param>
public abstract class GrainStorageConformanceTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : StorageSiloFixture
{
    private const string StateName = "state";

    /// <summary>Gets the fixture.</summary>
    protected TFixture Fixture { get; } = fixture;

    private IGrainStorage Storage => Fixture.Storage;

    [Fact]
    public async Task Reading_a_missing_state_gives_no_record_and_no_etag()
    {
        var state = new GrainState<TestState>(new TestState());

        await Storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Empty(state.State!.Items);
    }

    [Fact]
    public async Task Written_state_reads_back_equal_with_the_same_etag()
    {
        var id = NewGrainId();
        var written = new GrainState<TestState>(new TestState { Items = ["bir", "iki"], Text = "üç" });

        await Storage.WriteStateAsync(StateName, id, written);
        var read = await ReadAsync(id);

        Assert.True(written.RecordExists);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(["bir", "iki"], read.State!.Items);
        Assert.Equal("üç", read.State!.Text);
    }

    [Fact]
    public async Task Each_write_gets_a_new_etag_and_the_last_write_wins()
    {
        var id = NewGrainId();
        var state = new GrainState<TestState>(new TestState { Text = "one" });
        await Storage.WriteStateAsync(StateName, id, state);
        var firstETag = state.ETag;

        state.State!.Text = "two";
        await Storage.WriteStateAsync(StateName, id, state);

        Assert.NotEqual(firstETag, state.ETag);
        var read = await ReadAsync(id);
        Assert.Equal("two", read.State!.Text);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Clearing_removes_the_record_and_a_new_write_starts_over()
    {
        var id = NewGrainId();
        var state = new GrainState<TestState>(new TestState { Text = "to be cleared" });
        await Storage.WriteStateAsync(StateName, id, state);

        await Storage.ClearStateAsync(StateName, id, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var afterClear = await ReadAsync(id);
        Assert.False(afterClear.RecordExists);
        Assert.Null(afterClear.ETag);
        Assert.Equal("", afterClear.State!.Text);

        var again = new GrainState<TestState>(new TestState { Text = "again" });
        await Storage.WriteStateAsync(StateName, id, again);
        Assert.Equal("again", (await ReadAsync(id)).State!.Text);
    }

    [Fact]
    public async Task Clearing_a_state_that_was_never_written_is_a_no_op()
    {
        var id = NewGrainId();
        var state = new GrainState<TestState>(new TestState());

        await Storage.ClearStateAsync(StateName, id, state);

        Assert.False((await ReadAsync(id)).RecordExists);
    }

    [Fact]
    public async Task Stale_etag_write_is_refused_and_the_first_writers_state_stays()
    {
        var id = NewGrainId();
        await Storage.WriteStateAsync(StateName, id, new GrainState<TestState>(new TestState { Text = "base" }));
        var first = await ReadAsync(id);
        var second = await ReadAsync(id);
        Assert.Equal(first.ETag, second.ETag);

        first.State!.Text = "first writer";
        await Storage.WriteStateAsync(StateName, id, first);
        second.State!.Text = "second writer";

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, second));

        var stored = await ReadAsync(id);
        Assert.Equal("first writer", stored.State!.Text);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task Second_first_write_of_the_same_grain_is_refused()
    {
        var id = NewGrainId();
        var first = new GrainState<TestState>(new TestState { Text = "first writer" });
        var second = new GrainState<TestState>(new TestState { Text = "second writer" });

        await Storage.WriteStateAsync(StateName, id, first);

        // second never read the record: its null ETag claims "nothing stored yet", which is stale.
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, second));
        var stored = await ReadAsync(id);
        Assert.Equal("first writer", stored.State!.Text);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task Stale_etag_clear_is_refused_and_the_state_stays()
    {
        var id = NewGrainId();
        await Storage.WriteStateAsync(StateName, id, new GrainState<TestState>(new TestState { Text = "base" }));
        var first = await ReadAsync(id);
        var stale = await ReadAsync(id);
        first.State!.Text = "newer";
        await Storage.WriteStateAsync(StateName, id, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, id, stale));

        var stored = await ReadAsync(id);
        Assert.True(stored.RecordExists);
        Assert.Equal("newer", stored.State!.Text);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task Write_after_someone_else_cleared_is_refused()
    {
        var id = NewGrainId();
        var clearer = new GrainState<TestState>(new TestState { Text = "base" });
        await Storage.WriteStateAsync(StateName, id, clearer);
        var stale = await ReadAsync(id);
        await Storage.ClearStateAsync(StateName, id, clearer);

        stale.State!.Text = "resurrected";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, stale));

        Assert.False((await ReadAsync(id)).RecordExists);
    }

    [Fact]
    public async Task A_state_of_several_megabytes_round_trips_exactly()
    {
        var id = NewGrainId();
        var blob = new byte[6 * 1024 * 1024];
        new Random(20240611).NextBytes(blob);
        var items = Enumerable.Range(0, 20_000)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"fikir {i} – İĞÜŞÖÇ ığüşöç"))
            .ToList();
        var state = new GrainState<TestState>(new TestState { Blob = blob, Items = items });

        await Storage.WriteStateAsync(StateName, id, state);
        var read = await ReadAsync(id);

        Assert.Equal(blob.Length, read.State!.Blob.Length);
        Assert.True(blob.AsSpan().SequenceEqual(read.State!.Blob), "the blob changed on the way");
        Assert.Equal(items, read.State!.Items);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Turkish_text_round_trips_byte_for_byte()
    {
        var turkish = CultureInfo.GetCultureInfo("tr-TR");
        string[] texts =
        [
            "İ ı ş ğ ü ö ç Ş Ğ Ü Ö Ç",
            "İstanbul",
            "istanbul".ToUpper(turkish),
            "istanbul".ToUpperInvariant(),
            "ISPARTA".ToLower(turkish),
            "ISPARTA".ToLowerInvariant(),
            "I\u0307stanbul",
            "Çalıştay fikirleri: ağaç, göç, üşümek",
        ];
        Assert.NotEqual(texts[2], texts[3]);
        var id = NewGrainId();
        var state = new GrainState<TestState>(new TestState { Items = [.. texts], Text = string.Join('|', texts) });

        await Storage.WriteStateAsync(StateName, id, state);
        var read = await ReadAsync(id);

        Assert.Equal(texts.Length, read.State!.Items.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(Encoding.UTF8.GetBytes(texts[i]), Encoding.UTF8.GetBytes(read.State!.Items[i]));
        }

        Assert.Equal(Encoding.UTF8.GetBytes(state.State!.Text), Encoding.UTF8.GetBytes(read.State!.Text));
    }

    [Fact]
    public async Task Concurrent_writes_from_many_grains_all_land()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => NewGrainId()).ToArray();

        // Three rounds per grain, all grains at once: each grain's writes are sequential, as Orleans guarantees.
        await Task.WhenAll(ids.Select(async (id, index) =>
        {
            var state = new GrainState<TestState>(new TestState());
            for (var round = 0; round < 3; round++)
            {
                state.State!.Items.Add(string.Create(CultureInfo.InvariantCulture, $"{index}:{round}"));
                await Storage.WriteStateAsync(StateName, id, state);
            }
        }));

        for (var index = 0; index < ids.Length; index++)
        {
            var read = await ReadAsync(ids[index]);
            Assert.Equal(
                Enumerable.Range(0, 3).Select(round => string.Create(CultureInfo.InvariantCulture, $"{index}:{round}")),
                read.State!.Items);
        }
    }

    [Fact]
    public async Task Acknowledged_grain_writes_survive_a_silo_restart()
    {
        var store = "restart-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8];
        var keys = Enumerable.Range(0, 10).Select(i => string.Create(CultureInfo.InvariantCulture, $"atölye-{i}")).ToArray();
        var expected = keys.ToDictionary(
            key => key,
            key => Enumerable.Range(0, 5).Select(n => string.Create(CultureInfo.InvariantCulture, $"{key} fikir {n} ığüşöçİ")).ToList(),
            StringComparer.Ordinal);

        var first = await Fixture.StartSiloAsync(store);
        try
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(keys.Select(async key =>
            {
                var grain = grains.GetGrain<ITestStateGrain>(key);
                foreach (var item in expected[key])
                {
                    await grain.Append(item);
                }
            }));
        }
        finally
        {
            await TestSilo.StopAsync(first);
        }

        var second = await Fixture.StartSiloAsync(store);
        try
        {
            var grains = second.Services.GetRequiredService<IGrainFactory>();
            foreach (var key in keys)
            {
                Assert.Equal(expected[key], await grains.GetGrain<ITestStateGrain>(key).GetItems());
            }
        }
        finally
        {
            await TestSilo.StopAsync(second);
        }
    }

    private static GrainId NewGrainId() =>
        GrainId.Create("teststate", Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));

    private async Task<GrainState<TestState>> ReadAsync(GrainId id)
    {
        var state = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, id, state);
        return state;
    }
}
