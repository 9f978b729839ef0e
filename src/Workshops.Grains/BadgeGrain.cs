using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>
/// A badge code's hash and the badge it opens, so that a code resolves on any server of a cluster
/// without a scan (as <see cref="JoinCodeGrain"/> does for join codes). Revocation is the event's
/// business: the event grain refuses a revoked badge, so this stays a plain pointer.
/// </summary>
public sealed class BadgeGrain(
    [PersistentState("badge", StorageNames.Workshops)] IPersistentState<BadgeState> store) : Grain, IBadgeGrain
{
    public Task<BadgeRef?> Get() => Task.FromResult(
        store.State is { EventId: { } eventId, BadgeId: { } badgeId } ? new BadgeRef(eventId, badgeId) : null);

    public async Task<bool> TryClaim(string eventId, string badgeId)
    {
        if (store.State.EventId is not null)
        {
            return string.Equals(store.State.EventId, eventId, StringComparison.Ordinal)
                && string.Equals(store.State.BadgeId, badgeId, StringComparison.Ordinal);
        }

        store.State.EventId = eventId;
        store.State.BadgeId = badgeId;
        await store.WriteStateAsync();
        return true;
    }

    public async Task Release(string eventId)
    {
        if (!string.Equals(store.State.EventId, eventId, StringComparison.Ordinal))
        {
            return;
        }

        await store.ClearStateAsync();
        store.State.EventId = null;
        store.State.BadgeId = null;
        DeactivateOnIdle();
    }
}
