using System.Threading.Channels;
using Workshops.Contracts;
using Workshops.Server.Realtime;

namespace Workshops.Cluster.Tests;

/// <summary>
/// The per-server reordering of a workshop's pushes (cross-server pushes arrived 19 before 18 in
/// the two-server test before it existed).
/// </summary>
public sealed class NoticeOrderTests
{
    [Fact]
    public void A_notice_that_overtook_an_earlier_one_waits_for_it()
    {
        var order = new NoticeOrder();
        var ready = new List<WorkshopNotice>();
        order.Accept(Notice("w1", 17), ready);
        order.Accept(Notice("w1", 19), ready);
        Assert.Equal([17L], ready.Select(n => n.Version));
        order.Accept(Notice("w1", 18), ready);
        Assert.Equal([17L, 18L, 19L], ready.Select(n => n.Version));
    }

    [Fact]
    public async Task A_gap_that_is_never_filled_holds_the_later_notices_only_briefly_and_late_ones_are_dropped()
    {
        var order = new NoticeOrder();
        var ready = new List<WorkshopNotice>();
        order.Accept(Notice("w1", 5), ready);
        order.Accept(Notice("w1", 7), ready);
        order.Accept(Notice("w2", 1), ready);
        order.Expire(ready);
        Assert.Equal(["w1@5", "w2@1"], ready.Select(Name));

        await Task.Delay(NoticeOrder.HoldFor + TimeSpan.FromMilliseconds(50));
        order.Expire(ready);
        Assert.Equal(["w1@5", "w2@1", "w1@7"], ready.Select(Name));

        // 6 comes after its place was given up: the browsers have resynced past it.
        order.Accept(Notice("w1", 6), ready);
        order.Accept(Notice("w1", 8), ready);
        Assert.Equal(["w1@5", "w2@1", "w1@7", "w1@8"], ready.Select(Name));
    }

    [Fact]
    public void A_grain_that_went_back_to_an_older_stored_state_starts_the_order_afresh()
    {
        var order = new NoticeOrder();
        var ready = new List<WorkshopNotice>();
        foreach (var version in new long[] { 5, 6, 7 })
        {
            order.Accept(Notice("w1", version), ready);
        }

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
        channel.Writer.TryWrite([Notice("w1", 1)]);
        channel.Writer.TryWrite([Notice("w1", 3), Notice("w2", 10)]);
        channel.Writer.TryWrite([Notice("w1", 2), Notice("w2", 11)]);
        channel.Writer.Complete();
        var read = new List<string>();
        await foreach (var notice in new NoticeOrder().ReadAsync(channel.Reader, CancellationToken.None))
        {
            read.Add(Name(notice));
        }

        Assert.Equal(["w1@1", "w1@2", "w1@3"], read.Where(n => n.StartsWith("w1", StringComparison.Ordinal)));
        Assert.Equal(["w2@10", "w2@11"], read.Where(n => n.StartsWith("w2", StringComparison.Ordinal)));
    }

    private static WorkshopNotice Notice(string workshopId, long version) => new(workshopId, version, []);

    private static string Name(WorkshopNotice notice) => notice.WorkshopId + "@" + notice.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
