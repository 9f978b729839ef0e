using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>Every event that exists, persisted, so that listing events needs no storage scan.</summary>
public sealed class EventDirectoryGrain(
    [PersistentState("eventdirectory", StorageNames.Workshops)] IPersistentState<EventDirectoryState> store) : Grain, IEventDirectoryGrain
{
    public async Task Add(string eventId, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (store.State.Events.TryGetValue(eventId, out var known) && known == createdAt)
        {
            return;
        }

        store.State.Events[eventId] = createdAt;
        await store.WriteStateAsync();
    }

    public async Task Remove(string eventId)
    {
        if (store.State.Events.Remove(eventId))
        {
            await store.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() =>
        Task.FromResult<IReadOnlyList<string>>([.. store.State.Events
            .OrderByDescending(e => e.Value)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => e.Key)]);
}
