using Workshops.Contracts;

namespace Workshops.Grains;

// Subscriptions of servers and the presence count they add up to.
public sealed partial class WorkshopGrain
{
    public Task Attach(string serverId, IWorkshopObserver observer, IReadOnlyList<PresentPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        _commit.ThrowIfBroken();
        var participants = people
            .Where(person => person.Role == Role.Participant)
            .Select(person => person.ActorKey)
            .ToHashSet(StringComparer.Ordinal);
        _subscribers[serverId] = new Subscriber(serverId, observer, _clock.GetUtcNow(), participants);
        return RecountPresenceAsync();
    }

    public Task Detach(string serverId)
    {
        _commit.ThrowIfBroken();
        return _subscribers.Remove(serverId) ? RecountPresenceAsync() : Task.CompletedTask;
    }

    private Task ExpireSubscribersAsync(CancellationToken cancellationToken)
    {
        var cutoff = _clock.GetUtcNow() - SubscriptionExpiry;
        var expired = _subscribers.Values.Where(s => s.RenewedAt < cutoff).Select(s => s.ServerId).ToList();
        foreach (var serverId in expired)
        {
            // A server that stopped renewing is gone; so are the people it held.
            _subscribers.Remove(serverId);
        }

        return expired.Count > 0 && !_commit.IsBroken ? RecountPresenceAsync() : Task.CompletedTask;
    }

    private Task RecountPresenceAsync()
    {
        var count = _subscribers.Values.SelectMany(s => s.Participants).Distinct(StringComparer.Ordinal).Count();
        if (count == _presence || !S.Initialized || _erasing)
        {
            return Task.CompletedTask;
        }

        _presence = count;
        Emit(version =>
        [
            new Delivery(Audience.Staff, null, EventNames.PresenceChanged, new PresenceChangedEvent(Id, version, count)),
            new Delivery(Audience.Participants, null, EventNames.PresenceChanged, new PresenceChangedEvent(Id, version, count)),
        ]);

        // Presence is memory only; the version it took is all that must survive a restart.
        return _commit.CommitLightAsync();
    }
}
