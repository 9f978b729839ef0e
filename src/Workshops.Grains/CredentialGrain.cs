using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>What one moderator or facilitator key grants; keyed by the key's hash.</summary>
public sealed class CredentialGrain(
    [PersistentState("credential", StorageNames.Workshops)] IPersistentState<CredentialState> store) : Grain, ICredentialGrain
{
    public Task<Credential?> Get() => Task.FromResult(store.State.Credential);

    public async Task Set(Credential credential)
    {
        if (store.State.Credential is not null && store.State.Credential != credential)
        {
            throw WorkshopException.Conflict("this key is in use");
        }

        store.State.Credential = credential;
        await store.WriteStateAsync();
    }

    public async Task Clear()
    {
        if (store.State.Credential is null && !store.RecordExists)
        {
            return;
        }

        await store.ClearStateAsync();
        store.State.Credential = null;
        DeactivateOnIdle();
    }
}
