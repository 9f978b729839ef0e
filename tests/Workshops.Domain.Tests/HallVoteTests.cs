using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;

namespace Workshops.Domain.Tests;

public sealed class HallVoteTests
{
    private static Decision<Idea> SetHall(Scene scene, Caller caller, string ideaId, int count) =>
        scene.Decide((m, s, now) => HallVoteCommands.Set(m, s, caller, ideaId, count, now));

    private static (Scene Scene, Idea Idea) VotingScene(WorkshopSettings? settings = null)
    {
        var scene = Scene.Create(settings, WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(scene.Facilitator, "Staj");
        scene.SetPhase(WorkshopPhase.Voting);
        return (scene, idea);
    }

    [Fact]
    public void Hall_votes_replace_the_previous_count_and_are_audited_from_and_to()
    {
        var (scene, idea) = VotingScene();

        var first = SetHall(scene, scene.Facilitator, idea.IdeaId, 12);
        scene.Now = scene.Now.AddMinutes(1);
        var second = SetHall(scene, scene.Moderator, idea.IdeaId, 30);

        Assert.Equal(12, first.Result.HallVotes);
        Assert.Equal(30, second.Result.HallVotes);
        var set = Assert.IsType<HallVotesSet>(Assert.Single(second.Events));
        Assert.Equal((idea.IdeaId, 30, 12), (set.IdeaId, set.Count, set.Previous));
        Assert.Equal(30, scene.State.FindIdea(idea.IdeaId)!.HallVotes);
        var audit = scene.State.Audit.Where(a => a.Action == "hall-votes").ToList();
        Assert.Equal(2, audit.Count);
        Assert.Equal((Role.Facilitator, idea.IdeaId, "0 → 12"), (audit[0].Role, audit[0].IdeaId, audit[0].Detail));
        Assert.Equal((Role.Moderator, idea.IdeaId, "12 → 30", scene.Now), (audit[1].Role, audit[1].IdeaId, audit[1].Detail, audit[1].At));
    }

    [Fact]
    public void The_same_count_again_raises_nothing()
    {
        var (scene, idea) = VotingScene();
        SetHall(scene, scene.Facilitator, idea.IdeaId, 7);
        var audits = scene.State.Audit.Count;

        var again = SetHall(scene, scene.Facilitator, idea.IdeaId, 7);

        Assert.Empty(again.Events);
        Assert.Empty(again.Notices);
        Assert.Equal(7, again.Result.HallVotes);
        Assert.Equal(audits, scene.State.Audit.Count);
    }

    [Fact]
    public void Counts_outside_0_to_100000_are_invalid_and_change_nothing()
    {
        var (scene, idea) = VotingScene();
        SetHall(scene, scene.Facilitator, idea.IdeaId, 100_000);
        SetHall(scene, scene.Facilitator, idea.IdeaId, 0);
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => HallVoteCommands.Set(m, s, scene.Facilitator, idea.IdeaId, -1, now));
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => HallVoteCommands.Set(m, s, scene.Facilitator, idea.IdeaId, 100_001, now));
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Brainstorm)]
    [InlineData(WorkshopPhase.Closed)]
    public void Hall_votes_outside_Voting_and_Results_are_the_wrong_phase(WorkshopPhase phase)
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(scene.Facilitator, "Staj");
        scene.SetPhase(phase);
        scene.Refused(ErrorCodes.WrongPhase, (m, s, now) => HallVoteCommands.Set(m, s, scene.Facilitator, idea.IdeaId, 3, now));
    }

    [Fact]
    public void Hall_votes_are_accepted_in_Results()
    {
        var (scene, idea) = VotingScene();
        scene.SetPhase(WorkshopPhase.Results);
        Assert.Equal(4, SetHall(scene, scene.Facilitator, idea.IdeaId, 4).Result.HallVotes);
    }

    [Fact]
    public void Participants_and_staff_of_other_workshops_may_not_set_hall_votes()
    {
        var (scene, idea) = VotingScene();
        var otherFacilitator = new Caller(Role.Facilitator, Scene.EventId, "w2", null, null, null);
        var otherModerator = new Caller(Role.Moderator, "e2", null, null, null, null);
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => HallVoteCommands.Set(m, s, Scene.Participant("p1"), idea.IdeaId, 3, now));
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => HallVoteCommands.Set(m, s, otherFacilitator, idea.IdeaId, 3, now));
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => HallVoteCommands.Set(m, s, otherModerator, idea.IdeaId, 3, now));
    }

    [Fact]
    public void An_unknown_or_deleted_idea_is_not_found_and_a_merged_one_is_a_conflict()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var target = scene.AddIdea(scene.Facilitator, "Staj");
        var merged = scene.AddIdea(scene.Facilitator, "Staj programı");
        var deleted = scene.AddIdea(scene.Facilitator, "Silinecek");
        scene.Decide((m, s, now) => IdeaCommands.Merge(m, s, scene.Facilitator, target.IdeaId, [merged.IdeaId], now));
        scene.Decide((m, s, now) => IdeaCommands.Delete(m, s, scene.Facilitator, deleted.IdeaId, now));
        scene.SetPhase(WorkshopPhase.Voting);

        scene.Refused(ErrorCodes.NotFound, (m, s, now) => HallVoteCommands.Set(m, s, scene.Facilitator, "i99", 3, now));
        scene.Refused(ErrorCodes.NotFound, (m, s, now) => HallVoteCommands.Set(m, s, scene.Facilitator, deleted.IdeaId, 3, now));
        scene.Refused(ErrorCodes.Conflict, (m, s, now) => HallVoteCommands.Set(m, s, scene.Facilitator, merged.IdeaId, 3, now));
    }

    [Fact]
    public void A_paper_idea_from_staff_is_marked_paper_and_a_participant_may_not_pass_paper()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);

        var paper = scene.Decide((m, s, now) => IdeaCommands.Add(m, s, scene.Facilitator, new IdeaInput { BoardId = "b1", Text = "Kâğıttan", Source = "paper" }, null, now));
        var digital = scene.AddIdea(Scene.Participant("p1"), "Telefondan");

        Assert.Equal(IdeaSource.Paper, paper.Result.Source);
        Assert.Equal(IdeaSource.Paper, Assert.IsType<IdeaAdded>(paper.Events[0]).Source);
        Assert.Equal(IdeaSource.Digital, digital.Source);
        Assert.Equal(("add-paper", paper.Result.IdeaId), (scene.State.Audit[^1].Action, scene.State.Audit[^1].IdeaId));
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => IdeaCommands.Add(m, s, Scene.Participant("p1"), new IdeaInput { BoardId = "b1", Text = "Sahte kâğıt", Source = "paper" }, null, now));
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => IdeaCommands.Add(m, s, scene.Facilitator, new IdeaInput { BoardId = "b1", Text = "?", Source = "Paper" }, null, now));
    }

    [Fact]
    public void An_idea_added_before_sources_existed_reads_as_digital()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var old = new IdeaAdded { Position = scene.State.Position + 1, IdeaId = "i1", BoardId = "b1", Text = "Eski", AuthorKey = "p:p1" };
        WorkshopFold.Apply(scene.State, old);
        Assert.Equal(IdeaSource.Digital, scene.State.FindIdea("i1")!.Source);
    }

    [Fact]
    public void Ideas_and_the_top_voted_output_rank_by_digital_plus_hall_votes()
    {
        var scene = Scene.Create(WorkshopSettings.Default with { VotesPerBoard = 3 }, WorkshopPhase.Brainstorm);
        var phones = scene.AddIdea(scene.Facilitator, "Telefon");
        var hall = scene.AddIdea(scene.Facilitator, "Salon");
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Vote(Scene.Participant("p1"), phones.IdeaId, "v1");
        scene.Vote(Scene.Participant("p2"), phones.IdeaId, "v2");
        Assert.Equal(phones.IdeaId, WorkshopViews.OutputOf(scene.State, "b1", forStaff: true).SourceIdeaIds[0]);

        SetHall(scene, scene.Facilitator, hall.IdeaId, 3);

        var output = WorkshopViews.OutputOf(scene.State, "b1", forStaff: true);
        Assert.Equal((hall.IdeaId, 3, 3), (output.SourceIdeaIds[0], output.Votes, output.HallVotes));
        var export = WorkshopViews.Export(scene.State, Scene.WorkshopId);
        var ideas = export.Boards[0].Ideas;
        Assert.Equal(new[] { (hall.IdeaId, 0, 3), (phones.IdeaId, 2, 0) }, ideas.Select(i => (i.IdeaId, i.Votes, i.HallVotes)));
        Assert.Equal((2, 3), (export.Votes, export.HallVotes));
        Assert.Equal((3, 3), (export.Outputs[0].Votes, export.Outputs[0].HallVotes));
    }

    [Fact]
    public void A_chosen_outputs_votes_add_the_hall_votes_of_its_ideas()
    {
        var (scene, idea) = VotingScene();
        scene.Vote(Scene.Participant("p1"), idea.IdeaId, "v1");
        SetHall(scene, scene.Facilitator, idea.IdeaId, 5);
        var output = scene.Decide((m, s, now) => SteeringCommands.SetOutput(m, s, scene.Facilitator, "b1", new OutputInput { Text = "Staj", SourceIdeaIds = [idea.IdeaId] }, now)).Result;
        Assert.Equal((6, 5), (output.Votes, output.HallVotes));
    }

    [Fact]
    public void Consensus_ignores_hall_votes()
    {
        var (scene, idea) = VotingScene();
        var before = WorkshopViews.ConsensusOf(scene.State, "b1").For(idea.IdeaId);
        SetHall(scene, scene.Facilitator, idea.IdeaId, 50);
        var after = WorkshopViews.ConsensusOf(scene.State, "b1").For(idea.IdeaId);
        Assert.Equal(before.Consensus, after.Consensus);
        Assert.Equal(before.Support.Count, after.Support.Count);
    }

    [Fact]
    public void Merging_moves_the_hall_votes_to_the_target()
    {
        var (scene, target) = VotingScene();
        scene.SetPhase(WorkshopPhase.Brainstorm);
        var source = scene.AddIdea(scene.Facilitator, "Staj 2");
        scene.SetPhase(WorkshopPhase.Voting);
        SetHall(scene, scene.Facilitator, target.IdeaId, 4);
        SetHall(scene, scene.Facilitator, source.IdeaId, 6);
        scene.Decide((m, s, now) => IdeaCommands.Merge(m, s, scene.Facilitator, target.IdeaId, [source.IdeaId], now));
        Assert.Equal((10, 0), (scene.State.FindIdea(target.IdeaId)!.HallVotes, scene.State.FindIdea(source.IdeaId)!.HallVotes));
    }

    [Fact]
    public void While_results_are_hidden_a_hall_count_takes_no_version_and_only_staff_hear_of_it_on_the_tally_stream()
    {
        var (scene, idea) = VotingScene();
        var version = scene.State.Version;

        var set = SetHall(scene, scene.Facilitator, idea.IdeaId, 9);

        Assert.Empty(set.Notices);
        Assert.Equal(version, scene.State.Version);
        Assert.False(Assert.IsType<HallVotesSet>(Assert.Single(set.Events)).TakesVersion);
        var announced = scene.Model.AnnounceTallies(scene.State, scene.Now);
        Assert.NotNull(announced);
        var delivery = Assert.Single(Assert.Single(announced.Notices).Deliveries);
        Assert.Equal(Audience.Staff, delivery.Audience);
        var tallies = Assert.IsType<TalliesChangedEvent>(delivery.Payload);
        Assert.Equal(9, tallies.HallVotes![idea.IdeaId]);
        Assert.Equal((9, 9), (tallies.Outputs![0].Votes, tallies.Outputs[0].HallVotes));
        var participantView = WorkshopViews.Snapshot(scene.State, Scene.WorkshopId, Scene.Participant("p1"), 0).Boards[0].Ideas[0];
        Assert.Null(participantView.HallVotes);
        Assert.Null(participantView.Votes);
    }

    [Fact]
    public void While_results_are_shown_a_hall_count_takes_a_version_and_everyone_gets_ideaChanged()
    {
        var (scene, idea) = VotingScene();
        scene.SetPhase(WorkshopPhase.Results);
        var version = scene.State.Version;

        var set = SetHall(scene, scene.Facilitator, idea.IdeaId, 9);

        Assert.True(Assert.IsType<HallVotesSet>(set.Events[0]).TakesVersion);
        var changed = set.Notices[0].Deliveries;
        Assert.Equal(new[] { Audience.Staff, Audience.Participants }, changed.Select(d => d.Audience));
        Assert.All(changed, d => Assert.Equal(EventNames.IdeaChanged, d.Method));
        var toParticipants = Assert.IsType<IdeaEvent>(changed[1].Payload);
        Assert.Equal((version + 1, 9, 0), (toParticipants.Version, toParticipants.Idea.HallVotes, toParticipants.Idea.Votes));
        var output = Assert.IsType<OutputChangedEvent>(set.Notices[1].Deliveries[1].Payload);
        Assert.Equal((version + 2, 9), (output.Version, output.Output.Votes));
        Assert.Equal(version + 2, scene.State.Version);
    }

    [Fact]
    public void When_results_become_visible_participants_get_the_hall_counts_with_the_digital_ones()
    {
        var (scene, idea) = VotingScene();
        SetHall(scene, scene.Facilitator, idea.IdeaId, 9);

        var shown = scene.Decide((m, s, now) => SteeringCommands.SetPhase(m, s, scene.Facilitator, "Results", now));

        var tallies = shown.Notices[0].Deliveries.Where(d => d.Method == EventNames.TalliesChanged).Select(d => d.Payload).OfType<TalliesChangedEvent>().Single();
        Assert.Equal(9, tallies.HallVotes![idea.IdeaId]);
    }

    [Fact]
    public void Hall_votes_fold_again_to_the_same_state()
    {
        var (scene, idea) = VotingScene();
        SetHall(scene, scene.Facilitator, idea.IdeaId, 9);
        scene.SetPhase(WorkshopPhase.Results);
        SetHall(scene, scene.Facilitator, idea.IdeaId, 11);
        var before = scene.Json();

        foreach (var e in scene.Log)
        {
            WorkshopFold.Apply(scene.State, e);
        }

        Assert.Equal(before, scene.Json());
        Assert.Equal(before, Scene.Json(WorkshopFold.Replay(scene.Log)));
    }
}
