using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// Hall votes (PROTOCOL.md section 9) over real SignalR: they have the visibility of votes, and
/// a participant who may not see counts gets no message for them.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class HallVoteHubTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_participant_sees_hall_votes_only_when_votes_are_visible_and_gets_no_message_while_hidden()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        await using var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token);
        await staff.JoinAsync(workshopId);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        var phones = (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Telefondan", ClientOpId = "a1" })).IdeaId;
        var paper = await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Kağıttan", ClientOpId = "a2", Source = "paper" });
        Assert.Equal(IdeaSource.Paper, paper.Source);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        await using var person = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "Ayşe")).Token);
        await person.JoinAsync(workshopId);
        await person.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Payload.GetProperty("participants").GetInt32() == 1);
        await person.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, phones, "v1");
        await staff.WaitForAsync(e => e.Name == EventNames.TalliesChanged && e.Payload.GetProperty("tallies").TryGetProperty(phones, out var v) && v.GetInt32() == 1);
        var before = person.Events.Count;
        var version = (await staff.JoinAsync(workshopId)).Version;

        // Voting, results hidden: the count reaches staff on the tally stream, participants nothing.
        var set = await staff.Connection.InvokeAsync<Idea>("SetHallVotes", workshopId, paper.IdeaId, 30);
        Assert.Equal(30, set.HallVotes);
        var staffTallies = await staff.WaitForAsync(e => e.Name == EventNames.TalliesChanged
            && e.Payload.TryGetProperty("hallVotes", out var hall) && hall.TryGetProperty(paper.IdeaId, out var n) && n.GetInt32() == 30);
        Assert.Null(staffTallies.Version);
        Assert.Equal(30, staffTallies.Payload.GetProperty("outputs")[0].GetProperty("votes").GetInt32());
        var hiddenView = (await person.JoinAsync(workshopId)).Boards[0].Ideas.Single(i => i.IdeaId == paper.IdeaId);
        Assert.Null(hiddenView.HallVotes);
        Assert.Equal(IdeaSource.Paper, hiddenView.Source);

        // The next change everyone sees is the participant's next message, one version on.
        await staff.Connection.InvokeAsync("StartTimer", workshopId, 60);
        var timer = await person.WaitForAsync(e => e.Name == EventNames.TimerChanged);
        Assert.Equal([EventNames.TimerChanged], person.Events.Skip(before).Select(e => e.Name));
        Assert.Equal(version + 1, timer.Version);

        // Results: the participant's first announcement carries the hall count, later changes come as ideaChanged.
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Results");
        var shown = await person.WaitForAsync(e => e.Name == EventNames.TalliesChanged);
        Assert.Equal(30, shown.Payload.GetProperty("hallVotes").GetProperty(paper.IdeaId).GetInt32());
        await staff.Connection.InvokeAsync<Idea>("SetHallVotes", workshopId, paper.IdeaId, 31);
        var changed = await person.WaitForAsync(e => e.Name == EventNames.IdeaChanged && e.Payload.GetProperty("idea").GetProperty("ideaId").GetString() == paper.IdeaId);
        Assert.Equal(31, changed.Payload.GetProperty("idea").GetProperty("hallVotes").GetInt32());
        Assert.Equal("paper", changed.Payload.GetProperty("idea").GetProperty("source").GetString());
        var visible = await person.JoinAsync(workshopId);
        Assert.Equal(31, visible.Boards[0].Ideas.Single(i => i.IdeaId == paper.IdeaId).HallVotes);
        Assert.Equal((paper.IdeaId, 31, 31), (visible.Outputs[0].SourceIdeaIds[0], visible.Outputs[0].Votes, visible.Outputs[0].HallVotes));
    }

    [Fact]
    public async Task Hall_votes_are_audited_and_exported_beside_the_digital_votes()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var token = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        var idea = (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Kağıttan", Source = "paper" })).IdeaId;
        var refused = await Assert.ThrowsAsync<HubException>(() => staff.Connection.InvokeAsync<Idea>("SetHallVotes", workshopId, idea, 5));
        Assert.StartsWith(ErrorCodes.WrongPhase + ": ", refused.Message, StringComparison.Ordinal);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        await staff.Connection.InvokeAsync<Idea>("SetHallVotes", workshopId, idea, 12);
        await staff.Connection.InvokeAsync<Idea>("SetHallVotes", workshopId, idea, 30);
        var tooMany = await Assert.ThrowsAsync<HubException>(() => staff.Connection.InvokeAsync<Idea>("SetHallVotes", workshopId, idea, 100_001));
        Assert.StartsWith(ErrorCodes.InvalidInput + ": ", tooMany.Message, StringComparison.Ordinal);

        var export = await fixture.Api.GetAsync<JsonElement>($"api/workshops/{workshopId}/export?format=json", token);
        var workshop = export.GetProperty("workshops")[0];
        var exported = workshop.GetProperty("boards")[0].GetProperty("ideas")[0];
        Assert.Equal((0, 30, "paper"), (exported.GetProperty("votes").GetInt32(), exported.GetProperty("hallVotes").GetInt32(), exported.GetProperty("source").GetString()));
        var audit = workshop.GetProperty("audit").EnumerateArray()
            .Where(a => a.GetProperty("action").GetString() == "hall-votes")
            .Select(a => (a.GetProperty("role").GetString(), a.GetProperty("ideaId").GetString(), a.GetProperty("detail").GetString()))
            .ToList();
        Assert.Equal([("facilitator", idea, "0 → 12"), ("facilitator", idea, "12 → 30")], audit);
    }
}
