using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Deliveries;

[Collection(SharedCluster.Name)]
public sealed class PresenceTests(ClusterFixture fixture)
{
    private static PresentPerson Person(string participantId) => new("p:" + participantId, Role.Participant);

    [Fact]
    public async Task Presence_counts_distinct_participants_across_servers_and_drops_a_servers_people_when_it_detaches()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var facilitatorSeat = new PresentPerson(ev.Facilitator.ActorKey, Role.Facilitator);
        var first = await ev.AttachAsync("s1", Person("a"), Person("b"), facilitatorSeat);
        Assert.Equal(2, (await ev.StaffViewAsync()).Participants);

        var second = await ev.AttachAsync("s2", Person("b"), Person("c"));
        Assert.Equal(3, (await ev.StaffViewAsync()).Participants);
        Assert.Equal(3, (await ev.Workshop.GetSummary()).Participants);

        await ev.Workshop.Detach("s1");
        Assert.Equal(2, (await ev.StaffViewAsync()).Participants);

        await ev.Workshop.Detach("s2");
        Assert.Equal(0, (await ev.StaffViewAsync()).Participants);
        Assert.Equal(4, await ev.VersionAsync());

        // A server hears the changes made while it is attached, its own attach included.
        static int Count(WorkshopNotice n) => ((PresenceChangedEvent)NoticeAssert.To(n, Audience.Participants).Payload).Participants;
        var heardByFirst = await first.RangeAsync(1, 2);
        var heardBySecond = await second.RangeAsync(2, 3);
        Assert.All(heardByFirst.Concat(heardBySecond), n => NoticeAssert.IsWellFormed(n, ev.WorkshopId));
        Assert.Equal(new[] { 2, 3 }, heardByFirst.Select(Count));
        Assert.Equal(new[] { 3, 2 }, heardBySecond.Select(Count));
        Assert.Equal(new long[] { 1, 2 }, first.Notices.Select(n => n.Version));
    }

    [Fact]
    public async Task Renewing_with_the_same_people_changes_nothing()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.AttachAsync("s1", Person("a"));
        var before = await ev.FingerprintAsync();

        await ev.AttachAsync("s1", Person("a"), new PresentPerson(ev.Moderator.ActorKey, Role.Moderator));

        Assert.Equal(before, await ev.FingerprintAsync());
        Assert.Equal(1, (await ev.StaffViewAsync()).Participants);
    }

    [Fact]
    public async Task A_server_that_stops_renewing_drops_out_with_its_people()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.AttachAsync("silent", Person("a"), Person("b"));
        var observer = new RecordingObserver();
        var alive = fixture.Client.CreateObjectReference<IWorkshopObserver>(observer);
        await ev.Workshop.Attach("alive", alive, [Person("b"), Person("c")]);
        Assert.Equal(3, (await ev.StaffViewAsync()).Participants);

        // "alive" renews within the expiry, "silent" does not.
        var expiry = WorkshopGrain.SubscriptionExpiry;
        fixture.Clock.Advance(expiry * 2 / 3 + TimeSpan.FromSeconds(1));
        await ev.Workshop.Attach("alive", alive, [Person("b"), Person("c")]);
        var version = await ev.VersionAsync();
        fixture.Clock.Advance(expiry * 2 / 3);

        await observer.WaitForAsync(n => n.Any(x => x.Version == version + 1), "the expiry of the silent server");
        var notice = Assert.Single(observer.Notices, n => n.Version == version + 1);
        Assert.Equal(new PresenceChangedEvent(ev.WorkshopId, version + 1, 2), NoticeAssert.To(notice, Audience.Participants).Payload);
        Assert.Equal(2, (await ev.StaffViewAsync()).Participants);
    }

    [Fact]
    public async Task Connecting_and_leaving_store_only_the_version_not_the_workshop()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var grainId = ev.Workshop.GetGrainId();
        var logged = (await fixture.Storage.ReadLogAsync(grainId)).Version;

        var observer = await ev.AttachAsync("s1", Person("a"), Person("b"));
        await ev.Workshop.Detach("s1");
        await ev.AttachAsync("s2", Person("c"));

        // Each presence change appends one small event that holds the count, nothing of the workshop.
        var log = await fixture.Storage.ReadLogAsync(grainId);
        Assert.Equal(logged + 3, log.Version);
        var serializer = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<Serializer>();
        var presence = log.Entries.TakeLast(3).Select(e => serializer.Deserialize<WorkshopEvent>(e)).ToList();
        Assert.Equal(new[] { 2, 0, 1 }, presence.Select(e => Assert.IsType<PresenceCounted>(e).Participants));
        Assert.Equal(3, await ev.VersionAsync());
        Assert.Equal(new long[] { 1 }, (await observer.RangeAsync(1, 1)).Select(n => n.Version));

        // The version a presence change took survives a restart: the next change is 4, not 1 again.
        await fixture.Cluster.DeactivateAsync(ev.Workshop);
        Assert.Equal(3, await ev.VersionAsync());
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        Assert.Equal(4, await ev.VersionAsync());
    }
}
