using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Cluster.Tests;

/// <summary>
/// The participants of a <see cref="StormScene"/> connected to their servers and voting, each
/// at its own pace; what was acknowledged, and the tallies the servers end with.
/// </summary>
internal sealed class FaultStorm : IAsyncDisposable
{
    private readonly FaultScale _scale;
    private Task? _running;

    private FaultStorm(StormScene scene, FaultScale scale, IReadOnlyList<StormParticipant> participants)
    {
        Scene = scene;
        _scale = scale;
        Participants = participants;
    }

    public StormScene Scene { get; }

    public IReadOnlyList<StormParticipant> Participants { get; }

    public int Acked => Participants.Sum(p => p.AckedCount);

    public static async Task<FaultStorm> ConnectAsync(StormScene scene, IReadOnlyList<string> servers, FaultScale scale, CancellationToken cancellationToken)
    {
        var participants = scene.Participants.Select(p => new StormParticipant(p, servers)).ToList();
        var storm = new FaultStorm(scene, scale, participants);
        try
        {
            await Parallel.ForEachAsync(participants, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (p, ct) => await p.ConnectAsync(ct));
        }
        catch
        {
            await storm.DisposeAsync();
            throw;
        }

        return storm;
    }

    /// <summary>Starts every participant voting; <see cref="WaitAsync"/> completes when all are done.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        var seed = 7;
        _running = Task.WhenAll(Participants.Select(p =>
        {
            var random = new Random(seed++);
            var spread = (_scale.MaxPause - _scale.MinPause).TotalMilliseconds;
            return Task.Run(() => p.RunAsync(() => _scale.MinPause + TimeSpan.FromMilliseconds(random.NextDouble() * spread), cancellationToken), cancellationToken);
        }));
    }

    public Task WaitAsync() => _running ?? throw new InvalidOperationException("the storm was not started");

    /// <summary>Waits until at least <paramref name="count"/> votes were acknowledged.</summary>
    public async Task WaitForAckedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Acked < count)
        {
            if (_running is { IsCompleted: true })
            {
                await _running;
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {Acked} of {count} votes acknowledged in {timeout}");
            }

            await Task.Delay(10);
        }
    }

    public IReadOnlyList<string> Problems() => [.. Participants.SelectMany(p => p.Problems)];

    /// <summary>Acknowledged votes per idea of one workshop.</summary>
    public Dictionary<string, int> AckedByIdea(string workshopId) =>
        Participants.Where(p => string.Equals(p.Who.WorkshopId, workshopId, StringComparison.Ordinal))
            .SelectMany(p => p.Acked)
            .GroupBy(v => v.IdeaId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The tallies a facilitator sees, per idea (ideas without votes included, as 0).</summary>
    public static async Task<Dictionary<string, int>> TalliesAsync(string server, SceneWorkshop workshop)
    {
        using var api = new WorkshopsApi(server);
        var snapshot = await api.GetAsync<WorkshopSnapshot>("api/workshops/" + workshop.WorkshopId, workshop.FacilitatorToken);
        return snapshot.Boards.SelectMany(b => b.Ideas).ToDictionary(i => i.IdeaId, i => i.Votes ?? 0, StringComparer.Ordinal);
    }

    /// <summary>Asserts that every workshop's tallies equal the acknowledged votes exactly: nothing lost, nothing doubled.</summary>
    public async Task AssertTalliesEqualAckedAsync(string server)
    {
        foreach (var workshop in Scene.Workshops)
        {
            var tallies = await TalliesAsync(server, workshop);
            var acked = AckedByIdea(workshop.WorkshopId);
            foreach (var (ideaId, votes) in tallies)
            {
                Assert.True(acked.GetValueOrDefault(ideaId) == votes,
                    $"workshop {workshop.WorkshopId}, idea {ideaId}: tally {votes}, acknowledged {acked.GetValueOrDefault(ideaId)}");
            }

            Assert.Equal(acked.Values.Sum(), tallies.Values.Sum());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Participants.Select(p => p.DisposeAsync().AsTask()));
    }
}
