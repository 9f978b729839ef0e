using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>A whole workshop over real connections with the official .NET SignalR client.</summary>
[Collection(ServerCollection.Name)]
public sealed class WholeWorkshopTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_workshop_runs_from_brainstorm_to_outputs_over_signalr()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var facilitatorToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using var facilitator = await HubClient.ConnectAsync(fixture.Server.BaseUrl, facilitatorToken);
        var start = await facilitator.JoinAsync(workshopId);
        Assert.Equal(Role.Facilitator, start.Me.Role);
        Assert.Equal(["Etki", "Sürdürülebilirlik", "İş Birliği"], start.Boards.Select(b => b.Area));

        var people = new List<HubClient>();
        var groups = new[] { "Kamu kurumu", "Sivil toplum kuruluşu", "" };
        for (var i = 0; i < 3; i++)
        {
            var joined = await fixture.Api.JoinAsync(created.JoinCode, "Katılımcı " + i, groups[i] == "" ? null : groups[i]);
            var client = await HubClient.ConnectAsync(fixture.Server.BaseUrl, joined.Token);
            await client.JoinAsync(workshopId);
            people.Add(client);
        }

        try
        {
            await facilitator.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Payload.GetProperty("participants").GetInt32() == 3);

            await facilitator.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
            var ideaA = await people[0].Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Engelli bireyler için erişilebilir ulaşım", ClientOpId = "a1" });
            var ideaB = await people[1].Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Işık ve ses uyarıları", ClientOpId = "b1" });
            Assert.True(ideaA.Mine);
            await people[2].WaitForAsync(e => e.Name == EventNames.IdeaAdded && e.Payload.GetProperty("idea").GetProperty("ideaId").GetString() == ideaB.IdeaId);

            await facilitator.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
            var receipts = new List<VoteReceipt>();
            foreach (var person in people)
            {
                receipts.Add(await person.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideaA.IdeaId, "v-a"));
            }

            receipts.Add(await people[0].Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideaB.IdeaId, "v-b"));
            Assert.All(receipts, r => Assert.Equal(1, r.MyVotes));
            Assert.Equal(1, receipts[^1].Remaining);

            // The facilitator sees the final tallies; participants do not while results are hidden.
            await facilitator.WaitForAsync(e => e.Name == EventNames.TalliesChanged
                && e.Payload.GetProperty("tallies").TryGetProperty(ideaA.IdeaId, out var votes) && votes.GetInt32() == 3);
            Assert.DoesNotContain(people[1].Events, e => e.Name == EventNames.TalliesChanged);

            await facilitator.Connection.InvokeAsync("SetPhase", workshopId, "Results");
            await people[1].WaitForAsync(e => e.Name == EventNames.TalliesChanged
                && e.Payload.GetProperty("tallies").GetProperty(ideaA.IdeaId).GetInt32() == 3);

            var output = await facilitator.Connection.InvokeAsync<Output>("SetOutput", workshopId, "b1",
                new OutputInput { Text = "Erişilebilir ulaşım ve uyarı sistemleri", SourceIdeaIds = [ideaA.IdeaId, ideaB.IdeaId] });
            Assert.Equal(OutputSource.Facilitator, output.Source);
            Assert.Equal(4, output.Votes);
            // Two Kamu voters and one undeclared: too few to show any group's votes (section 10).
            Assert.Empty(output.VotesByGroup);
            await people[2].WaitForAsync(e => e.Name == EventNames.OutputChanged
                && e.Payload.GetProperty("output").GetProperty("source").GetString() == "facilitator");

            await facilitator.Connection.InvokeAsync("SetPhase", workshopId, "Closed");
            var wrong = await Assert.ThrowsAsync<HubException>(() =>
                people[0].Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideaB.IdeaId, "late"));
            Assert.StartsWith("wrong_phase:", wrong.Message, StringComparison.Ordinal);

            // Every client saw a gap-free version sequence, and all end on the same version.
            var final = await facilitator.JoinAsync(workshopId);
            foreach (var client in people.Append(facilitator))
            {
                await client.WaitForAsync(e => e.Version == final.Version);
                AssertGapFree(client.VersionedEvents.Where(e => e.WorkshopId == workshopId).Select(e => e.Version!.Value).ToList());
            }

            var exported = await fixture.Api.GetAsync<JsonElement>($"api/workshops/{workshopId}/export?format=json", facilitatorToken);
            var ws = exported.GetProperty("workshops")[0];
            Assert.Equal(4, ws.GetProperty("votes").GetInt32());
            Assert.Equal("Erişilebilir ulaşım ve uyarı sistemleri", ws.GetProperty("outputs")[0].GetProperty("text").GetString());
        }
        finally
        {
            foreach (var person in people)
            {
                await person.DisposeAsync();
            }
        }
    }

    private static void AssertGapFree(List<long> versions)
    {
        for (var i = 1; i < versions.Count; i++)
        {
            Assert.True(versions[i] == versions[i - 1] + 1, $"gap or reorder between {versions[i - 1]} and {versions[i]}: {string.Join(",", versions)}");
        }
    }
}
