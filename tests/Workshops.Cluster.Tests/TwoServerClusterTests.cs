using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;
using Xunit.Abstractions;

namespace Workshops.Cluster.Tests;

/// <summary>Two server processes in one cluster (localhost clustering with a primary): one workshop, people on both.</summary>
public sealed class TwoServerClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Participants_on_different_servers_receive_every_event_and_end_with_identical_snapshots()
    {
        await using var cluster = new ProcessCluster();
        var (primary, secondary) = await cluster.StartLocalPairAsync();
        var servers = new[] { primary.BaseUrl, secondary.BaseUrl };

        using var api = new WorkshopsApi(primary.BaseUrl);
        var admin = (await api.SignInAsync(ServerOptions.TestAdminKey)).Token;
        var created = await api.CreateEventAsync(admin, new EventProgram
        {
            Title = "İki sunuculu çalıştay",
            Workshops = [new() { Title = "Işık ve İletişim" }],
            Settings = new WorkshopSettings { VotesPerBoard = 2, MaxVotesPerIdea = 1 },
        });
        var workshopId = created.Workshops[0].WorkshopId;

        // A facilitator on each server; three participants on each, who join through their own server.
        var facilitatorToken = (await api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        var clients = new List<(HubClient Client, int Server, Role Role, long JoinedAt)>();
        try
        {
            for (var s = 0; s < servers.Length; s++)
            {
                var facilitator = await HubClient.ConnectAsync(servers[s], facilitatorToken);
                clients.Add((facilitator, s, Role.Facilitator, (await facilitator.JoinAsync(workshopId)).Version));
            }

            for (var i = 0; i < 6; i++)
            {
                var s = i % 2;
                using var serverApi = new WorkshopsApi(servers[s]);
                var joined = await serverApi.JoinAsync(created.JoinCode, "Katılımcı " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var participant = await HubClient.ConnectAsync(servers[s], joined.Token);
                clients.Add((participant, s, Role.Participant, (await participant.JoinAsync(workshopId)).Version));
            }

            var facilitators = clients.Where(c => c.Role == Role.Facilitator).Select(c => c.Client).ToList();
            var people = clients.Where(c => c.Role == Role.Participant).Select(c => c.Client).ToList();
            var lead = facilitators[0].Connection;
            await lead.InvokeAsync("SetPhase", workshopId, "Brainstorm");

            // Everyone adds an idea through their own server, at the same time.
            var ideas = await Task.WhenAll(people.Select((p, i) => p.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput
            {
                BoardId = "b" + ((i % 3) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Text = "Fikir " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": İstanbul'da ışıklı yönlendirme",
                ClientOpId = "idea-1",
            })));
            var staffIdea = await facilitators[1].Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b2", Text = "Kolaylaştırıcının notu", ClientOpId = "staff-1" });
            await facilitators[1].Connection.InvokeAsync<Idea>("HideIdea", workshopId, staffIdea.IdeaId);
            await facilitators[1].Connection.InvokeAsync<Idea>("EditIdea", workshopId, ideas[4].IdeaId, "Fikir 4, düzeltilmiş: IŞIK ve ses");
            await lead.InvokeAsync("StartTimer", workshopId, 300);
            await lead.InvokeAsync("SetPhase", workshopId, "Voting");

            // Votes from both servers on ideas that live on both boards.
            await Task.WhenAll(people.Select((p, i) => p.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideas[(i + 1) % 5].IdeaId, "vote-1")));
            await Task.WhenAll(people.Select((p, i) => p.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideas[(i + 2) % 5].IdeaId, "vote-2")));
            await facilitators[1].Connection.InvokeAsync("StopTimer", workshopId);
            await lead.InvokeAsync("SetPhase", workshopId, "Results");
            await facilitators[1].Connection.InvokeAsync<Output>("SetOutput", workshopId, "b1", new OutputInput
            {
                Text = "Erişilebilir ışıklı yönlendirme",
                SourceIdeaIds = [ideas[0].IdeaId],
            });

            // The last version, once the coalesced tallies are out too; every client must get there without a gap.
            var final = await facilitators[0].JoinAsync(workshopId);
            while (true)
            {
                await Task.Delay(500);
                var again = await facilitators[0].JoinAsync(workshopId);
                if (again.Version == final.Version)
                {
                    break;
                }

                final = again;
            }

            foreach (var (client, server, role, joinedAt) in clients)
            {
                await client.WaitForAsync(e => e.WorkshopId == workshopId && e.Version >= final.Version, TimeSpan.FromSeconds(20));
                var versions = client.VersionedEvents.Where(e => e.WorkshopId == workshopId && e.Version > joinedAt).Select(e => e.Version!.Value).ToList();
                Assert.True(
                    versions.SequenceEqual(Enumerable.Range((int)joinedAt + 1, (int)(final.Version - joinedAt)).Select(v => (long)v)),
                    $"{role} on server {server} saw versions {string.Join(",", versions)} after {joinedAt}, expected every one up to {final.Version}");
            }

            // Participants on both servers saw every participant's idea arrive, and the tallies once results were shown.
            for (var i = 0; i < people.Count; i++)
            {
                var added = people[i].Events.Where(e => e.Name == EventNames.IdeaAdded).Select(e => e.Payload.GetProperty("idea").GetProperty("ideaId").GetString()).ToHashSet(StringComparer.Ordinal);
                var missed = ideas.Where((idea, j) => j != i && !added.Contains(idea.IdeaId)).Select(idea => idea.IdeaId).ToList();
                Assert.True(missed.Count == 0, $"participant {i} on server {i % 2} missed ideaAdded of {string.Join(",", missed)}");
                Assert.Contains(people[i].Events, e => e.Name == EventNames.TalliesChanged);
            }

            // Snapshots agree, per role, whichever server answers.
            var snapshots = new List<(Role Role, int Server, string Json)>();
            foreach (var (client, server, role, _) in clients)
            {
                var snapshot = await client.JoinAsync(workshopId);
                Assert.Equal(final.Version, snapshot.Version);
                snapshots.Add((role, server, Normalize(snapshot)));
            }

            foreach (var role in new[] { Role.Facilitator, Role.Participant })
            {
                var ofRole = snapshots.Where(s => s.Role == role).ToList();
                Assert.Contains(ofRole, s => s.Server == 0);
                Assert.Contains(ofRole, s => s.Server == 1);
                Assert.All(ofRole, s => Assert.Equal(ofRole[0].Json, s.Json));
            }

            var results = JsonNode.Parse(snapshots.First(s => s.Role == Role.Participant).Json)!;
            Assert.DoesNotContain(results["boards"]!.AsArray().SelectMany(b => b!["ideas"]!.AsArray()), i => (string?)i!["ideaId"] == staffIdea.IdeaId);
            Assert.Equal(12, results["boards"]!.AsArray().SelectMany(b => b!["ideas"]!.AsArray()).Sum(i => i!["votes"]?.GetValue<int>() ?? 0));
            output.WriteLine($"final version {final.Version}; {clients.Count} clients on 2 servers, all gap-free");
        }
        finally
        {
            foreach (var (client, _, _, _) in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>The snapshot without what depends on who asks (me, and which ideas are mine).</summary>
    private static string Normalize(WorkshopSnapshot snapshot)
    {
        var node = JsonSerializer.SerializeToNode(snapshot, WorkshopsApi.Json)!.AsObject();
        node.Remove("me");
        foreach (var board in node["boards"]!.AsArray())
        {
            foreach (var idea in board!["ideas"]!.AsArray())
            {
                idea!.AsObject().Remove("mine");
            }
        }

        return node.ToJsonString();
    }
}
