using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// Vote counts are their own stream (PROTOCOL.md section 3), seen over real SignalR connections:
/// votes take no version, and nobody receives a message for a count they may not see.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class TallyStreamTests(ServerFixture fixture)
{
    private const int Voters = 12;

    [Fact]
    public async Task A_participant_with_hidden_tallies_receives_no_message_at_all_during_a_vote_storm()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var owned = new List<HubClient>();
        try
        {
            var (staff, ideas) = await VotingScene.OpenAsync(fixture, created, owned, "Gençlere staj", "Işıklı yönlendirme", "İl bazında fon");
            var watcher = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "İzleyen")).Token);
            owned.Add(watcher);
            var joined = await watcher.JoinAsync(workshopId);
            var voters = await VotingScene.VotersAsync(fixture, created, Voters, owned);

            // Everyone is in: from here on, only the storm and the closing barrier happen.
            await watcher.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Payload.GetProperty("participants").GetInt32() == Voters + 1);
            var before = watcher.Events.Count;
            var version = (await staff.JoinAsync(workshopId)).Version;

            await Task.WhenAll(voters.Select(voter => Task.WhenAll(ideas.Select(idea =>
                voter.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, idea, "v-" + idea)))));
            await staff.WaitForAsync(e => e.Name == EventNames.TalliesChanged
                && ideas.All(idea => e.Payload.GetProperty("tallies").TryGetProperty(idea, out var votes) && votes.GetInt32() == Voters));

            // A change everyone sees, sent after every announcement: the watcher's next message.
            await staff.Connection.InvokeAsync("StartTimer", workshopId, 60);
            var timer = await watcher.WaitForAsync(e => e.Name == EventNames.TimerChanged);
            var received = watcher.Events.Skip(before).ToList();
            Assert.Equal([EventNames.TimerChanged], received.Select(e => e.Name));
            // The storm took no version: the timer is the next change after the snapshot.
            Assert.Equal(version + 1, timer.Version);
            Assert.True(joined.Version < version);

            // Staff saw the counts, on the tally stream, without a version.
            var tallies = staff.Events.Where(e => e.Name == EventNames.TalliesChanged).ToList();
            Assert.NotEmpty(tallies);
            Assert.All(tallies, e => Assert.Null(e.Version));
            Assert.All(tallies, e => Assert.NotNull(e.Seq));
        }
        finally
        {
            foreach (var client in owned)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Staff_and_participants_count_their_own_tally_seqs_from_the_snapshot_without_a_gap()
    {
        var created = await fixture.CreateEventAsync(WorkshopSettings.Default with { LiveResults = true });
        var workshopId = created.Workshops[0].WorkshopId;
        await using var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token);
        var staffJoined = await staff.JoinAsync(workshopId);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        var idea = (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Gençlere staj", ClientOpId = "i1" })).IdeaId;
        var hidden = (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b2", Text = "Kolaylaştırıcı notu", ClientOpId = "i2" })).IdeaId;
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        await using var person = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "Ayşe")).Token);
        var personJoined = await person.JoinAsync(workshopId);

        await person.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, idea, "v1");
        await staff.WaitForAsync(e => e.Name == EventNames.TalliesChanged && e.Payload.GetProperty("tallies").TryGetProperty(idea, out var v) && v.GetInt32() == 1);
        await person.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, hidden, "v2");
        await staff.WaitForAsync(e => e.Name == EventNames.TalliesChanged && e.Payload.GetProperty("tallies").TryGetProperty(hidden, out var v) && v.GetInt32() == 1);

        // The second idea is hidden before its vote is undone: staff hear of it, the participant does not.
        await staff.Connection.InvokeAsync<Idea>("HideIdea", workshopId, hidden);
        await person.Connection.InvokeAsync<VoteReceipt>("RetractVote", workshopId, hidden, "r2");
        await staff.WaitForAsync(e => e.Name == EventNames.TalliesChanged && e.Payload.GetProperty("tallies").TryGetProperty(hidden, out var v) && v.GetInt32() == 0);
        await staff.Connection.InvokeAsync("StartTimer", workshopId, 60);
        await person.WaitForAsync(e => e.Name == EventNames.TimerChanged);

        var staffSeqs = staff.Events.Where(e => e.Name == EventNames.TalliesChanged).Select(e => e.Seq!.Value).ToList();
        var personTallies = person.Events.Where(e => e.Name == EventNames.TalliesChanged).ToList();
        Assert.Equal(Enumerable.Range(1, staffSeqs.Count).Select(i => staffJoined.TallySeq + i), staffSeqs);
        Assert.Equal(3, staffSeqs.Count);
        Assert.Equal(Enumerable.Range(1, personTallies.Count).Select(i => personJoined.TallySeq + i), personTallies.Select(e => e.Seq!.Value));
        Assert.Equal(2, personTallies.Count);
        Assert.Equal(1, personTallies[0].Payload.GetProperty("tallies").GetProperty(idea).GetInt32());
        Assert.Equal((staffJoined.TallySeq + 3, personJoined.TallySeq + 2), ((await staff.JoinAsync(workshopId)).TallySeq, (await person.JoinAsync(workshopId)).TallySeq));
    }
}
