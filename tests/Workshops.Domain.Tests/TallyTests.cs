using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;
using Workshops.Domain.State;

namespace Workshops.Domain.Tests;

public sealed class TallyTests
{
    [Fact]
    public void While_results_are_hidden_only_staff_get_the_announcement_and_only_their_seq_moves()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(scene.Facilitator, "Staj");
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Vote(Scene.Participant("p1"), idea.IdeaId, "v1");
        scene.Vote(Scene.Participant("p2"), idea.IdeaId, "v1");

        var announced = scene.Model.AnnounceTallies(scene.State, scene.Now);

        Assert.NotNull(announced);
        Assert.False(Assert.IsType<TalliesAnnounced>(Assert.Single(announced.Events)).ToParticipants);
        var delivery = Assert.Single(Assert.Single(announced.Notices).Deliveries);
        Assert.Equal(Audience.Staff, delivery.Audience);
        var tallies = Assert.IsType<TalliesChangedEvent>(delivery.Payload);
        Assert.Equal((1L, 2), (tallies.Seq, tallies.Tallies[idea.IdeaId]));
        Assert.Equal((1L, 0L), (scene.State.StaffTallySeq, scene.State.ParticipantTallySeq));
        Assert.Null(scene.Model.AnnounceTallies(scene.State, scene.Now));
    }

    [Fact]
    public void With_live_results_participants_get_their_own_seq_too()
    {
        var scene = Scene.Create(WorkshopSettings.Default with { LiveResults = true }, WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(scene.Facilitator, "Staj");
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Vote(Scene.Participant("p1"), idea.IdeaId, "v1");

        var announced = scene.Model.AnnounceTallies(scene.State, scene.Now);

        Assert.NotNull(announced);
        Assert.True(Assert.IsType<TalliesAnnounced>(Assert.Single(announced.Events)).ToParticipants);
        Assert.Equal(new[] { Audience.Staff, Audience.Participants }, announced.Notices[0].Deliveries.Select(d => d.Audience));
        Assert.Equal(1, ((TalliesChangedEvent)announced.Notices[0].Deliveries[1].Payload).Seq);
        Assert.Equal((1L, 1L), (scene.State.StaffTallySeq, scene.State.ParticipantTallySeq));
    }

    [Fact]
    public void Showing_results_gives_participants_every_count_with_the_phase_change_under_their_next_seq()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(scene.Facilitator, "Staj");
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Vote(Scene.Participant("p1"), idea.IdeaId, "v1");

        var shown = scene.Decide((m, s, now) => SteeringCommands.SetPhase(m, s, scene.Facilitator, "Results", now));

        var phaseNotice = shown.Notices[0];
        Assert.Equal(new[] { EventNames.PhaseChanged, EventNames.PhaseChanged, EventNames.TalliesChanged }, phaseNotice.Deliveries.Select(d => d.Method));
        var tallies = Assert.IsType<TalliesChangedEvent>(phaseNotice.Deliveries[2].Payload);
        Assert.Equal((1L, 1), (tallies.Seq, tallies.Tallies[idea.IdeaId]));
        Assert.Equal(1, scene.State.ParticipantTallySeq);

        // The fold moves the seq with the phase change, so a replay agrees.
        Assert.Equal(1, WorkshopFold.Replay(scene.Log).ParticipantTallySeq);
    }

    [Fact]
    public void Participants_never_see_hidden_ideas_or_tallies_before_results()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var shown = scene.AddIdea(scene.Facilitator, "Görünen");
        var hidden = scene.AddIdea(scene.Facilitator, "Gizlenen");
        scene.Decide((m, s, now) => IdeaCommands.SetVisibility(m, s, scene.Facilitator, hidden.IdeaId, IdeaStatus.Hidden, now));
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Vote(Scene.Participant("p1"), shown.IdeaId, "v1");

        var participant = WorkshopViews.Snapshot(scene.State, Scene.WorkshopId, Scene.Participant("p2"), presence: 4);
        var staff = WorkshopViews.Snapshot(scene.State, Scene.WorkshopId, scene.Facilitator, presence: 4);

        Assert.Equal(new[] { shown.IdeaId }, participant.Boards[0].Ideas.Select(i => i.IdeaId));
        Assert.Null(participant.Boards[0].Ideas[0].Votes);
        Assert.Equal("", participant.Outputs[0].Text);
        Assert.Equal(new int?[] { 1, 0 }, staff.Boards[0].Ideas.Select(i => i.Votes));
        Assert.Equal(("Görünen", 4, 3), (staff.Outputs[0].Text, staff.Participants, participant.Me.Remaining["b1"]));
        Assert.Equal(1, WorkshopViews.Summary(scene.State, Scene.WorkshopId, 4).Ideas);
        Assert.Equal(1, WorkshopViews.Export(scene.State, Scene.WorkshopId).Votes);
    }

    [Fact]
    public void A_model_that_starts_from_a_stored_state_announces_every_count_once()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(scene.Facilitator, "Staj");
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Vote(Scene.Participant("p1"), idea.IdeaId, "v1");
        var restarted = new WorkshopModel(Scene.WorkshopId);
        var state = WorkshopFold.Replay(scene.Log);

        restarted.Loaded(state);

        Assert.True(restarted.HasUnannouncedTallies);
        var announced = restarted.AnnounceTallies(state, scene.Now);
        Assert.NotNull(announced);
        Assert.Equal(1, ((TalliesChangedEvent)announced.Notices[0].Deliveries[0].Payload).Tallies[idea.IdeaId]);
        Assert.False(restarted.HasUnannouncedTallies);
        Assert.Equal(0, new WorkshopModelState().StaffTallySeq);
    }
}
