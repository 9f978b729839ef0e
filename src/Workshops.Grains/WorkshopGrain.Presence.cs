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
        _publisher.Attach(serverId, observer, participants);
        return RecountPresenceAsync();
    }

    public Task Detach(string serverId)
    {
        _commit.ThrowIfBroken();
        return _publisher.Detach(serverId) ? RecountPresenceAsync() : Task.CompletedTask;
    }

    // A server that stopped renewing is gone; so are the people it held.
    private Task ExpireSubscribersAsync(CancellationToken cancellationToken) =>
        _publisher.ExpireStale() && !_commit.IsBroken ? RecountPresenceAsync() : Task.CompletedTask;

    private Task RecountPresenceAsync()
    {
        var count = _publisher.ParticipantCount;
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
