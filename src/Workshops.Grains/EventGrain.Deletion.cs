using Workshops.Contracts;

namespace Workshops.Grains;

// DELETE /api/events/{eventId}: everything of the event leaves storage.
public sealed partial class EventGrain
{
    public async Task Delete(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _commit.ThrowIfBroken();
        if (!S.Initialized)
        {
            throw WorkshopException.NotFound("no such event");
        }

        if (caller.Role != Role.Admin)
        {
            throw WorkshopException.Forbidden("only an admin deletes an event");
        }

        await ExclusiveAsync(async () =>
        {
            // Marked first: from this write on every token, key and code of the event is refused,
            // even if removing the rest fails and the deletion has to be run again.
            if (!S.Deleting)
            {
                S.Deleting = true;
                await _commit.CommitAsync();
            }

            foreach (var workshop in S.Workshops)
            {
                await Workshop(workshop.WorkshopId).Erase(onlyIfUntouched: false);
                await Credential(workshop.FacilitatorKeyHash).Clear();
            }

            await Credential(S.ModeratorKeyHash).Clear();
            await GrainFactory.GetGrain<IJoinCodeGrain>(S.JoinCode).Release(Id);
            await ReleaseBadgesAsync();
            await Directory.Remove(Id);
            await _commit.FlushedAsync();
            await _store.ClearStateAsync();
            DeactivateOnIdle();
            return true;
        });
    }
}
