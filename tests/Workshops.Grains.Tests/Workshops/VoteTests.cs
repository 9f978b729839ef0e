using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>Dot voting with the default budget: 3 votes per board, 1 per idea.</summary>
[Collection(SharedCluster.Name)]
public sealed class VoteTests(ClusterFixture fixture)
{
    private sealed record Board(TestEvent Ev, Caller Voter, string BoardId, string OtherBoardId, IReadOnlyList<string> Ideas, string OtherBoardIdea);

    /// <summary>Four ideas on the first board, one on the second, then Voting.</summary>
    private async Task<Board> VotingAsync(WorkshopSettings? settings = null)
    {
        var ev = await TestEvent.CreateAsync(fixture, settings);
        var voter = await ev.JoinAsync("Ayşe", "Basın");
        var ideas = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ideas.Add((await ev.AddIdeaAsync(ev.Facilitator, "Fikir " + "ABCD"[i])).IdeaId);
        }

        var boards = (await ev.StaffViewAsync()).Boards;
        var other = await ev.AddIdeaAsync(ev.Facilitator, "Öteki pano", boards[1].BoardId);
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        return new Board(ev, voter, boards[0].BoardId, boards[1].BoardId, ideas, other.IdeaId);
    }

    [Fact]
    public async Task A_vote_returns_my_votes_on_the_idea_and_what_is_left_on_its_board()
    {
        var (ev, voter, board, otherBoard, ideas, _) = await VotingAsync();

        var receipt = await ev.VoteAsync(voter, ideas[0]);

        Assert.Equal(new VoteReceipt(ideas[0], 1, 2), receipt);
        var mine = await ev.Workshop.GetSnapshot(voter);
        Assert.Equal(new Dictionary<string, int> { [ideas[0]] = 1 }, mine.Me.Votes);
        Assert.Equal(new Dictionary<string, int> { [board] = 2, [otherBoard] = 3, [mine.Boards[2].BoardId] = 3 }, mine.Me.Remaining);
        Assert.Equal(voter.ParticipantId, mine.Me.ParticipantId);
        Assert.Equal(1, (await ev.StaffViewAsync()).Boards[0].Ideas[0].Votes);
    }

    [Fact]
    public async Task A_vote_beyond_the_per_idea_limit_is_refused_and_changes_nothing()
    {
        var (ev, voter, _, _, ideas, _) = await VotingAsync();
        await ev.VoteAsync(voter, ideas[0]);

        await ev.AssertRefusedAsync(ErrorCodes.VoteLimit, () => ev.VoteAsync(voter, ideas[0]), voter);
    }

    [Fact]
    public async Task A_vote_beyond_the_board_budget_is_refused_and_changes_nothing()
    {
        var (ev, voter, board, _, ideas, _) = await VotingAsync();
        Assert.Equal(2, (await ev.VoteAsync(voter, ideas[0])).Remaining);
        Assert.Equal(1, (await ev.VoteAsync(voter, ideas[1])).Remaining);
        Assert.Equal(0, (await ev.VoteAsync(voter, ideas[2])).Remaining);

        await ev.AssertRefusedAsync(ErrorCodes.VoteLimit, () => ev.VoteAsync(voter, ideas[3]), voter);

        Assert.Equal(0, (await ev.Workshop.GetSnapshot(voter)).Me.Remaining[board]);
    }

    [Fact]
    public async Task The_budget_is_per_board()
    {
        var (ev, voter, _, otherBoard, ideas, otherIdea) = await VotingAsync();
        for (var i = 0; i < 3; i++)
        {
            await ev.VoteAsync(voter, ideas[i]);
        }

        Assert.Equal(new VoteReceipt(otherIdea, 1, 2), await ev.VoteAsync(voter, otherIdea));
        Assert.Equal(2, (await ev.Workshop.GetSnapshot(voter)).Me.Remaining[otherBoard]);
    }

    [Fact]
    public async Task Several_votes_on_one_idea_up_to_the_per_idea_limit()
    {
        var (ev, voter, _, _, ideas, _) = await VotingAsync(new WorkshopSettings { VotesPerBoard = 3, MaxVotesPerIdea = 2 });

        Assert.Equal(new VoteReceipt(ideas[0], 1, 2), await ev.VoteAsync(voter, ideas[0]));
        Assert.Equal(new VoteReceipt(ideas[0], 2, 1), await ev.VoteAsync(voter, ideas[0]));
        await ev.AssertRefusedAsync(ErrorCodes.VoteLimit, () => ev.VoteAsync(voter, ideas[0]), voter);
        Assert.Equal(new VoteReceipt(ideas[1], 1, 0), await ev.VoteAsync(voter, ideas[1]));
        await ev.AssertRefusedAsync(ErrorCodes.VoteLimit, () => ev.VoteAsync(voter, ideas[2]), voter);
    }

    [Fact]
    public async Task Retracting_gives_the_vote_back()
    {
        var (ev, voter, board, _, ideas, _) = await VotingAsync();
        await ev.VoteAsync(voter, ideas[0]);
        await ev.VoteAsync(voter, ideas[1]);
        await ev.VoteAsync(voter, ideas[2]);

        Assert.Equal(new VoteReceipt(ideas[1], 0, 1), await ev.RetractAsync(voter, ideas[1]));

        var mine = await ev.Workshop.GetSnapshot(voter);
        Assert.Equal(new Dictionary<string, int> { [ideas[0]] = 1, [ideas[2]] = 1 }, mine.Me.Votes);
        Assert.Equal(1, mine.Me.Remaining[board]);
        Assert.Equal(new VoteReceipt(ideas[3], 1, 0), await ev.VoteAsync(voter, ideas[3]));
        Assert.Equal(new int?[] { 1, 0, 1, 1 }, (await ev.StaffViewAsync()).Boards[0].Ideas.Select(i => i.Votes));
    }

    [Fact]
    public async Task Retracting_without_a_vote_is_a_conflict_and_changes_nothing()
    {
        var (ev, voter, _, _, ideas, _) = await VotingAsync();
        await ev.VoteAsync(voter, ideas[0]);

        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.RetractAsync(voter, ideas[1]), voter);
        await ev.RetractAsync(voter, ideas[0]);
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.RetractAsync(voter, ideas[0]), voter);
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Brainstorm)]
    [InlineData(WorkshopPhase.Results)]
    [InlineData(WorkshopPhase.Closed)]
    public async Task Votes_are_cast_and_retracted_only_during_Voting(WorkshopPhase phase)
    {
        var (ev, voter, _, _, ideas, _) = await VotingAsync();
        await ev.VoteAsync(voter, ideas[0]);
        await ev.SetPhaseAsync(phase);

        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.VoteAsync(voter, ideas[1]), voter);
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.RetractAsync(voter, ideas[0]), voter);
    }

    [Fact]
    public async Task Staff_do_not_vote()
    {
        var (ev, _, _, _, ideas, _) = await VotingAsync();

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.VoteAsync(ev.Facilitator, ideas[0]));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.VoteAsync(ev.Moderator, ideas[0]));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.VoteAsync(Caller.Admin, ideas[0]));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.RetractAsync(ev.Facilitator, ideas[0]));
    }

    [Fact]
    public async Task A_vote_on_an_idea_that_does_not_exist_is_not_found()
    {
        var (ev, voter, _, _, _, _) = await VotingAsync();

        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.VoteAsync(voter, "i999"), voter);
        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.VoteAsync(voter, null!), voter);
    }

    [Fact]
    public async Task A_vote_on_a_hidden_idea_is_not_found()
    {
        var (ev, voter, _, _, ideas, _) = await VotingAsync();
        await ev.Workshop.HideIdea(ev.Facilitator, ideas[0]);

        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.VoteAsync(voter, ideas[0]), voter);
    }

    [Fact]
    public async Task A_vote_on_an_idea_hidden_after_it_was_cast_can_be_taken_back()
    {
        var (ev, voter, board, _, ideas, _) = await VotingAsync();
        await ev.VoteAsync(voter, ideas[0]);
        await ev.Workshop.HideIdea(ev.Facilitator, ideas[0]);

        Assert.Equal(new VoteReceipt(ideas[0], 0, 3), await ev.RetractAsync(voter, ideas[0]));
        Assert.Equal(3, (await ev.Workshop.GetSnapshot(voter)).Me.Remaining[board]);
        Assert.Equal(0, (await ev.StaffViewAsync()).Boards[0].Ideas.Single(i => i.IdeaId == ideas[0]).Votes);
    }

    [Fact]
    public async Task A_vote_on_a_merged_idea_is_a_conflict()
    {
        var (ev, voter, _, _, ideas, _) = await VotingAsync();
        await ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[1]]);

        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.VoteAsync(voter, ideas[1]), voter);
    }
}
