using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>
/// <see cref="IWorkshopGrain.ChangeVotes"/>: a server's votes many to a call, each decided as its own
/// CastVote or RetractVote would be, and the call answered once all it took is stored.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class VoteBatchTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Each_vote_of_a_batch_gets_its_own_answer_in_order_and_a_refusal_refuses_only_its_vote()
    {
        var ev = await TestEvent.CreateAsync(fixture, new WorkshopSettings { VotesPerBoard = 2, MaxVotesPerIdea = 1 });
        var people = await ev.JoinManyAsync(3);
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var first = (await ev.AddIdeaAsync(ev.Facilitator, "İlk")).IdeaId;
        var second = (await ev.AddIdeaAsync(ev.Facilitator, "İkinci")).IdeaId;
        var third = (await ev.AddIdeaAsync(ev.Facilitator, "Üçüncü")).IdeaId;
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.Workshop.CastVote(people[2], first, "before");
        var writes = ev.Writes;

        var outcomes = await ev.Workshop.ChangeVotes(
        [
            new(people[0], first, "a1", Cast: true),
            new(people[0], first, "a1", Cast: true),        // the same clientOpId again: the first result
            new(people[0], first, "a2", Cast: true),        // a second vote on one idea: vote_limit
            new(people[0], second, "a3", Cast: true),
            new(people[0], third, "a4", Cast: true),        // the board's budget of two is spent
            new(people[1], "nope", "b1", Cast: true),       // no such idea
            new(people[1], first, "b2", Cast: false),       // nothing to take back
            new(people[2], first, "c1", Cast: false),       // the vote cast before the batch, taken back
            new(people[0], first, "a2", Cast: false),       // a clientOpId that was refused is free again
            new(ev.Facilitator, first, "f1", Cast: true),   // staff do not vote
        ]);

        Assert.Equal(10, outcomes.Count);
        Assert.Equal(new VoteReceipt(first, 1, 1), outcomes[0].Receipt);
        Assert.Equal(new VoteReceipt(first, 1, 1), outcomes[1].Receipt);
        Assert.Equal(ErrorCodes.VoteLimit, outcomes[2].ErrorCode);
        Assert.Equal(new VoteReceipt(second, 1, 0), outcomes[3].Receipt);
        Assert.Equal(ErrorCodes.VoteLimit, outcomes[4].ErrorCode);
        Assert.Equal(ErrorCodes.NotFound, outcomes[5].ErrorCode);
        Assert.Equal(ErrorCodes.Conflict, outcomes[6].ErrorCode);
        Assert.Equal(new VoteReceipt(first, 0, 2), outcomes[7].Receipt);
        Assert.Equal(new VoteReceipt(first, 0, 1), outcomes[8].Receipt);
        Assert.Equal(ErrorCodes.Forbidden, outcomes[9].ErrorCode);
        Assert.All(outcomes.Where(o => o.Receipt is null), o => Assert.False(string.IsNullOrEmpty(o.ErrorMessage)));
        Assert.All(outcomes.Where(o => o.Receipt is not null), o => Assert.Null(o.ErrorCode));

        // The batch was stored in one write, before the call answered: a restart still holds it.
        Assert.Equal(1, ev.Writes - writes);
        await fixture.Cluster.DeactivateAsync(ev.Workshop);
        var votes = (await ev.StaffViewAsync()).Boards[0].Ideas.ToDictionary(i => i.IdeaId, i => i.Votes);
        Assert.Equal(0, votes[first]);
        Assert.Equal(1, votes[second]);
        Assert.Equal(0, votes[third]);

        // Answers are remembered across the restart, as a single CastVote's are.
        Assert.Equal(new VoteReceipt(second, 1, 0), await ev.Workshop.CastVote(people[0], second, "a3"));
        await Refusal.ExpectAsync(ErrorCodes.Conflict, () => ev.Workshop.CastVote(people[0], second, "a1"));
    }

    [Fact]
    public async Task A_batch_whose_write_fails_is_refused_whole_as_unavailable_and_leaves_no_vote_behind()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var people = await ev.JoinManyAsync(3);
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = (await ev.AddIdeaAsync(ev.Facilitator, "Fikir")).IdeaId;
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var grainId = ev.Workshop.GetGrainId();

        fixture.Storage.FailWrites(grainId, fail: true);
        await Refusal.ExpectAsync(ErrorCodes.Unavailable, () => ev.Workshop.ChangeVotes(people.Select((p, i) => new VoteRequest(p, idea, "x" + i, Cast: true)).ToList()));
        fixture.Storage.FailWrites(grainId, fail: false);
        await fixture.DeactivatedAsync(grainId);

        Assert.Equal(0, (await ev.StaffViewAsync()).Boards[0].Ideas.Single().Votes);
        Assert.Equal(1, (await ev.Workshop.CastVote(people[0], idea, "x0")).MyVotes);
    }

    [Fact]
    public async Task A_batch_outside_voting_or_for_a_workshop_that_does_not_exist_is_refused_per_vote_or_whole()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var person = await ev.JoinAsync();
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = (await ev.AddIdeaAsync(ev.Facilitator, "Fikir")).IdeaId;

        var outcomes = await ev.Workshop.ChangeVotes([new(person, idea, "v1", Cast: true)]);
        Assert.Equal(ErrorCodes.WrongPhase, Assert.Single(outcomes).ErrorCode);

        var missing = fixture.Client.GetGrain<IWorkshopGrain>(TestEvent.NewId("w"));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => missing.ChangeVotes([new(person, idea, "v2", Cast: true)]));
    }
}
