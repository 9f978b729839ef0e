using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class MergeTests(ClusterFixture fixture)
{
    private sealed record Voted(TestEvent Ev, Caller A, Caller B, Caller C, string[] Ideas, string OtherBoardIdea);

    /// <summary>Ideas 0..3 on the first board, one on the second. Votes: 0←A; 1←A,B; 2←B,C.</summary>
    private async Task<Voted> VotedAsync()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var a = await ev.JoinAsync("Ayşe", "Basın");
        var b = await ev.JoinAsync("Burak", "Kamu kurumu");
        var c = await ev.JoinAsync("Cem");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var ideas = new List<string>();
        foreach (var (who, text) in new[] { (a, "Staj"), (b, "Ücretli staj"), (c, "Staj desteği"), (a, "Burs") })
        {
            ideas.Add((await ev.AddIdeaAsync(who, text)).IdeaId);
        }

        var other = await ev.AddIdeaAsync(a, "Başka pano", "b2");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(a, ideas[0]);
        await ev.VoteAsync(a, ideas[1]);
        await ev.VoteAsync(b, ideas[1]);
        await ev.VoteAsync(b, ideas[2]);
        await ev.VoteAsync(c, ideas[2]);
        return new Voted(ev, a, b, c, [.. ideas], other.IdeaId);
    }

    [Fact]
    public async Task Merging_moves_every_vote_to_the_target_and_marks_the_sources()
    {
        var (ev, a, b, c, ideas, _) = await VotedAsync();
        var remainingBefore = new[]
        {
            (await ev.Workshop.GetSnapshot(a)).Me.Remaining,
            (await ev.Workshop.GetSnapshot(b)).Me.Remaining,
            (await ev.Workshop.GetSnapshot(c)).Me.Remaining,
        };

        var target = await ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[1], ideas[2]]);

        Assert.Equal(5, target.Votes);
        Assert.Equal(IdeaStatus.Visible, target.Status);
        var staff = (await ev.StaffViewAsync()).Boards[0].Ideas;
        Assert.Equal(new int?[] { 5, 0, 0, 0 }, staff.Select(i => i.Votes));
        Assert.Equal(
            new[] { IdeaStatus.Visible, IdeaStatus.Merged, IdeaStatus.Merged, IdeaStatus.Visible },
            staff.Select(i => i.Status));
        Assert.Equal(new[] { null, ideas[0], ideas[0], null }, staff.Select(i => i.MergedInto));
        Assert.Equal(5, (await ev.Workshop.GetExport(ev.Moderator)).Votes);

        // Each person keeps the budget they had; their votes now sit on the target.
        Assert.Equal(remainingBefore[0], (await ev.Workshop.GetSnapshot(a)).Me.Remaining);
        Assert.Equal(remainingBefore[1], (await ev.Workshop.GetSnapshot(b)).Me.Remaining);
        Assert.Equal(remainingBefore[2], (await ev.Workshop.GetSnapshot(c)).Me.Remaining);
        Assert.Equal(new Dictionary<string, int> { [ideas[0]] = 2 }, (await ev.Workshop.GetSnapshot(a)).Me.Votes);
        Assert.Equal(new Dictionary<string, int> { [ideas[0]] = 2 }, (await ev.Workshop.GetSnapshot(b)).Me.Votes);
        Assert.Equal(new Dictionary<string, int> { [ideas[0]] = 1 }, (await ev.Workshop.GetSnapshot(c)).Me.Votes);

        // The moved votes can be taken back from the target.
        Assert.Equal(new VoteReceipt(ideas[0], 1, 2), await ev.RetractAsync(a, ideas[0]));
        Assert.Equal(4, (await ev.StaffViewAsync()).Boards[0].Ideas[0].Votes);
    }

    [Fact]
    public async Task Merged_ideas_leave_the_participants_boards_except_their_authors()
    {
        var (ev, a, b, c, ideas, _) = await VotedAsync();

        await ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[1]]);

        Assert.Equal(new[] { ideas[0], ideas[2], ideas[3] }, (await ev.Workshop.GetSnapshot(c)).Boards[0].Ideas.Select(i => i.IdeaId));
        var byAuthor = (await ev.Workshop.GetSnapshot(b)).Boards[0].Ideas.Single(i => i.IdeaId == ideas[1]);
        Assert.Equal((IdeaStatus.Merged, ideas[0]), (byAuthor.Status, byAuthor.MergedInto));
        Assert.Equal(new[] { ideas[0], ideas[2], ideas[3] }, (await ev.Workshop.GetSnapshot(a)).Boards[0].Ideas.Select(i => i.IdeaId));
        Assert.Equal(ideas, (await ev.Workshop.GetSnapshot(b)).Boards[0].Ideas.Select(i => i.IdeaId));
    }

    [Fact]
    public async Task Merging_across_boards_is_invalid_and_changes_nothing()
    {
        var (ev, a, _, _, ideas, other) = await VotedAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[1], other]), a);
    }

    [Fact]
    public async Task An_idea_that_is_already_merged_takes_part_in_no_other_merge()
    {
        var (ev, a, _, _, ideas, _) = await VotedAsync();
        await ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[1]]);

        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[2], [ideas[1]]), a);
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[1], [ideas[2]]), a);
    }

    [Fact]
    public async Task A_merge_without_distinct_other_ideas_is_invalid()
    {
        var (ev, _, _, _, ideas, _) = await VotedAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], []));
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], null!));
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[0]]));
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[1], ideas[1]]));
    }

    [Fact]
    public async Task A_merge_naming_an_idea_that_does_not_exist_is_not_found()
    {
        var (ev, _, _, _, ideas, _) = await VotedAsync();

        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[1], "i999"]));
        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.MergeIdeas(ev.Facilitator, "i999", [ideas[1]]));
    }

    [Fact]
    public async Task Only_staff_merge_and_not_once_Closed()
    {
        var (ev, a, _, _, ideas, _) = await VotedAsync();

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.MergeIdeas(a, ideas[0], [ideas[3]]), a);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.MergeIdeas(ev.Facilitator, ideas[0], [ideas[3]]), a);
    }

    [Fact]
    public async Task Deleting_an_idea_others_were_merged_into_is_refused_and_keeps_every_vote()
    {
        var (ev, a, b, c, ideas, _) = await VotedAsync();
        await ev.Workshop.MergeIdeas(ev.Facilitator, ideas[1], [ideas[2]]);
        var votes = (await ev.StaffViewAsync()).Boards[0].Ideas.Single(i => i.IdeaId == ideas[1]).Votes;
        Assert.Equal(4, votes);

        var error = await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.DeleteIdea(ev.Facilitator, ideas[1]), a, b, c);
        Assert.Contains(ideas[2], error.Message, StringComparison.Ordinal);
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.DeleteIdea(b, ideas[1]), a, b, c);

        // An idea nothing was merged into may still go, and a merged source holds no votes to lose.
        await ev.Workshop.DeleteIdea(ev.Facilitator, ideas[3]);
        await ev.Workshop.DeleteIdea(ev.Facilitator, ideas[2]);
        Assert.Equal(4, (await ev.StaffViewAsync()).Boards[0].Ideas.Single(i => i.IdeaId == ideas[1]).Votes);
    }
}
