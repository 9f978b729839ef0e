using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;
using Xunit.Abstractions;

namespace Workshops.Server.Tests;

/// <summary>One connection that stops reading must not hold up everybody else's pushes.</summary>
[Collection(ServerCollection.Name)]
public sealed class SlowReaderTests(ServerFixture fixture, ITestOutputHelper output)
{
    private const int Edits = 300;
    private const int Watchers = 3;
    private const int Streams = 4;

    [Fact]
    public async Task A_connection_that_stops_reading_is_closed_and_does_not_delay_the_others()
    {
        var created = await fixture.CreateEventAsync(new WorkshopSettings { MaxIdeaLength = 2000 });
        var workshopId = created.Workshops[0].WorkshopId;
        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken);
        await staff.JoinAsync(workshopId);
        var ideas = new List<Idea>();
        for (var i = 0; i < Streams; i++)
        {
            ideas.Add(await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "İlk hâli " + i, ClientOpId = "first-" + i }));
        }

        // The phone that walks away: joins, then never reads again.
        var slowToken = (await fixture.Api.JoinAsync(created.JoinCode, "Uzaklaşan")).Token;
        await using var slow = await RawHubSocket.ConnectAsync(new Uri(fixture.Server.BaseUrl), slowToken);
        var joined = await slow.InvokeAsync("1", "JoinWorkshop", workshopId);
        Assert.DoesNotContain("\"error\"", joined, StringComparison.Ordinal);

        // Everyone else measures when each edit reaches them.
        var arrivals = new ConcurrentDictionary<(int Watcher, int Edit), long>();
        var watchers = new List<HubClient>();
        for (var w = 0; w < Watchers; w++)
        {
            var watcher = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "İzleyen " + w)).Token);
            var index = w;
            watcher.Connection.On<JsonElement>(EventNames.IdeaChanged, e =>
            {
                var text = e.GetProperty("idea").GetProperty("text").GetString()!;
                arrivals.TryAdd((index, int.Parse(text[1..text.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture)), Stopwatch.GetTimestamp());
            });
            await watcher.JoinAsync(workshopId);
            watchers.Add(watcher);
        }

        // Long Turkish text: each event is some 12 KB on the wire (JSON escapes non-ASCII).
        // Edits go in a few parallel streams, one idea each, so that the flood is quick.
        var acknowledged = new long[Edits];
        await Task.WhenAll(ideas.Select(async (idea, stream) =>
        {
            for (var i = stream; i < Edits; i += Streams)
            {
                var text = "#" + i.ToString(CultureInfo.InvariantCulture) + " " + new string(i % 2 == 0 ? 'ş' : 'ğ', 1990);
                await staff.Connection.InvokeAsync<Idea>("EditIdea", workshopId, idea.IdeaId, text);
                acknowledged[i] = Stopwatch.GetTimestamp();
            }
        }));

        // Every edit reached every watcher, each soon after it was acknowledged.
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 20;
        while (arrivals.Count < Edits * Watchers && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(Edits * Watchers, arrivals.Count);
        var latencies = arrivals.Select(a => Stopwatch.GetElapsedTime(acknowledged[a.Key.Edit], Math.Max(a.Value, acknowledged[a.Key.Edit]))).OrderBy(t => t).ToList();
        var worst = latencies[^1];
        Log($"{Edits} edits to {Watchers} watchers beside one non-reading connection: median {latencies[latencies.Count / 2].TotalMilliseconds:F0} ms, worst {worst.TotalMilliseconds:F0} ms");

        // A stalled fan-out waits for the transport's send timeout (seconds) on every push.
        Assert.True(worst < TimeSpan.FromSeconds(3), "worst delivery " + worst);

        // The server gave up on the reader instead of queueing for it: it reads what the kernel
        // buffers held, then the end of the connection, well short of every edit.
        var received = 0;
        while (await slow.ReceiveAsync(TimeSpan.FromSeconds(20)) is { } message)
        {
            received += message.Contains("\"ideaChanged\"", StringComparison.Ordinal) ? 1 : 0;
            Assert.True(received < Edits, "the non-reading connection got every edit: nothing was bounded");
        }

        Log($"the non-reading connection received {received} of {Edits} edits before the server closed it");
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }
    }

    private void Log(string line)
    {
        output.WriteLine(line);
        System.Console.WriteLine(line);
    }
}
