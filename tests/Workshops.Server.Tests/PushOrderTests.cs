using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// The push path end to end (grain, WorkshopPublisher, this server's observer, the connections'
/// outboxes) with no reordering anywhere: what the grain publishes reaches each browser in order.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class PushOrderTests(ServerFixture fixture)
{
    private const int People = 5;

    [Fact]
    public async Task A_burst_of_mixed_changes_reaches_every_client_in_strictly_increasing_versions_without_a_gap()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var clients = new List<(HubClient Client, string Who, long JoinedAt, long TallySeq)>();
        var leaver = default(HubClient);
        try
        {
            var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token);
            var staffJoined = await staff.JoinAsync(workshopId);
            clients.Add((staff, "facilitator", staffJoined.Version, staffJoined.TallySeq));
            for (var i = 0; i < People; i++)
            {
                var person = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "Katılımcı " + N(i))).Token);
                var joined = await person.JoinAsync(workshopId);
                clients.Add((person, "participant " + N(i), joined.Version, joined.TallySeq));
            }

            var people = clients.Skip(1).Select(c => c.Client).ToList();
            leaver = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "Erken giden")).Token);
            await leaver.JoinAsync(workshopId);
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");

            // Burst one, nobody waiting for anybody: ideas from everyone, staff steering, a late joiner.
            var ideaCalls = people.Append(staff).SelectMany((c, i) => Enumerable.Range(0, 3).Select(k =>
                c.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput
                {
                    BoardId = "b" + N((k % 3) + 1),
                    Text = "Fikir " + N(i) + "." + N(k) + ": İstanbul'da ışıklı yönlendirme",
                    ClientOpId = "idea-" + N(k),
                }))).ToList();
            var steering = new List<Task>
            {
                staff.Connection.InvokeAsync("StartTimer", workshopId, 300),
                JoinLateAsync(),
            };
            var ideas = await Task.WhenAll(ideaCalls);
            await Task.WhenAll(steering);
            var everyone = await staff.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Payload.GetProperty("participants").GetInt32() == People + 2);

            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");

            // Burst two: votes (the tally stream) mixed with edits, hiding, the timer and a leaver.
            // Each participant votes once on each board, for the ideas of the next participant.
            var mixed = new List<Task>();
            mixed.AddRange(people.Select((p, i) => Task.WhenAll(Enumerable.Range(0, 3).Select(k =>
                p.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideas[(((i + 1) % People) * 3) + k].IdeaId, "vote-" + N(k))))));
            mixed.Add(staff.Connection.InvokeAsync<Idea>("EditIdea", workshopId, ideas[0].IdeaId, "Fikir 0.0, düzeltilmiş: IŞIK ve ses"));
            mixed.Add(staff.Connection.InvokeAsync<Idea>("HideIdea", workshopId, ideas[^1].IdeaId));
            mixed.Add(staff.Connection.InvokeAsync("StopTimer", workshopId));
            mixed.Add(leaver.DisposeAsync().AsTask());
            await Task.WhenAll(mixed);
            leaver = null;

            // Everyone still here is counted (the leaver's presence change is out), then one last change.
            await staff.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Version > everyone.Version && e.Payload.GetProperty("participants").GetInt32() == People + 1);
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Results");
            var final = await staff.JoinAsync(workshopId);

            foreach (var (client, who, joinedAt, tallySeq) in clients)
            {
                await client.WaitForAsync(e => e.WorkshopId == workshopId && e.Version == final.Version);
                var versions = client.VersionedEvents.Where(e => e.WorkshopId == workshopId && e.Version > joinedAt).Select(e => e.Version!.Value).ToList();
                Assert.True(
                    versions.SequenceEqual(Enumerable.Range((int)joinedAt + 1, (int)(final.Version - joinedAt)).Select(v => (long)v)),
                    $"{who} saw versions {string.Join(",", versions)} after {joinedAt}, expected every one up to {final.Version}");
                var seqs = client.Events.Where(e => e.WorkshopId == workshopId && e.Seq > tallySeq).Select(e => e.Seq!.Value).ToList();
                Assert.True(
                    seqs.SequenceEqual(Enumerable.Range((int)tallySeq + 1, seqs.Count).Select(s => (long)s)),
                    $"{who} saw tally seqs {string.Join(",", seqs)} after {tallySeq}");
            }

            // The burst was mixed: the facilitator's stream holds each kind of change, and tallies.
            var kinds = staff.Events.Where(e => e.WorkshopId == workshopId).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(
                new HashSet<string>(StringComparer.Ordinal) { EventNames.IdeaAdded, EventNames.IdeaChanged, EventNames.TimerChanged, EventNames.PresenceChanged, EventNames.PhaseChanged, EventNames.TalliesChanged },
                kinds);
        }
        finally
        {
            if (leaver is not null)
            {
                await leaver.DisposeAsync();
            }

            foreach (var (client, _, _, _) in clients)
            {
                await client.DisposeAsync();
            }
        }

        async Task JoinLateAsync()
        {
            var late = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "Geç gelen")).Token);
            var joined = await late.JoinAsync(workshopId);
            lock (clients)
            {
                clients.Add((late, "late joiner", joined.Version, joined.TallySeq));
            }
        }
    }

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);
}
