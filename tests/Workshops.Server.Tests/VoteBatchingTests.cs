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
    public async Task Votes_cast_at_once_over_many_connections_go_in_fewer_calls_and_each_gets_its_own_receipt_or_refusal()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var owned = new List<HubClient>();
        try
        {
            var (staff, ideas) = await VotingScene.OpenAsync(fixture, created, owned, "Işık", "İnsan", "Iğdır", "Ilgaz");
            var voters = await VotingScene.VotersAsync(fixture, created, Voters, owned);

            var batcher = fixture.Server.Services.GetRequiredService<VoteBatcher>();
            var callsBefore = batcher.CallsSent;
            var votesBefore = batcher.VotesSent;

            // Everyone tries all four ideas at once with a budget of three: one refusal each.
            var results = await Task.WhenAll(voters.SelectMany(voter => ideas.Select(async idea =>
            {
                try
                {
                    return (Voter: voter, Receipt: await voter.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, idea, "v-" + idea), Error: (string?)null);
                }
                catch (HubException ex)
                {
                    return (Voter: voter, Receipt: (VoteReceipt?)null, Error: ex.Message);
                }
            })));

            var calls = batcher.CallsSent - callsBefore;
            var votes = batcher.VotesSent - votesBefore;
            Assert.True(votes >= Voters * ideas.Count, $"{votes} votes went to grains");
            Assert.True(calls < votes, $"{votes} votes took {calls} grain calls: none was batched");

            foreach (var mine in results.GroupBy(r => r.Voter))
            {
                Assert.Equal(new[] { 0, 1, 2 }, mine.Where(r => r.Receipt is not null).Select(r => r.Receipt!.Remaining).Order());
                var refused = Assert.Single(mine, r => r.Receipt is null);
                Assert.StartsWith("vote_limit: ", refused.Error, StringComparison.Ordinal);
            }

            var snapshot = await staff.JoinAsync(workshopId);
            Assert.Equal(Voters * 3, snapshot.Boards[0].Ideas.Sum(i => i.Votes));

            // A vote for a workshop that does not exist is refused through the same way.
            var stray = await Assert.ThrowsAsync<HubException>(() => voters[0].Connection.InvokeAsync<VoteReceipt>("CastVote", "w-none", ideas[0], "stray"));
            Assert.StartsWith("not_found: ", stray.Message, StringComparison.Ordinal);

            // Nothing in flight: the batcher holds no workshop.
            await Poll.UntilAsync(() => Task.FromResult(batcher.WorkshopsHeld == 0), "the batcher to let go of idle workshops", TimeSpan.FromSeconds(10));
        }
        finally
        {
            foreach (var client in owned)
            {
                await client.DisposeAsync();
            }
        }
    }
}
