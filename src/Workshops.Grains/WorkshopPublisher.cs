using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>
/// Pushes a workshop's stored changes to the servers that hold its connections, and knows which
/// participants each server holds (presence). Per server one awaited <see cref="IWorkshopObserver.OnNotices"/>
/// call is in flight; what is published meanwhile is collected and sent as the next call
/// (GPSTracker's PushNotifierGrain). So a server gets a workshop's notices exactly in the order
/// they were published, and a slow server holds up neither the grain nor the other servers.
/// </summary>
/// <remarks>
/// Owned by the grain and used only on its scheduler: the delivery loops are tasks started from
/// grain code, so they need no locks. Subscriptions expire as the servers' renewals lapse
/// (Orleans' <see cref="ObserverManager{TIdentity, TObserver}"/>, keyed by server id).
/// </remarks>
internal sealed class WorkshopPublisher
{
    private readonly string _workshopId;
    private readonly ILogger _logger;
    private readonly Action _serverDropped;
    private readonly ObserverManager<string, IWorkshopObserver> _observers;

    // The participants (actor keys) each subscribed server holds; same keys as _observers.
    private readonly Dictionary<string, IReadOnlySet<string>> _participants = new(StringComparer.Ordinal);

    // Per server with a call in flight: the notices published since it was sent (they go
    // together as the next call), and the loop that sends them.
    private readonly Dictionary<string, List<WorkshopNotice>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _flights = new(StringComparer.Ordinal);

    /// <param name="serverDropped">Called when a server was dropped because a push to it failed: its people went with it.</param>
    public WorkshopPublisher(string workshopId, TimeSpan expiry, TimeProvider clock, ILogger logger, Action serverDropped)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _workshopId = workshopId;
        _logger = logger;
        _serverDropped = serverDropped;
        _observers = new ObserverManager<string, IWorkshopObserver>(expiry, logger) { GetDateTime = () => clock.GetUtcNow().UtcDateTime };
    }

    /// <summary>Distinct participants across the subscribed servers.</summary>
    public int ParticipantCount => _participants.Values.SelectMany(p => p).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Subscribes a server, or renews its subscription, with the participants it holds now.</summary>
    public void Attach(string serverId, IWorkshopObserver observer, IReadOnlySet<string> participants)
    {
        _observers.Subscribe(serverId, observer);
        _participants[serverId] = participants;
    }

    /// <summary>Unsubscribes a server; false if it was not subscribed.</summary>
    public bool Detach(string serverId)
    {
        _observers.Unsubscribe(serverId);
        return _participants.Remove(serverId);
    }

    /// <summary>Drops the servers that stopped renewing, with their people; true if any was dropped.</summary>
    public bool ExpireStale()
    {
        _observers.ClearExpired();
        var live = _observers.Observers;
        var expired = _participants.Keys.Where(serverId => !live.ContainsKey(serverId)).ToList();
        foreach (var serverId in expired)
        {
            _participants.Remove(serverId);
        }

        return expired.Count > 0;
    }

    /// <summary>Forgets every subscription; what was published already still goes out.</summary>
    public void Clear()
    {
        _observers.Clear();
        _participants.Clear();
    }

    /// <summary>Queues the notices, in order, for every subscribed server; returns at once.</summary>
    public void Publish(IReadOnlyList<WorkshopNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0)
        {
            return;
        }

        foreach (var (serverId, observer) in _observers.Observers)
        {
            if (_pending.TryGetValue(serverId, out var pending))
            {
                pending.AddRange(notices);
                continue;
            }

            _pending[serverId] = [.. notices];
            var flight = DeliverAsync(serverId, observer);
            if (!flight.IsCompleted)
            {
                _flights[serverId] = flight;
            }
        }
    }

    /// <summary>Completes once every notice published so far was delivered or given up.</summary>
    public Task DeliveredAsync() => Task.WhenAll(_flights.Values);

    private async Task DeliverAsync(string serverId, IWorkshopObserver observer)
    {
        try
        {
            while (_pending.TryGetValue(serverId, out var pending) && pending.Count > 0)
            {
                WorkshopNotice[] batch = [.. pending];
                pending.Clear();
                try
                {
                    await observer.OnNotices(batch);
                }
                catch (Exception ex)
                {
                    // Its browsers see the version gap and resync; its next renewal subscribes it again.
                    Log.PushFailed(_logger, ex, _workshopId, serverId);
                    _observers.Unsubscribe(serverId);
                    if (_participants.Remove(serverId))
                    {
                        _serverDropped();
                    }

                    return;
                }
            }
        }
        finally
        {
            _pending.Remove(serverId);
            _flights.Remove(serverId);
        }
    }
}
