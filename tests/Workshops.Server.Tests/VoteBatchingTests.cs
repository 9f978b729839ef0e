using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workshops.Contracts;
using Workshops.Server.Realtime;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// A server carries the votes of many connections to a workshop grain in few calls
/// (<see cref="VoteBatcher"/>); every vote still gets its own answer, and a refusal its own error.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class VoteBatchingTests(ServerFixture fixture)
{
    private const int Voters = 40;

    [Fact]
    public Task Votes_cast_at_once_over_many_connections_go_in_fewer_calls_and_each_gets_its_own_receipt_or_refusal() =>
        VotingScene.RunAsync(fixture, Voters, ["Işık", "İnsan", "Iğdır", "Ilgaz"], async scene =>
        {
            var batcher = fixture.Server.Services.GetRequiredService<VoteBatcher>();
            var callsBefore = batcher.CallsSent;
            var votesBefore = batcher.VotesSent;

            // Everyone tries all four ideas at once with a budget of three: one refusal each.
            var results = await Task.WhenAll(scene.Voters.SelectMany(voter => scene.Ideas.Select(async idea =>
            {
                try
                {
                    return (Voter: voter, Receipt: await voter.Connection.InvokeAsync<VoteReceipt>("CastVote", scene.WorkshopId, idea, "v-" + idea), Error: (string?)null);
                }
                catch (HubException ex)
                {
                    return (Voter: voter, Receipt: (VoteReceipt?)null, Error: ex.Message);
                }
            })));

            var calls = batcher.CallsSent - callsBefore;
            var votes = batcher.VotesSent - votesBefore;
            Assert.True(votes >= Voters * scene.Ideas.Count, $"{votes} votes went to grains");
            Assert.True(calls < votes, $"{votes} votes took {calls} grain calls: none was batched");

            foreach (var mine in results.GroupBy(r => r.Voter))
            {
                Assert.Equal(new[] { 0, 1, 2 }, mine.Where(r => r.Receipt is not null).Select(r => r.Receipt!.Remaining).Order());
                var refused = Assert.Single(mine, r => r.Receipt is null);
                Assert.StartsWith("vote_limit: ", refused.Error, StringComparison.Ordinal);
            }

            var snapshot = await scene.Staff.JoinAsync(scene.WorkshopId);
            Assert.Equal(Voters * 3, snapshot.Boards[0].Ideas.Sum(i => i.Votes));

            // A vote for a workshop that does not exist is refused through the same way.
            var stray = await Assert.ThrowsAsync<HubException>(() => scene.Voters[0].Connection.InvokeAsync<VoteReceipt>("CastVote", "w-none", scene.Ideas[0], "stray"));
            Assert.StartsWith("not_found: ", stray.Message, StringComparison.Ordinal);

            // Nothing in flight: the batcher holds no workshop.
            await Poll.UntilAsync(() => Task.FromResult(batcher.WorkshopsHeld == 0), "the batcher to let go of idle workshops", TimeSpan.FromSeconds(10));
        });

    [Fact]
    public Task One_connections_dots_sent_without_waiting_are_served_together_and_stored_in_one_call_after_the_first() =>
        VotingScene.RunAsync(fixture, 1, ["Işık", "İnsan", "Iğdır"], async scene =>
        {
            var voter = scene.Voters[0];
            var batcher = fixture.Server.Services.GetRequiredService<VoteBatcher>();
            var callsBefore = batcher.CallsSent;

            // SignalR serves one call per connection at a time by default: the second dot would wait
            // for the first to be stored. With HubCallsInParallel the second and third wait in the
            // batcher while the first is in flight, and go together.
            var receipts = await Task.WhenAll(scene.Ideas.Select(idea => voter.Connection.InvokeAsync<VoteReceipt>("CastVote", scene.WorkshopId, idea, "dot-" + idea)));

            Assert.Equal(new[] { 0, 1, 2 }, receipts.Select(r => r.Remaining).Order());
            Assert.Equal(scene.Ideas.Order(StringComparer.Ordinal), receipts.Select(r => r.IdeaId).Order(StringComparer.Ordinal));
            var calls = batcher.CallsSent - callsBefore;
            Assert.True(calls < scene.Ideas.Count, $"{scene.Ideas.Count} dots of one connection took {calls} grain calls: they were served one after another");

            var snapshot = await scene.Staff.JoinAsync(scene.WorkshopId);
            Assert.All(snapshot.Boards[0].Ideas, idea => Assert.Equal(1, idea.Votes));
        });

    [Fact]
    public Task A_cast_and_its_retract_sent_without_waiting_are_applied_in_the_order_sent() =>
        VotingScene.RunAsync(fixture, 1, ["Işık"], async scene =>
        {
            var idea = scene.Ideas[0];

            // Served up to four at once, yet taken in order: every retract finds its cast stored.
            var receipts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => scene.Voters[0].Connection.InvokeAsync<VoteReceipt>(
                i % 2 == 0 ? "CastVote" : "RetractVote", scene.WorkshopId, idea, "op-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

            Assert.Equal(Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? 2 : 3), receipts.Select(r => r.Remaining));
            var snapshot = await scene.Staff.JoinAsync(scene.WorkshopId);
            Assert.Equal(0, Assert.Single(snapshot.Boards[0].Ideas).Votes);
        });
}
