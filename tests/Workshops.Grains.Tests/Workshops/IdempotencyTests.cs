using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class IdempotencyTests(ClusterFixture fixture)
{
    private async Task<(TestEvent Ev, Caller Voter, string[] Ideas)> VotingAsync()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var voter = await ev.JoinAsync("Ayşe");
        var a = await ev.AddIdeaAsync(ev.Facilitator, "Fikir A");
        var b = await ev.AddIdeaAsync(ev.Facilitator, "Fikir B");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        return (ev, voter, [a.IdeaId, b.IdeaId]);
    }

    [Fact]
    public async Task The_same_clientOpId_again_returns_the_first_receipt_and_counts_once()
    {
        var (ev, voter, ideas) = await VotingAsync();
        var first = await ev.Workshop.CastVote(voter, ideas[0], "tik-1");
        var before = await ev.FingerprintAsync(voter);

        var again = await ev.Workshop.CastVote(voter, ideas[0], "tik-1");

        Assert.Equal(first, again);
        Assert.Equal(new VoteReceipt(ideas[0], 1, 2), again);
        Assert.Equal(before, await ev.FingerprintAsync(voter));
        Assert.Equal(1, (await ev.Workshop.GetExport(ev.Moderator)).Votes);
    }

    [Fact]
    public async Task A_resent_vote_returns_its_first_receipt_even_after_the_phase_moved_on()
    {
        var (ev, voter, ideas) = await VotingAsync();
        var cast = await ev.Workshop.CastVote(voter, ideas[0], "tik-1");
        await ev.Workshop.CastVote(voter, ideas[1], "tik-2");
        var retract = await ev.Workshop.RetractVote(voter, ideas[1], "geri-1");
        await ev.SetPhaseAsync(WorkshopPhase.Results);
        var before = await ev.FingerprintAsync(voter);

        Assert.Equal(cast, await ev.Workshop.CastVote(voter, ideas[0], "tik-1"));
        Assert.Equal(new VoteReceipt(ideas[1], 0, 2), await ev.Workshop.RetractVote(voter, ideas[1], "geri-1"));
        Assert.Equal(retract, await ev.Workshop.RetractVote(voter, ideas[1], "geri-1"));

        Assert.Equal(before, await ev.FingerprintAsync(voter));
    }

    [Fact]
    public async Task A_clientOpId_reused_for_something_else_is_a_conflict()
    {
        var (ev, voter, ideas) = await VotingAsync();
        await ev.Workshop.CastVote(voter, ideas[0], "tik-1");

        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.CastVote(voter, ideas[1], "tik-1"), voter);
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.RetractVote(voter, ideas[0], "tik-1"), voter);
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.AddIdea(voter, new IdeaInput { BoardId = "b1", Text = "Fikir", ClientOpId = "tik-1" }), voter);
    }

    [Fact]
    public async Task Another_person_may_use_the_same_clientOpId()
    {
        var (ev, voter, ideas) = await VotingAsync();
        var other = await ev.JoinAsync("Mehmet");

        await ev.Workshop.CastVote(voter, ideas[0], "tik-1");
        Assert.Equal(new VoteReceipt(ideas[0], 1, 2), await ev.Workshop.CastVote(other, ideas[0], "tik-1"));

        Assert.Equal(2, (await ev.StaffViewAsync()).Boards[0].Ideas[0].Votes);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(0)]
    public async Task A_clientOpId_outside_1_to_64_characters_is_invalid(int length)
    {
        var (ev, voter, ideas) = await VotingAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.CastVote(voter, ideas[0], new string('x', length)), voter);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.RetractVote(voter, ideas[0], new string('x', length)), voter);
    }

    [Fact]
    public async Task A_clientOpId_that_is_missing_or_has_a_control_character_is_invalid()
    {
        var (ev, voter, ideas) = await VotingAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.CastVote(voter, ideas[0], null!), voter);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.CastVote(voter, ideas[0], "tik\n1"), voter);
    }

    [Fact]
    public async Task A_clientOpId_of_64_characters_is_accepted()
    {
        var (ev, voter, ideas) = await VotingAsync();

        Assert.Equal(new VoteReceipt(ideas[0], 1, 2), await ev.Workshop.CastVote(voter, ideas[0], new string('x', 64)));
    }

    [Fact]
    public async Task Copies_of_one_vote_sent_at_once_count_once()
    {
        var (ev, voter, ideas) = await VotingAsync();

        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ev.Workshop.CastVote(voter, ideas[0], "tik-aynı")));

        Assert.All(receipts, r => Assert.Equal(new VoteReceipt(ideas[0], 1, 2), r));
        Assert.Equal(1, (await ev.StaffViewAsync()).Boards[0].Ideas[0].Votes);
    }

    [Fact]
    public async Task An_idea_resent_with_the_same_clientOpId_is_added_once()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var input = new IdeaInput { BoardId = "b1", Text = "Gençlere staj", ClientOpId = "fikir-1" };
        var first = await ev.Workshop.AddIdea(author, input);
        var before = await ev.FingerprintAsync(author);

        var again = await ev.Workshop.AddIdea(author, input);

        Assert.Equal(first, again);
        Assert.Equal(before, await ev.FingerprintAsync(author));

        // Still the same idea once Brainstorm is over, instead of a phase error.
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        Assert.Equal(first.IdeaId, (await ev.Workshop.AddIdea(author, input)).IdeaId);
        Assert.Single((await ev.StaffViewAsync()).Boards[0].Ideas);
    }

    [Fact]
    public async Task Copies_of_one_idea_sent_at_once_add_it_once()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var input = new IdeaInput { BoardId = "b1", Text = "Gençlere staj", ClientOpId = "fikir-1" };

        var ideas = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ev.Workshop.AddIdea(author, input)));

        Assert.Single(ideas.Select(i => i.IdeaId).Distinct(StringComparer.Ordinal));
        Assert.Single((await ev.StaffViewAsync()).Boards[0].Ideas);
    }

    [Fact]
    public async Task A_vote_resent_with_the_clientOpId_of_an_idea_is_a_conflict()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = await ev.Workshop.AddIdea(author, new IdeaInput { BoardId = "b1", Text = "Fikir", ClientOpId = "op-1" });
        await ev.SetPhaseAsync(WorkshopPhase.Voting);

        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.CastVote(author, idea.IdeaId, "op-1"), author);
    }
}
