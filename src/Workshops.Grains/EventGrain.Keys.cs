using Workshops.Contracts;

namespace Workshops.Grains;

// Keys and join codes replaced, and what the servers check every token of the event against.
public sealed partial class EventGrain
{
    public Task<string> RotateKey(Caller caller, Role role, string? workshopId)
    {
        RequireOrganizer(caller);
        if (role == Role.Moderator && caller.Role != Role.Admin)
        {
            throw WorkshopException.Forbidden("only an admin replaces the moderator key");
        }

        return role switch
        {
            Role.Moderator => ExclusiveAsync(RotateModeratorKeyAsync),
            Role.Facilitator => ExclusiveAsync(() => RotateFacilitatorKeyAsync(workshopId)),
            _ => throw WorkshopException.Invalid("role is \"moderator\" or \"facilitator\""),
        };
    }

    private async Task<string> RotateModeratorKeyAsync()
    {
        // The new key works before the old one stops, so that the seat is never without a key;
        // the generation moves on with the event's state, which is what refuses the old tokens.
        var key = Secrets.NewKey("mod_");
        var generation = S.ModeratorKeyGeneration + 1;
        await Credential(Secrets.HashKey(key)).Set(new Credential(Role.Moderator, Id, null) { Generation = generation });
        var old = S.ModeratorKeyHash;
        S.ModeratorKeyHash = Secrets.HashKey(key);
        S.ModeratorKeyGeneration = generation;
        await _commit.CommitAsync();
        await Credential(old).Clear();
        return key;
    }

    private async Task<string> RotateFacilitatorKeyAsync(string? workshopId)
    {
        var record = S.Workshops.FirstOrDefault(w => string.Equals(w.WorkshopId, workshopId, StringComparison.Ordinal))
            ?? (string.IsNullOrEmpty(workshopId)
                ? throw WorkshopException.Invalid("workshopId is required for a facilitator key")
                : throw WorkshopException.NotFound($"no workshop '{workshopId}' in this event"));
        var key = Secrets.NewKey("fac_");
        var generation = record.KeyGeneration + 1;
        await Credential(Secrets.HashKey(key)).Set(new Credential(Role.Facilitator, Id, record.WorkshopId) { Generation = generation });
        var old = record.FacilitatorKeyHash;
        record.FacilitatorKeyHash = Secrets.HashKey(key);
        record.KeyGeneration = generation;
        await _commit.CommitAsync();
        await Credential(old).Clear();
        return key;
    }

    public Task<string> NewJoinCode(Caller caller)
    {
        RequireOrganizer(caller);
        return ExclusiveAsync(async () =>
        {
            var code = await ClaimJoinCode();
            var old = S.JoinCode;
            S.JoinCode = code;
            await _commit.CommitAsync();
            await GrainFactory.GetGrain<IJoinCodeGrain>(old).Release(Id);
            return code;
        });
    }

    public Task<EventAccess> GetAccess()
    {
        _commit.ThrowIfBroken();
        if (!S.Initialized || S.Deleting)
        {
            return Task.FromResult(EventAccess.Gone);
        }

        return Task.FromResult(new EventAccess(
            true,
            S.ModeratorKeyGeneration,
            S.Workshops.ToDictionary(w => w.WorkshopId, w => w.KeyGeneration, StringComparer.Ordinal))
        {
            // Section 8: revoked badges' holders; section 11: people who erased their data (DELETE /api/me).
            RevokedParticipants = RevokedParticipants().Concat(S.ErasedParticipants).ToHashSet(StringComparer.Ordinal),
        });
    }
}
