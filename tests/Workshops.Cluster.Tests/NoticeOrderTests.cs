using System.Threading.Channels;
using Workshops.Contracts;
using Workshops.Server.Realtime;

namespace Workshops.Cluster.Tests;

/// <summary>
/// The per-server reordering of a workshop's pushes (the two-server test saw 19 before 18, and
/// 2 before 1, before it existed).
/// </summary>
public sealed class NoticeOrderTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstHold = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task The_first_notices_of_a_workshop_wait_briefly_so_that_an_earlier_one_still_goes_first()
    {
        var order = new NoticeOrder(Hold, FirstHold);
        var ready = new List<WorkshopNotice>();
        order.Accept(Notice("w1", 2), ready);
        order.Accept(Notice("w1", 1), ready);
        order.Expire(ready);
        Assert.Empty(ready);

        await Task.Delay(FirstHold * 2);
        order.Expire(ready);
        order.Accept(Notice("w1", 3), ready);
        Assert.Equal([1L, 2L, 3L], ready.Select(n => n.Version));
    }

    [Fact]
    public async Task A_notice_that_overtook_an_earlier_one_waits_for_it()
    {
        var (order, ready) = await StartedAtAsync("w1", 17);
        order.Accept(Notice("w1", 19), ready);
        Assert.Equal([17L], ready.Select(n => n.Version));
        order.Accept(Notice("w1", 18), ready);
        Assert.Equal([17L, 18L, 19L], ready.Select(n => n.Version));
    }

    [Fact]
    public async Task A_gap_that_is_never_filled_holds_the_later_notices_only_briefly_and_late_ones_are_dropped()
    {
        var (order, ready) = await StartedAtAsync("w1", 5);
        order.Accept(Notice("w1", 7), ready);
        order.Expire(ready);
        Assert.Equal(["w1@5"], ready.Select(Name));

        await Task.Delay(Hold * 2);
        order.Expire(ready);
        Assert.Equal(["w1@5", "w1@7"], ready.Select(Name));

        // 6 comes after its place was given up: the browsers have resynced past it.
        order.Accept(Notice("w1", 6), ready);
        order.Accept(Notice("w1", 8), ready);
        Assert.Equal(["w1@5", "w1@7", "w1@8"], ready.Select(Name));
    }

    [Fact]
    public async Task A_grain_that_went_back_to_an_older_stored_state_starts_the_order_afresh()
    {
        var (order, ready) = await StartedAtAsync("w1", 5);
        order.Accept(Notice("w1", 6), ready);
        order.Accept(Notice("w1", 7), ready);

        // Reloaded from a state stored at version 5: 6 and 7 are used again, for other changes.
        order.Accept(Notice("w1", 6), ready);
        order.Accept(Notice("w1", 8), ready);
        order.Accept(Notice("w1", 7), ready);
        Assert.Equal([5L, 6L, 7L, 6L, 7L, 8L], ready.Select(n => n.Version));
    }

    [Fact]
    public async Task Reading_a_channel_yields_each_workshops_notices_in_version_order()
    {
        var channel = Channel.CreateUnbounded<IReadOnlyList<WorkshopNotice>>();
        var read = new List<string>();
        var order = new NoticeOrder(Hold, FirstHold);
        var reading = Task.Run(async () =>
        {
            await foreach (var notice in order.ReadAsync(channel.Reader, CancellationToken.None))
            {
                lock (read)
                {
                    read.Add(Name(notice));
                }
            }
        });
        channel.Writer.TryWrite([Notice("w1", 2), Notice("w2", 11)]);
        channel.Writer.TryWrite([Notice("w1", 1), Notice("w2", 10)]);
        await Task.Delay(FirstHold * 4);
        channel.Writer.TryWrite([Notice("w1", 4), Notice("w2", 12)]);
        channel.Writer.TryWrite([Notice("w1", 3)]);
        await Task.Delay(FirstHold * 2);
        channel.Writer.Complete();
        await reading;

        Assert.Equal(["w1@1", "w1@2", "w1@3", "w1@4"], read.Where(n => n.StartsWith("w1", StringComparison.Ordinal)));
        Assert.Equal(["w2@10", "w2@11", "w2@12"], read.Where(n => n.StartsWith("w2", StringComparison.Ordinal)));
    }

    /// <summary>An order whose stream for <paramref name="workshopId"/> has delivered <paramref name="version"/>.</summary>
    private static async Task<(NoticeOrder Order, List<WorkshopNotice> Ready)> StartedAtAsync(string workshopId, long version)
    {
        var order = new NoticeOrder(Hold, FirstHold);
        var ready = new List<WorkshopNotice>();
        order.Accept(Notice(workshopId, version), ready);
        await Task.Delay(FirstHold * 2);
        order.Expire(ready);
        Assert.Equal([version], ready.Select(n => n.Version));
        return (order, ready);
    }

    private static WorkshopNotice Notice(string workshopId, long version) => new(workshopId, version, []);

    private static string Name(WorkshopNotice notice) => notice.WorkshopId + "@" + notice.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
