using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;

namespace Workshops.Domain.Tests;

public sealed class VoteCommandTests
{
    private static (Scene Scene, Idea First, Idea Second) Voting(WorkshopSettings? settings = null)
    {
        var scene = Scene.Create(settings, WorkshopPhase.Brainstorm);
        var first = scene.AddIdea(scene.Facilitator, "Staj");
        var second = scene.AddIdea(scene.Facilitator, "Burs");
        scene.SetPhase(WorkshopPhase.Voting);
        return (scene, first, second);
    }

    [Fact]
    public void A_vote_raises_one_event_with_its_clientOpId_takes_no_version_and_answers_the_budget_left()
    {
        var (scene, first, _) = Voting();
        var version = scene.State.Version;

        var decision = scene.Decide((m, s, now) => VoteCommands.Cast(m, s, Scene.Participant("p1", "öğrenci"), first.IdeaId, "v1", now));

        var vote = Assert.IsType<VoteChanged>(Assert.Single(decision.Events));
        Assert.Equal(("p:p1", "öğrenci", first.IdeaId, 1, "v1"), (vote.ActorKey, vote.Group, vote.IdeaId, vote.Delta, vote.ClientOpId));
        Assert.Empty(decision.Notices);
        Assert.Equal(new VoteReceipt(first.IdeaId, 1, 2), decision.Result);
        Assert.Equal(version, scene.State.Version);
        Assert.Equal(1, scene.State.Tallies[first.IdeaId]);
        Assert.True(scene.Model.HasUnannouncedTallies);
    }

    [Fact]
    public void The_same_clientOpId_returns_the_first_receipt_in_any_phase_and_raises_nothing()
    {
        var (scene, first, second) = Voting();
        var voter = Scene.Participant("p1");
        var receipt = scene.Vote(voter, first.IdeaId, "v1");
        scene.Vote(voter, second.IdeaId, "v2");
        scene.SetPhase(WorkshopPhase.Results);
        var before = scene.Json();

        var again = scene.Decide((m, s, now) => VoteCommands.Cast(m, s, voter, first.IdeaId, "v1", now));

        Assert.Empty(again.Events);
        Assert.Equal(receipt, again.Result);
        Assert.Equal(before, scene.Json());
        scene.Refused(ErrorCodes.Conflict, (m, s, now) => VoteCommands.Retract(m, s, voter, first.IdeaId, "v1", now));
        scene.Refused(ErrorCodes.Conflict, (m, s, now) => VoteCommands.Cast(m, s, voter, second.IdeaId, "v1", now));
    }

    [Fact]
    public void Votes_beyond_the_budget_or_the_limit_per_idea_are_refused_and_change_nothing()
    {
        var (scene, first, second) = Voting(WorkshopSettings.Default with { VotesPerBoard = 2, MaxVotesPerIdea = 1 });
        var voter = Scene.Participant("p1");
        Assert.Equal(1, scene.Vote(voter, first.IdeaId, "v1").Remaining);
        scene.Refused(ErrorCodes.VoteLimit, (m, s, now) => VoteCommands.Cast(m, s, voter, first.IdeaId, "v2", now));
        Assert.Equal(0, scene.Vote(voter, second.IdeaId, "v3").Remaining);

        var third = scene.Decide((m, s, now) => IdeaCommands.Add(m, s, scene.Facilitator, new IdeaInput { BoardId = "b1", Text = "Mentorluk" }, null, now)).Result;
        scene.Refused(ErrorCodes.VoteLimit, (m, s, now) => VoteCommands.Cast(m, s, voter, third.IdeaId, "v4", now));
        Assert.Equal(2, scene.State.Actors["p:p1"].Votes.Values.Sum());
    }

    [Fact]
    public void Taking_back_a_vote_gives_the_budget_back_and_taking_back_none_is_a_conflict()
    {
        var (scene, first, _) = Voting();
        var voter = Scene.Participant("p1");
        scene.Vote(voter, first.IdeaId, "v1");

        var back = scene.Decide((m, s, now) => VoteCommands.Retract(m, s, voter, first.IdeaId, "r1", now));

        Assert.Equal(-1, Assert.IsType<VoteChanged>(Assert.Single(back.Events)).Delta);
        Assert.Equal(new VoteReceipt(first.IdeaId, 0, 3), back.Result);
        Assert.False(scene.State.Tallies.ContainsKey(first.IdeaId));
        Assert.Empty(scene.State.Actors["p:p1"].Votes);
        scene.Refused(ErrorCodes.Conflict, (m, s, now) => VoteCommands.Retract(m, s, voter, first.IdeaId, "r2", now));
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Brainstorm)]
    [InlineData(WorkshopPhase.Results)]
    [InlineData(WorkshopPhase.Closed)]
    public void Votes_are_cast_only_during_Voting(WorkshopPhase phase)
    {
        var (scene, first, _) = Voting();
        scene.SetPhase(phase);
        scene.Refused(ErrorCodes.WrongPhase, (m, s, now) => VoteCommands.Cast(m, s, Scene.Participant("p1"), first.IdeaId, "v1", now));
    }

    [Fact]
    public void Staff_do_not_vote_and_hidden_or_unknown_ideas_take_no_votes()
    {
        var (scene, first, second) = Voting();
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => VoteCommands.Cast(m, s, scene.Facilitator, first.IdeaId, "v1", now));
        scene.Refused(ErrorCodes.NotFound, (m, s, now) => VoteCommands.Cast(m, s, Scene.Participant("p1"), "i99", "v1", now));
        scene.Vote(Scene.Participant("p1"), second.IdeaId, "v0");
        scene.Decide((m, s, now) => IdeaCommands.SetVisibility(m, s, scene.Facilitator, second.IdeaId, IdeaStatus.Hidden, now));
        scene.Refused(ErrorCodes.NotFound, (m, s, now) => VoteCommands.Cast(m, s, Scene.Participant("p2"), second.IdeaId, "v1", now));

        // A vote on an idea hidden after it was cast may still be taken back.
        Assert.Equal(0, scene.Decide((m, s, now) => VoteCommands.Retract(m, s, Scene.Participant("p1"), second.IdeaId, "r1", now)).Result.MyVotes);
    }

    [Fact]
    public void A_person_remembers_at_most_the_window_of_clientOpIds_and_forgets_the_oldest()
    {
        var (scene, first, _) = Voting(WorkshopSettings.Default with { VotesPerBoard = 1 });
        var voter = Scene.Participant("p1");
        scene.Vote(voter, first.IdeaId, "op-0");
        for (var i = 1; i <= WorkshopFold.MaxOpsPerActor; i++)
        {
            var id = "op-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _ = i % 2 == 1
                ? scene.Decide((m, s, now) => VoteCommands.Retract(m, s, voter, first.IdeaId, id, now))
                : scene.Decide((m, s, now) => VoteCommands.Cast(m, s, voter, first.IdeaId, id, now));
        }

        var ops = scene.State.Actors["p:p1"].Ops;
        Assert.Equal(WorkshopFold.MaxOpsPerActor, ops.Count);
        Assert.False(ops.ContainsKey("op-0"));
        Assert.True(ops.ContainsKey("op-1"));
    }

    [Fact]
    public void A_state_read_back_without_its_memory_only_op_order_still_forgets_the_oldest_first()
    {
        var (scene, first, _) = Voting(WorkshopSettings.Default with { VotesPerBoard = 1 });
        var voter = Scene.Participant("p1");
        string Op(int i) => "op-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        VoteReceipt Step(int i) => i % 2 == 0
            ? scene.Decide((m, s, now) => VoteCommands.Cast(m, s, voter, first.IdeaId, Op(i), now)).Result
            : scene.Decide((m, s, now) => VoteCommands.Retract(m, s, voter, first.IdeaId, Op(i), now)).Result;
        for (var i = 0; i < WorkshopFold.MaxOpsPerActor; i++)
        {
            Step(i);
        }

        // As after a snapshot: the order is rebuilt from the ops' sequence numbers.
        var actor = scene.State.Actors["p:p1"];
        actor.OpOrder = null;
        for (var i = WorkshopFold.MaxOpsPerActor; i < WorkshopFold.MaxOpsPerActor + 3; i++)
        {
            Step(i);
        }

        Assert.Equal(WorkshopFold.MaxOpsPerActor, actor.Ops.Count);
        Assert.Equal([Op(0), Op(1), Op(2)], Enumerable.Range(0, 4).Select(Op).Where(id => !actor.Ops.ContainsKey(id)));

        // A re-send inside the window still answers as the first time, and changes nothing.
        var replay = scene.Decide((m, s, now) => VoteCommands.Cast(m, s, voter, first.IdeaId, Op(4), now));
        Assert.Empty(replay.Events);
        Assert.Equal(WorkshopFold.MaxOpsPerActor, actor.Ops.Count);
    }
}
