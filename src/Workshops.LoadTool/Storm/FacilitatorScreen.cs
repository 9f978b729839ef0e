using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;

namespace Workshops.LoadTool.Storm;

/// <summary>
/// A facilitator's screen: one connection in one workshop that keeps the tallies as the pages do
/// (snapshot, then talliesChanged; a gap in version, or in the tally stream's seq, means a fresh
/// snapshot) and remembers when
/// each state was shown, so the storm can tell when the final tallies appeared.
/// </summary>
internal sealed class FacilitatorScreen(string workshopId, string token, int urlIndex, VoteStormOptions options, StormErrors errors)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _tallies = new(StringComparer.Ordinal);
    private readonly List<(long At, Dictionary<string, int> Tallies)> _history = [];
    private HubConnection? _connection;
    private long _version;
    private long _tallySeq;
    private int _urlIndex = urlIndex;
    private int _reconnectsLeft = options.MaxReconnects;
    private int _resyncing;
    private volatile bool _disposing;

    public string WorkshopId => workshopId;

    public int Resyncs { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (_connection is { } old)
                {
                    old.Closed -= OnClosed;
                    await StormConnection.DisposeQuietlyAsync(old, options.CallTimeout);
                }

                var connection = StormConnection.Create(options.Urls[_urlIndex], token);
                foreach (var name in StormEvents.Names)
                {
                    connection.On<JsonElement>(name, payload => OnEvent(name, payload));
                }

                connection.Closed += OnClosed;
                _connection = connection;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.CallTimeout);
                await connection.StartAsync(timeout.Token);
                Apply(await connection.InvokeAsync<WorkshopSnapshot>("JoinWorkshop", workshopId, timeout.Token));
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && _reconnectsLeft > 0)
            {
                errors.Add("screen_" + HubErrors.Classify(ex).Code);
                _reconnectsLeft--;
                _urlIndex = (_urlIndex + 1) % options.Urls.Count;
                await Task.Delay(options.Backoff(attempt), cancellationToken);
            }
        }
    }

    public async Task SetPhaseAsync(WorkshopPhase phase, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CallTimeout);
        await _connection!.InvokeAsync("SetPhase", workshopId, phase.ToString(), timeout.Token);
    }

    /// <summary>
    /// Waits until this screen shows exactly <paramref name="expected"/>; returns the moment it
    /// first did (it may be before the call), or null when it did not within the timeout.
    /// </summary>
    public async Task<long?> WaitForAsync(IReadOnlyDictionary<string, int> expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            lock (_gate)
            {
                foreach (var (at, tallies) in _history)
                {
                    if (Same(tallies, expected))
                    {
                        return at;
                    }
                }
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return null;
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    private static bool Same(Dictionary<string, int> shown, IReadOnlyDictionary<string, int> expected)
    {
        foreach (var (ideaId, votes) in expected)
        {
            if (shown.GetValueOrDefault(ideaId) != votes)
            {
                return false;
            }
        }

        foreach (var (ideaId, votes) in shown)
        {
            if (votes != 0 && !expected.ContainsKey(ideaId))
            {
                return false;
            }
        }

        return true;
    }

    private void Apply(WorkshopSnapshot snapshot)
    {
        lock (_gate)
        {
            if (snapshot.Version < _version || snapshot.TallySeq < _tallySeq)
            {
                return;
            }

            _version = snapshot.Version;
            _tallySeq = snapshot.TallySeq;
            _tallies.Clear();
            foreach (var idea in snapshot.Boards.SelectMany(b => b.Ideas))
            {
                _tallies[idea.IdeaId] = idea.Votes ?? 0;
            }

            Shown();
        }
    }

    private void OnEvent(string name, JsonElement payload)
    {
        // Two streams: talliesChanged carries its own seq, every other event the version.
        var tallies = name == EventNames.TalliesChanged;
        var number = payload.GetProperty(tallies ? "seq" : "version").GetInt64();
        var gap = false;
        lock (_gate)
        {
            var last = tallies ? _tallySeq : _version;
            if (number <= last)
            {
                // Already in the snapshot taken after a resync.
                return;
            }

            if (number != last + 1)
            {
                gap = true;
            }
            else if (tallies)
            {
                _tallySeq = number;
                foreach (var tally in payload.GetProperty("tallies").EnumerateObject())
                {
                    _tallies[tally.Name] = tally.Value.GetInt32();
                }

                Shown();
            }
            else
            {
                _version = number;
            }
        }

        if (gap)
        {
            // As the pages do: a lost event means a fresh snapshot. Not from inside the handler,
            // which runs on the connection's receive loop.
            _ = Task.Run(ResyncAsync);
        }
    }

    private async Task ResyncAsync()
    {
        if (Interlocked.Exchange(ref _resyncing, 1) == 1)
        {
            return;
        }

        try
        {
            Resyncs++;
            using var timeout = new CancellationTokenSource(options.CallTimeout);
            Apply(await _connection!.InvokeAsync<WorkshopSnapshot>("JoinWorkshop", workshopId, timeout.Token));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            errors.Add("screen_resync_" + HubErrors.Classify(ex).Code);
        }
        finally
        {
            Volatile.Write(ref _resyncing, 0);
        }
    }

    private Task OnClosed(Exception? error)
    {
        if (_disposing || _reconnectsLeft <= 0)
        {
            return Task.CompletedTask;
        }

        // The server went away (killed, or stopped cleanly): open the screen on the next one and take a fresh snapshot.
        errors.Add("screen_connection_lost");
        _urlIndex = (_urlIndex + 1) % options.Urls.Count;
        _reconnectsLeft--;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(options.RetryDelay);
                Resyncs++;
                await ConnectAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                errors.Add("screen_" + HubErrors.Classify(ex).Code);
            }
        });
        return Task.CompletedTask;
    }

    private void Shown() => _history.Add((Stopwatch.GetTimestamp(), new Dictionary<string, int>(_tallies, StringComparer.Ordinal)));

    public Task DisposeAsync(TimeSpan timeout)
    {
        _disposing = true;
        if (_connection is { } connection)
        {
            connection.Closed -= OnClosed;
        }

        return StormConnection.DisposeQuietlyAsync(_connection, timeout);
    }
}
