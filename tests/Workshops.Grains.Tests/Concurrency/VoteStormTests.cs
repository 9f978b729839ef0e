using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Concurrency;

[Collection(SharedCluster.Name)]
public sealed class VoteStormTests(ClusterFixture fixture)
{
    private const int People = 400;

    [Fact]
    public async Task Hundreds_of_voters_at_once_are_counted_exactly_within_budget_and_stored_in_one_write_behind_the_one_in_flight()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var voters = await ev.JoinManyAsync(People);
        var ideas = new List<string>();
        foreach (var text in new[] { "Staj", "Burs", "Mentorluk", "Kooperatif" })
        {
            ideas.Add((await ev.AddIdeaAsync(ev.Facilitator, text)).IdeaId);
        }

        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var observer = await ev.AttachAsync("s1");
        var writesBefore = ev.Writes;
        var refusedAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refusedCount = 0;

        // The storm's first write waits at a gate, so that every other vote arrives while it is in flight.
        var gate = fixture.Storage.HoldNextWrite(ev.Workshop.GetGrainId());

        // Everyone tries all four ideas at once with a budget of three.
        var attempts = voters
            .SelectMany(voter => ideas.Select((idea, i) => (Voter: voter, Idea: idea, Op: "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Select(async a =>
            {
                try
                {
                    return (a.Voter, a.Idea, Receipt: (VoteReceipt?)await ev.Workshop.CastVote(a.Voter, a.Idea, a.Op), Error: (string?)null);
                }
                catch (WorkshopException ex)
                {
                    if (Interlocked.Increment(ref refusedCount) == People)
                    {
                        refusedAll.TrySetResult();
                    }

                    return (a.Voter, a.Idea, Receipt: null, Error: ex.Code);
                }
            })
            .ToList();
        await gate.Reached;

        // One refusal per person means every call was served: the votes are in memory, none is stored yet.
        await refusedAll.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(People * 3, (await ev.StaffViewAsync()).Boards[0].Ideas.Sum(i => i.Votes));
        Assert.Equal(0, ev.Writes - writesBefore);
        Assert.All(attempts.Where(t => t.IsCompleted), t => Assert.Null(t.Result.Receipt));
        gate.Open();
        var results = await Task.WhenAll(attempts);

        // The gated write held the votes that arrived before it started (JournaledGrain starts it on
        // the grain's next turn, so that may be one or all of them); the next one held all the others.
        Assert.InRange(ev.Writes - writesBefore, 1, 2);
        var acknowledged = results.Where(r => r.Receipt is not null).ToList();
        Assert.All(results, r => Assert.True(r.Receipt is not null || r.Error == ErrorCodes.VoteLimit, $"unexpected error {r.Error}"));

        // Per person: exactly the budget, served one after another, and refused only past it.
        foreach (var byVoter in results.GroupBy(r => r.Voter.ParticipantId))
        {
            var voter = byVoter.First().Voter;
            var voted = byVoter.Where(r => r.Receipt is not null).Select(r => r.Receipt!).ToList();
            var refused = byVoter.Where(r => r.Receipt is null).Select(r => r.Idea).ToList();
            Assert.Equal(3, voted.Count);
            Assert.Single(refused);
            Assert.Equal(new[] { 0, 1, 2 }, voted.Select(r => r.Remaining).Order());
            Assert.All(voted, r => Assert.Equal(1, r.MyVotes));
            Assert.Equal(ideas.Order(StringComparer.Ordinal), voted.Select(r => r.IdeaId).Concat(refused).Order(StringComparer.Ordinal));
            var mine = await ev.Workshop.GetSnapshot(voter);
            Assert.Equal(voted.ToDictionary(r => r.IdeaId, r => 1), mine.Me.Votes);
            Assert.Equal(0, mine.Me.Remaining["b1"]);
        }

        var counted = acknowledged;
        var expected = ideas.ToDictionary(id => id, id => counted.Count(r => r.Receipt!.IdeaId == id));
        var staff = (await ev.StaffViewAsync()).Boards[0].Ideas.ToDictionary(i => i.IdeaId, i => i.Votes ?? -1);
        Assert.Equal(expected, staff);
        var export = await ev.Workshop.GetExport(ev.Moderator);
        Assert.Equal(counted.Count, export.Votes);
        Assert.Equal(expected, export.Boards[0].Ideas.ToDictionary(i => i.IdeaId, i => i.Votes));
        Assert.Equal(People * 3, counted.Count);

        // The coalesced announcement carries the same final counts of every idea that got votes.
        var flush = await ev.FlushTalliesAsync(observer);
        Assert.Equal(expected.Where(e => e.Value > 0).OrderBy(e => e.Key, StringComparer.Ordinal), ((TalliesChangedEvent)NoticeAssert.To(flush, Audience.Staff).Payload).Tallies.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Hundreds_of_ideas_added_at_once_are_all_kept_under_distinct_ids()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var authors = await ev.JoinManyAsync(200);
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);

        var ideas = await Task.WhenAll(authors.Select((a, i) => ev.AddIdeaAsync(a, "Fikir " + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(200, ideas.Select(i => i.IdeaId).Distinct(StringComparer.Ordinal).Count());
        var stored = (await ev.StaffViewAsync()).Boards[0].Ideas;
        Assert.Equal(ideas.Select(i => i.IdeaId).Order(StringComparer.Ordinal), stored.Select(i => i.IdeaId).Order(StringComparer.Ordinal));
        Assert.All(ideas, i => Assert.Contains(stored, s => s.IdeaId == i.IdeaId && s.Text == i.Text));
    }
}
