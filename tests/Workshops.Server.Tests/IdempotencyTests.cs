using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// A phone whose connection dies re-sends its operation with the same clientOpId on a new
/// connection (PROTOCOL.md section 3). Connections are cut abruptly by a proxy: once after the
/// answer arrived, once after the server acted but before its answer got through.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class IdempotencyTests(ServerFixture fixture)
{
    [Fact]
    public async Task CastVote_resent_with_the_same_clientOpId_after_a_dropped_connection_counts_once()
    {
        var created = await fixture.CreateEventAsync(new WorkshopSettings { VotesPerBoard = 3, MaxVotesPerIdea = 1 });
        var workshopId = created.Workshops[0].WorkshopId;
        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        var x = (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Ortak ulaşım kartı", ClientOpId = "x" })).IdeaId;
        var y = (await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Gençlik meclisi", ClientOpId = "y" })).IdeaId;
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        var token = (await fixture.Api.JoinAsync(created.JoinCode, "Telefonlu Katılımcı")).Token;
        await using var proxy = FaultyProxy.Start(fixture.Server.BaseUrl);

        // 1. The receipt arrived, then the network died: the re-sent vote returns the same receipt.
        var first = await HubClient.ConnectAsync(proxy.BaseUrl, token);
        var receipt = await first.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, x, "vote-x");
        Assert.Equal(new VoteReceipt(x, 1, 2), receipt);
        proxy.CutAll();
        await WaitUntilClosedAsync(first);
        await first.DisposeAsync();
        await using var second = await HubClient.ConnectAsync(proxy.BaseUrl, token);
        Assert.Equal(receipt, await second.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, x, "vote-x"));

        // 2. The vote was stored but its answer was lost with the connection: the phone cannot
        // know, so it sends again.
        proxy.DropServerMessages = true;
        var lost = second.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, y, "vote-y");
        await WaitUntilAnswerLostAsync(proxy);
        Assert.Equal(1, VotesOf(await SnapshotAsync(workshopId, staffToken), y));
        proxy.CutAll();
        await Assert.ThrowsAnyAsync<Exception>(() => lost);
        proxy.DropServerMessages = false;
        await using var third = await HubClient.ConnectAsync(proxy.BaseUrl, token);
        Assert.Equal(new VoteReceipt(y, 1, 1), await third.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, y, "vote-y"));
        Assert.Equal(receipt, await third.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, x, "vote-x"));

        // Each vote counted once: in the tallies, in the person's budget, and in the export.
        var staffView = await SnapshotAsync(workshopId, staffToken);
        Assert.Equal(1, VotesOf(staffView, x));
        Assert.Equal(1, VotesOf(staffView, y));
        var mine = (await SnapshotAsync(workshopId, token)).GetProperty("me");
        Assert.Equal(1, mine.GetProperty("votes").GetProperty(x).GetInt32());
        Assert.Equal(1, mine.GetProperty("votes").GetProperty(y).GetInt32());
        Assert.Equal(1, mine.GetProperty("remaining").GetProperty("b1").GetInt32());
        var export = await fixture.Api.GetAsync<JsonElement>($"api/workshops/{workshopId}/export?format=json", staffToken);
        Assert.Equal(2, export.GetProperty("workshops")[0].GetProperty("votes").GetInt32());

        // A new operation id is a new vote: refused by the per-idea limit, so the first one counted.
        var again = await Assert.ThrowsAsync<HubException>(() => third.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, x, "vote-x-2"));
        Assert.StartsWith("vote_limit: ", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddIdea_resent_with_the_same_clientOpId_after_a_dropped_connection_adds_one_idea()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using (var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken))
        {
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        }

        var token = (await fixture.Api.JoinAsync(created.JoinCode, "Telefonlu Katılımcı")).Token;
        await using var proxy = FaultyProxy.Start(fixture.Server.BaseUrl);

        // 1. Answer received, then the connection died.
        var first = await HubClient.ConnectAsync(proxy.BaseUrl, token);
        var added = await first.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Köy okullarına kütüphane", ClientOpId = "idea-1" });
        proxy.CutAll();
        await WaitUntilClosedAsync(first);
        await first.DisposeAsync();
        await using var second = await HubClient.ConnectAsync(proxy.BaseUrl, token);
        var resent = await second.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Köy okullarına kütüphane", ClientOpId = "idea-1" });
        Assert.Equal(added.IdeaId, resent.IdeaId);
        Assert.Equal(added.Text, resent.Text);
        Assert.True(resent.Mine);

        // The same id with other content is still the first operation: nothing changes.
        var altered = await second.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b2", Text = "Başka bir metin", ClientOpId = "idea-1" });
        Assert.Equal(added.IdeaId, altered.IdeaId);
        Assert.Equal("Köy okullarına kütüphane", altered.Text);
        Assert.Equal("b1", altered.BoardId);

        // 2. Stored, answer lost, connection dead: sent again.
        proxy.DropServerMessages = true;
        var lost = second.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b2", Text = "Mahalle gönüllüleri", ClientOpId = "idea-2" });
        await WaitUntilAnswerLostAsync(proxy);
        var storedId = Assert.Single(IdeasWithText(await SnapshotAsync(workshopId, staffToken), "Mahalle gönüllüleri"));
        proxy.CutAll();
        await Assert.ThrowsAnyAsync<Exception>(() => lost);
        proxy.DropServerMessages = false;
        await using var third = await HubClient.ConnectAsync(proxy.BaseUrl, token);
        var second2 = await third.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b2", Text = "Mahalle gönüllüleri", ClientOpId = "idea-2" });
        Assert.Equal(storedId, second2.IdeaId);

        var staffView = await SnapshotAsync(workshopId, staffToken);
        Assert.Single(IdeasWithText(staffView, "Köy okullarına kütüphane"));
        Assert.Single(IdeasWithText(staffView, "Mahalle gönüllüleri"));
        Assert.Equal(2, staffView.GetProperty("boards").EnumerateArray().Sum(b => b.GetProperty("ideas").GetArrayLength()));
    }

    private Task<JsonElement> SnapshotAsync(string workshopId, string token) =>
        fixture.Api.GetAsync<JsonElement>("api/workshops/" + workshopId, token);

    private static int? VotesOf(JsonElement snapshot, string ideaId) =>
        snapshot.GetProperty("boards").EnumerateArray()
            .SelectMany(b => b.GetProperty("ideas").EnumerateArray())
            .Where(i => i.GetProperty("ideaId").GetString() == ideaId)
            .Select(i => (int?)i.GetProperty("votes").GetInt32())
            .SingleOrDefault();

    private static List<string> IdeasWithText(JsonElement snapshot, string text) =>
        [.. snapshot.GetProperty("boards").EnumerateArray()
            .SelectMany(b => b.GetProperty("ideas").EnumerateArray())
            .Where(i => i.GetProperty("text").GetString() == text)
            .Select(i => i.GetProperty("ideaId").GetString()!)];

    /// <summary>The server answers only after storing; its completion (type 3) was lost on the way.</summary>
    private static Task WaitUntilAnswerLostAsync(FaultyProxy proxy) =>
        Poll.UntilAsync(() => Task.FromResult(proxy.Dropped.Any(m => m.Contains("\"type\":3", StringComparison.Ordinal))), "the answer to be sent and lost");

    private static Task WaitUntilClosedAsync(HubClient client) =>
        Poll.UntilAsync(() => Task.FromResult(client.Connection.State == HubConnectionState.Disconnected), "the cut connection to close");
}
