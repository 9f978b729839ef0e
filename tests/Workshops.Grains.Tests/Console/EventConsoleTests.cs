using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Console;

/// <summary>The event grain's side of the organizer's console: edits, keys, join codes, deletion, the directory.</summary>
[Collection(SharedCluster.Name)]
public sealed class EventConsoleTests(ClusterFixture fixture)
{
    private static EventProgram Edited(TestEvent ev, string title, params WorkshopProgram[] workshops) =>
        ev.Program with { Title = title, Workshops = [.. workshops] };

    private static WorkshopProgram Kept(TestEvent ev, int index, string? title = null) =>
        new() { WorkshopId = ev.Created.Workshops[index].WorkshopId, Title = title ?? ev.Created.Workshops[index].Title };

    [Fact]
    public async Task Created_events_are_in_the_directory_newest_first_and_leave_it_when_deleted()
    {
        var first = await TestEvent.CreateAsync(fixture);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await TestEvent.CreateAsync(fixture);
        var directory = fixture.Client.GetGrain<IEventDirectoryGrain>(0);

        var listed = await directory.List();
        Assert.True(listed.ToList().IndexOf(second.EventId) < listed.ToList().IndexOf(first.EventId));
        Assert.Contains(first.EventId, listed);

        await first.Event.Delete(Caller.Admin);

        Assert.DoesNotContain(first.EventId, await directory.List());
        Assert.Null(await first.Event.GetListing());
        Assert.Equal(EventListing.Open, (await second.Event.GetListing())!.Status);
    }

    [Fact]
    public async Task Listing_counts_people_ideas_votes_and_is_closed_when_every_workshop_is()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        var person = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = await ev.AddIdeaAsync(person, "Gençlere kent bostanı");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(person, idea.IdeaId);

        var listing = (await ev.Event.GetListing())!;
        Assert.Equal((2, 1, 1, 1, EventListing.Open), (listing.Workshops, listing.Participants, listing.Ideas, listing.Votes, listing.Status));

        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        await ev.WorkshopAt(1).SetPhase(ev.FacilitatorOf(1), "Closed");
        Assert.Equal(EventListing.Closed, (await ev.Event.GetListing())!.Status);
    }

    [Fact]
    public async Task Edit_by_a_facilitator_or_a_foreign_moderator_is_forbidden_and_changes_nothing()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        var before = Canonical.Json(await ev.Event.GetSummary(Caller.Admin));
        var foreign = new Caller(Role.Moderator, "eother", null, null, null, null);

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.Update(ev.Facilitator, Edited(ev, "X", Kept(ev, 0), Kept(ev, 1))));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.Update(foreign, Edited(ev, "X", Kept(ev, 0), Kept(ev, 1))));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.RotateKey(ev.Moderator, Role.Moderator, null));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.NewJoinCode(ev.Facilitator));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.Delete(ev.Moderator));

        Assert.Equal(before, Canonical.Json(await ev.Event.GetSummary(Caller.Admin)));
    }

    [Fact]
    public async Task Removing_a_workshop_with_an_idea_is_wrong_phase_and_leaves_every_workshop_as_it_was()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        await ev.WorkshopAt(1).AddIdea(ev.FacilitatorOf(1), new IdeaInput { BoardId = "b1", Text = "Kalmalı" });
        var before = Canonical.Json(await ev.Event.GetSummary(Caller.Admin));

        await Refusal.ExpectAsync(ErrorCodes.WrongPhase, () => ev.Event.Update(ev.Moderator, Edited(ev, "Yeni", Kept(ev, 0, "Yeni ad"))));
        await Refusal.ExpectAsync(ErrorCodes.WrongPhase, () => ev.Event.Update(ev.Moderator, Edited(ev, "Yeni", Kept(ev, 0), Kept(ev, 1)) with { OutputAreas = ["Tek alan"] }));

        Assert.Equal(before, Canonical.Json(await ev.Event.GetSummary(Caller.Admin)));
    }

    [Fact]
    public async Task Edit_tells_each_workshop_with_a_version_and_a_removed_workshop_is_erased()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        var observer = await ev.AttachAsync("server-a");
        var version = await ev.VersionAsync();

        var updated = await ev.Event.Update(Caller.Admin, Edited(ev, "Yeni Başlık", Kept(ev, 0, "Yeni ad"), new WorkshopProgram { Title = "Eklenen" }));

        Assert.Equal([ev.WorkshopId, ev.EventId + "-w3"], updated.Workshops.Select(w => w.WorkshopId));
        Assert.Null(updated.Workshops[0].FacilitatorKey);
        Assert.StartsWith("fac_", updated.Workshops[1].FacilitatorKey, StringComparison.Ordinal);
        await observer.WaitForAsync(n => n.Any(x => x.Version == version + 1 && x.Deliveries.Any(d => d.Method == EventNames.EventChanged)), "eventChanged");
        Assert.Equal("Yeni ad", (await ev.StaffViewAsync()).Title);
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ev.WorkshopAt(1).GetSummary());
        Assert.False(await fixture.Storage.HoldsLogAsync(ev.WorkshopAt(1).GetGrainId()));
        Assert.True(await fixture.Storage.HoldsLogAsync(ev.Workshop.GetGrainId()));
        var access = await ev.Event.GetAccess();
        Assert.Equal([ev.WorkshopId, ev.EventId + "-w3"], access.FacilitatorKeyGenerations.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rotating_a_key_moves_the_generation_on_and_forgets_the_old_key()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        var oldKey = fixture.Client.GetGrain<ICredentialGrain>(Secrets.HashKey(ev.Created.Workshops[0].FacilitatorKey));
        Assert.NotNull(await oldKey.Get());

        var key = await ev.Event.RotateKey(ev.Moderator, Role.Facilitator, ev.WorkshopId);

        Assert.Null(await oldKey.Get());
        var fresh = (await fixture.Client.GetGrain<ICredentialGrain>(Secrets.HashKey(key)).Get())!;
        Assert.Equal((Role.Facilitator, ev.EventId, ev.WorkshopId, 1), (fresh.Role, fresh.EventId, fresh.WorkshopId, fresh.Generation));
        var access = await ev.Event.GetAccess();
        Assert.False(access.Honours(Role.Facilitator, ev.WorkshopId, 0));
        Assert.True(access.Honours(Role.Facilitator, ev.WorkshopId, 1));
        Assert.True(access.Honours(Role.Facilitator, ev.Created.Workshops[1].WorkshopId, 0));
        Assert.True(access.Honours(Role.Moderator, null, 0));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ev.Event.RotateKey(Caller.Admin, Role.Facilitator, "enosuch-w9"));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.RotateKey(Caller.Admin, Role.Participant, null));
    }

    [Fact]
    public async Task A_new_join_code_frees_the_old_one()
    {
        var ev = await TestEvent.CreateAsync(fixture);

        var code = await ev.Event.NewJoinCode(ev.Moderator);

        Assert.Null(await fixture.Client.GetGrain<IJoinCodeGrain>(ev.Created.JoinCode).GetEventId());
        Assert.Equal(ev.EventId, await fixture.Client.GetGrain<IJoinCodeGrain>(code).GetEventId());
        Assert.Equal(code, (await ev.Event.GetSummary(Caller.Admin)).JoinCode);
    }

    [Fact]
    public async Task Deleting_clears_the_stored_state_of_the_event_its_workshops_keys_and_join_code()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        await ev.AddIdeaAsync(ev.Facilitator, "Silinecek");
        Assert.True(await fixture.Storage.HoldsAsync<EventState>("event", ev.Event.GetGrainId()));
        Assert.True(await fixture.Storage.HoldsLogAsync(ev.Workshop.GetGrainId()));

        await ev.Event.Delete(Caller.Admin);

        Assert.False(await fixture.Storage.HoldsAsync<EventState>("event", ev.Event.GetGrainId()));
        foreach (var workshop in ev.Created.Workshops)
        {
            Assert.False(await fixture.Storage.HoldsLogAsync(fixture.Client.GetGrain<IWorkshopGrain>(workshop.WorkshopId).GetGrainId()));
            Assert.Null(await fixture.Client.GetGrain<ICredentialGrain>(Secrets.HashKey(workshop.FacilitatorKey)).Get());
        }

        Assert.Null(await fixture.Client.GetGrain<ICredentialGrain>(Secrets.HashKey(ev.Created.ModeratorKey)).Get());
        Assert.Null(await fixture.Client.GetGrain<IJoinCodeGrain>(ev.Created.JoinCode).GetEventId());
        Assert.False((await ev.Event.GetAccess()).Exists);
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ev.Event.GetSummary(Caller.Admin));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ev.Workshop.GetSnapshot(Caller.Admin));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ev.Event.Join(null, "Geç kalan", null, null));
    }
}
