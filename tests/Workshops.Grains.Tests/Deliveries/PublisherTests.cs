using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Deliveries;

/// <summary>
/// The grain's push path (WorkshopPublisher): one awaited push in flight per server, what comes
/// meanwhile sent together next, failing and silent servers dropped.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class PublisherTests(ClusterFixture fixture)
{
    private static PresentPerson Person(string participantId) => new("p:" + participantId, Role.Participant);

    private static long[] Versions(IEnumerable<WorkshopNotice> notices) => [.. notices.Select(n => n.Version)];

    [Fact]
    public async Task A_slow_server_has_one_push_in_flight_and_gets_what_was_published_meanwhile_in_the_next_push_in_order()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var slow = new GatedObserver();
        await ev.Workshop.Attach("slow", fixture.Client.CreateObjectReference<IWorkshopObserver>(slow), []);
        var fast = await ev.AttachAsync("fast");

        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await slow.WaitForCallsAsync(1);

        // The slow push holds up neither the grain's calls nor the other server.
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Gençlere staj");
        await ev.AddIdeaAsync(ev.Facilitator, "Işıklı yönlendirme", "b2");
        await ev.Workshop.EditIdea(ev.Facilitator, idea.IdeaId, "Gençlere İŞ ve staj");
        await ev.Workshop.StartTimer(ev.Facilitator, 300);
        await ev.Workshop.HideIdea(ev.Facilitator, idea.IdeaId);
        var meanwhile = await ev.NoticeNumberAsync();
        await fast.RangeAsync(1, meanwhile);
        Assert.Equal([[1L]], slow.Calls.Select(Versions));

        slow.Open();
        await slow.WaitForCallsAsync(2);
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await slow.WaitForCallsAsync(3);

        long[][] expected = [[1L], [.. Enumerable.Range(2, (int)meanwhile - 1).Select(v => (long)v)], [meanwhile + 1]];
        Assert.True(meanwhile >= 6, "five changes or more were published while the push was held");
        Assert.Equal(expected, slow.Calls.Select(Versions));
        Assert.Equal(1, slow.MostInFlight);
        Assert.All(slow.Calls.SelectMany(c => c), n => NoticeAssert.IsWellFormed(n, ev.WorkshopId));
        var fastHeard = await fast.RangeAsync(1, meanwhile + 1);
        Assert.Equal(Versions(fastHeard), Versions(slow.Calls.SelectMany(c => c)));
    }

    [Fact]
    public async Task A_server_whose_push_fails_is_dropped_with_its_people_and_the_others_still_get_every_notice()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var good = await ev.AttachAsync("good", Person("b"));
        var flaky = new FlakyObserver(failures: 1);
        var flakyReference = fixture.Client.CreateObjectReference<IWorkshopObserver>(flaky);

        // Its attach (version 2) is its first push, which fails: it is dropped, and so is "a".
        await ev.Workshop.Attach("flaky", flakyReference, [Person("a")]);
        var heard = await good.RangeAsync(1, 3);
        Assert.Equal([1, 2, 1], heard.Select(n => ((PresenceChangedEvent)NoticeAssert.To(n, Audience.Staff).Payload).Participants));
        Assert.Equal(1, (await ev.StaffViewAsync()).Participants);

        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await good.RangeAsync(4, 4);
        Assert.Equal(1, flaky.CallCount);

        // Its renewal subscribes it again: it hears the changes from there on.
        await ev.Workshop.Attach("flaky", flakyReference, [Person("a")]);
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var flakyHeard = await flaky.Received.RangeAsync(5, 6);
        var goodHeard = await good.RangeAsync(1, 6);
        Assert.Equal([5L, 6L], Versions(flakyHeard));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], Versions(goodHeard));
        Assert.Equal(2, (await ev.StaffViewAsync()).Participants);
    }

    [Fact]
    public async Task A_server_that_stops_renewing_gets_no_more_notices_once_its_subscription_expired()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var silent = await ev.AttachAsync("silent", Person("a"));
        var alive = await ev.AttachAsync("alive", Person("b"));
        await silent.RangeAsync(1, 2);

        var expiry = WorkshopGrain.SubscriptionExpiry;
        fixture.Clock.Advance(expiry * 2 / 3 + TimeSpan.FromSeconds(1));
        await ev.Workshop.Attach("alive", fixture.Client.CreateObjectReference<IWorkshopObserver>(alive), [Person("b")]);
        fixture.Clock.Advance(expiry * 2 / 3);

        // The expiry of "silent" takes "a" with it (version 3); "alive" hears that and what follows.
        await alive.WaitForAsync(n => n.Any(x => x.Version == 3), "the expiry of the silent server");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var heard = await alive.RangeAsync(2, 4);
        Assert.Equal([2L, 3L, 4L], Versions(heard));
        Assert.Equal(new PresenceChangedEvent(ev.WorkshopId, 3, 1), NoticeAssert.To(alive.Notices[1], Audience.Participants).Payload);

        // A notice for "silent" would have been sent with the one "alive" got; alive's arrival is the barrier.
        Assert.Equal([1L, 2L], Versions(silent.Notices));
    }
}
