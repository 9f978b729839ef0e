using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>A join code and the event it opens, so that a code resolves without a scan.</summary>
public sealed class JoinCodeGrain(
    [PersistentState("joincode", StorageNames.Workshops)] IPersistentState<JoinCodeState> store) : Grain, IJoinCodeGrain
{
    public Task<string?> GetEventId() => Task.FromResult(store.State.EventId);

    public async Task<bool> TryClaim(string eventId)
    {
        if (store.State.EventId is not null)
        {
            return string.Equals(store.State.EventId, eventId, StringComparison.Ordinal);
        }

        store.State.EventId = eventId;
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
        DeactivateOnIdle();
    }
}
