using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>A token never reaches beyond its own event or workshop.</summary>
[Collection(SharedCluster.Name)]
public sealed class ScopeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_participant_of_another_event_is_forbidden()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var elsewhere = await TestEvent.CreateAsync(fixture);
        var stranger = await elsewhere.JoinAsync("Yabancı");
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Fikir");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.GetSnapshot(stranger));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.AddIdeaAsync(stranger, "Sızma"));
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.VoteAsync(stranger, idea.IdeaId));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.GetSummary(stranger));
    }

    [Fact]
    public async Task A_moderator_of_another_event_is_forbidden()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var elsewhere = await TestEvent.CreateAsync(fixture);

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.GetSnapshot(elsewhere.Moderator));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.SetPhase(elsewhere.Moderator, "Brainstorm"));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.GetExport(elsewhere.Moderator));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.GetExport(elsewhere.Moderator));
    }

    [Fact]
    public async Task A_facilitator_of_another_workshop_is_forbidden()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        var neighbour = ev.FacilitatorOf(1);

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.GetSnapshot(neighbour));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.SetPhase(neighbour, "Brainstorm"));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.AddIdeaAsync(neighbour, "Komşu fikri"));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.GetExport(neighbour));

        // The right workshop id under another event's name is no better.
        var forged = ev.Facilitator with { EventId = TestEvent.NewId() };
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.SetPhase(forged, "Brainstorm"));
    }

    [Fact]
    public async Task The_moderator_steers_every_workshop_of_the_event()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);

        await ev.WorkshopAt(1).SetPhase(ev.Moderator, "Voting");

        Assert.Equal(WorkshopPhase.Voting, (await ev.WorkshopAt(1).GetSnapshot(ev.FacilitatorOf(1))).Phase);
        Assert.Equal(WorkshopPhase.Setup, (await ev.StaffViewAsync()).Phase);
    }

    [Fact]
    public async Task A_participant_token_without_a_participant_id_is_forbidden()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var nobody = new Caller(Role.Participant, ev.EventId, null, null, null, null);

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.GetSnapshot(nobody));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.GetSnapshot(nobody with { ParticipantId = "" }));
    }

    [Fact]
    public async Task A_workshop_that_does_not_exist_is_not_found()
    {
        var ghost = fixture.Client.GetGrain<IWorkshopGrain>(TestEvent.NewId("w"));
        var caller = new Caller(Role.Participant, TestEvent.NewId(), null, "p1", null, null);

        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ghost.GetSnapshot(Caller.Admin));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ghost.GetSnapshot(caller));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ghost.AddIdea(caller, new IdeaInput { BoardId = "b1", Text = "Fikir" }));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ghost.SetPhase(Caller.Admin, "Voting"));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ghost.GetSummary());
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => ghost.GetExport(Caller.Admin));
        Assert.Equal(0, fixture.Storage.WritesOf(ghost.GetGrainId()));
    }

    [Fact]
    public async Task Only_the_moderator_and_admin_export_the_event_and_only_staff_see_the_join_code()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        var participant = await ev.JoinAsync("Ayşe");

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.GetExport(participant));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Event.GetExport(ev.Facilitator));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.GetExport(participant), participant);

        var export = await ev.Event.GetExport(ev.Moderator);
        Assert.Equal(ev.Created.Workshops.Select(w => w.WorkshopId), export.Workshops.Select(w => w.WorkshopId));
        Assert.Equal(fixture.Clock.GetUtcNow(), export.ExportedAt);
        Assert.Equal(2, (await ev.Event.GetExport(Caller.Admin)).Workshops.Count);

        Assert.Null((await ev.Event.GetSummary(participant)).JoinCode);
        Assert.Equal(ev.Created.JoinCode, (await ev.Event.GetSummary(ev.Facilitator)).JoinCode);
        Assert.Equal(ev.Created.JoinCode, (await ev.Event.GetSummary(ev.Moderator)).JoinCode);
    }
}
