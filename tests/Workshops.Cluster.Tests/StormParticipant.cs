using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Cluster.Tests;

/// <summary>
/// One participant of a vote storm, behaving as the browser client should: it casts its planned
/// votes one by one; a refusal "unavailable:" is retried with the same clientOpId; when its
/// connection breaks it connects to the next server (or the same one, when there is only one),
/// joins again, checks that every vote it saw acknowledged is in its fresh snapshot, and re-sends
/// the vote that had no answer with the same clientOpId.
/// </summary>
internal sealed class StormParticipant(SceneParticipant who, IReadOnlyList<string> servers) : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly List<PlannedVote> _acked = [];
    private readonly Lock _gate = new();
    private HubConnection? _connection;
    private int _server = who.HomeServer;
    private int _ackedCount;
    private int _reconnects;
    private int _retries;
    private int _storedUnacknowledged;
    private PlannedVote? _inFlight;

    public SceneParticipant Who => who;

    /// <summary>The server this participant is connected to now.</summary>
    public int Server => Volatile.Read(ref _server);

    public int AckedCount => Volatile.Read(ref _ackedCount);

    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Calls answered "unavailable:" (or "rate_limited:") and sent again.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Votes whose answer was lost with the connection but which the server had stored (seen in the next snapshot).</summary>
    public int StoredUnacknowledged => Volatile.Read(ref _storedUnacknowledged);

    /// <summary>The longest time from a broken connection to a working one (joined again).</summary>
    public TimeSpan LongestReconnect { get; private set; }

    /// <summary>What went wrong in a way the contract does not allow; a test asserts it stays empty.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    public IReadOnlyList<PlannedVote> Acked
    {
        get
        {
            lock (_gate)
            {
                return [.. _acked];
            }
        }
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (!await TryConnectAsync(servers[_server], cancellationToken))
        {
            throw new InvalidOperationException($"participant {who.Number} could not connect to {servers[_server]}");
        }
    }

    public async Task RunAsync(Func<TimeSpan> pause, CancellationToken cancellationToken)
    {
        foreach (var vote in who.Plan)
        {
            await Task.Delay(pause(), cancellationToken);
            await SendUntilAnsweredAsync(vote, cancellationToken);
        }
    }

    private async Task SendUntilAnsweredAsync(PlannedVote vote, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_connection is not { State: HubConnectionState.Connected })
            {
                await ReconnectAsync(cancellationToken);
            }

            try
            {
                _inFlight = vote;
                var receipt = await _connection!.InvokeAsync<VoteReceipt>("CastVote", who.WorkshopId, vote.IdeaId, vote.ClientOpId, cancellationToken);
                if (!string.Equals(receipt.IdeaId, vote.IdeaId, StringComparison.Ordinal) || receipt.MyVotes != 1)
                {
                    Problems.Enqueue($"participant {who.Number}: {vote} answered with {receipt}");
                }

                lock (_gate)
                {
                    _acked.Add(vote);
                }

                Interlocked.Increment(ref _ackedCount);
                _inFlight = null;
                return;
            }
            catch (HubException ex) when (IsTransient(ex))
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (HubException ex)
            {
                Problems.Enqueue($"participant {who.Number}: {vote} refused: {ex.Message}");
                _inFlight = null;
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The connection broke (server killed): no answer, so the vote is sent again after reconnecting.
                await DropAsync();
            }
        }
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        var broken = Stopwatch.StartNew();
        await DropAsync();
        for (var attempt = 1; ; attempt++)
        {
            // The server we were on is the suspect: try the next one first (the same one when alone).
            var next = (_server + 1) % servers.Count;
            Volatile.Write(ref _server, next);
            if (await TryConnectAsync(servers[next], cancellationToken))
            {
                Interlocked.Increment(ref _reconnects);
                if (broken.Elapsed > LongestReconnect)
                {
                    LongestReconnect = broken.Elapsed;
                }

                return;
            }

            await Task.Delay(attempt % servers.Count == 0 ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Connects and joins; false when the server does not take the connection.</summary>
    private async Task<bool> TryConnectAsync(string server, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(server + "/hubs/workshop", o => o.AccessTokenProvider = () => Task.FromResult<string?>(who.Token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = WorkshopsApi.Json)
            .Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await connection.StartAsync(timeout.Token);
            WorkshopSnapshot snapshot;
            while (true)
            {
                try
                {
                    snapshot = await connection.InvokeAsync<WorkshopSnapshot>("JoinWorkshop", who.WorkshopId, cancellationToken);
                    break;
                }
                catch (HubException ex) when (IsTransient(ex))
                {
                    // The workshop's grain is on its way to another server.
                    Interlocked.Increment(ref _retries);
                    await Task.Delay(RetryDelay, cancellationToken);
                }
            }

            CheckAckedAreStored(snapshot);
            _connection = connection;
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not HubException)
        {
            await connection.DisposeAsync();
            return false;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Nothing acknowledged may be lost: each acknowledged vote is in the snapshot taken after reconnecting.</summary>
    private void CheckAckedAreStored(WorkshopSnapshot snapshot)
    {
        foreach (var vote in Acked)
        {
            if (snapshot.Me.Votes.GetValueOrDefault(vote.IdeaId) < 1)
            {
                Problems.Enqueue($"participant {who.Number}: acknowledged {vote} is missing after reconnecting");
            }
        }

        if (_inFlight is { } unanswered && snapshot.Me.Votes.GetValueOrDefault(unanswered.IdeaId) > 0)
        {
            Interlocked.Increment(ref _storedUnacknowledged);
        }
    }

    private static bool IsTransient(HubException error) =>
        error.Message.StartsWith(ErrorCodes.Unavailable + ":", StringComparison.Ordinal)
        || error.Message.StartsWith(ErrorCodes.RateLimited + ":", StringComparison.Ordinal);

    private async Task DropAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(DropAsync());
}
