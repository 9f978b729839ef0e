using System.Globalization;
using Workshops.Contracts;

namespace Workshops.Grains;

// The organizer's console: the program edited, and the event's line in the list of events.
public sealed partial class EventGrain
{
    // One edit, rotation or deletion at a time: each spans several grain calls.
    private bool _changing;

    public async Task<EventUpdated> Update(Caller caller, EventProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        RequireOrganizer(caller);
        var clean = Validate(program);
        var existing = S.Workshops.ToDictionary(w => w.WorkshopId, StringComparer.Ordinal);
        var kept = clean.Workshops.Where(w => w.WorkshopId is not null).Select(w => w.WorkshopId!).ToList();
        foreach (var workshopId in kept.Where(id => !existing.ContainsKey(id)))
        {
            throw WorkshopException.Invalid($"workshop '{workshopId}' is not in this event");
        }

        if (kept.Distinct(StringComparer.Ordinal).Count() != kept.Count)
        {
            throw WorkshopException.Invalid("a workshop is listed twice");
        }

        var removed = S.Workshops.Where(w => !kept.Contains(w.WorkshopId, StringComparer.Ordinal)).ToList();
        var areasChange = !S.OutputAreas.SequenceEqual(clean.OutputAreas!, StringComparer.Ordinal);
        var growth = StoredSize.Of(clean.Privacy) - StoredSize.Of(S.Privacy);
        if (growth > 0 && StoredUnits() + growth > MaxParticipantUnits)
        {
            throw WorkshopException.Conflict("this event has no room for a longer privacy notice");
        }

        return await ExclusiveAsync(() => ApplyAsync(clean, existing, removed, areasChange));
    }

    private async Task<EventUpdated> ApplyAsync(
        EventProgram clean, Dictionary<string, EventWorkshopRecord> existing, List<EventWorkshopRecord> removed, bool areasChange)
    {
        // Checked first, so that the usual refusal changes nothing; each workshop checks again
        // itself below, atomically.
        var concerned = areasChange ? S.Workshops : removed;
        foreach (var workshop in concerned)
        {
            if (!await Workshop(workshop.WorkshopId).IsUntouched())
            {
                throw WorkshopException.WrongPhase(areasChange
                    ? "output areas change only while every workshop is in Setup with no idea"
                    : $"workshop '{workshop.WorkshopId}' is removed only while it is in Setup with no idea");
            }
        }

        var gone = new List<EventWorkshopRecord>();
        try
        {
            foreach (var workshop in removed)
            {
                await Workshop(workshop.WorkshopId).Erase(onlyIfUntouched: true);
                await Credential(workshop.FacilitatorKeyHash).Clear();
                gone.Add(workshop);
            }

            var configured = new List<(IWorkshopGrain Grain, WorkshopConfiguration Previous)>();
            try
            {
                foreach (var workshop in clean.Workshops.Where(w => w.WorkshopId is not null))
                {
                    var grain = Workshop(workshop.WorkshopId!);
                    configured.Add((grain, await grain.Configure(new WorkshopConfiguration(workshop.Title, clean.OutputAreas!, clean.Language, clean.Settings))));
                }
            }
            catch (WorkshopException)
            {
                // A workshop moved on since the check: put back the ones already changed.
                foreach (var (grain, previous) in configured)
                {
                    await grain.Configure(previous);
                }

                throw;
            }
        }
        finally
        {
            if (gone.Count > 0)
            {
                // What is erased is gone whatever happens next: the event must forget it.
                S.Workshops = [.. S.Workshops.Where(w => !gone.Contains(w))];
                await _commit.CommitAsync();
            }
        }

        if (S.NextWorkshopNumber == 0)
        {
            S.NextWorkshopNumber = existing.Count + 1;
        }

        var reply = new List<WorkshopUpdated>();
        var records = new List<EventWorkshopRecord>();
        foreach (var workshop in clean.Workshops)
        {
            if (workshop.WorkshopId is { } keptId)
            {
                var record = existing[keptId];
                record.Title = workshop.Title;
                records.Add(record);
                reply.Add(new WorkshopUpdated(keptId, workshop.Title, null));
                continue;
            }

            var workshopId = Id + "-w" + S.NextWorkshopNumber.ToString(CultureInfo.InvariantCulture);
            S.NextWorkshopNumber++;
            var key = Secrets.NewKey("fac_");
            await Workshop(workshopId).Initialize(new WorkshopDefinition(Id, workshop.Title, clean.OutputAreas!, clean.Settings!, clean.Language));
            await Credential(Secrets.HashKey(key)).Set(new Credential(Role.Facilitator, Id, workshopId));
            records.Add(new EventWorkshopRecord { WorkshopId = workshopId, Title = workshop.Title, FacilitatorKeyHash = Secrets.HashKey(key) });
            reply.Add(new WorkshopUpdated(workshopId, workshop.Title, key));
        }

        SetProgram(clean);
        S.Workshops = records;
        await _commit.CommitAsync();

        // Workshops added by this call have no page open yet; the others were told by Configure.
        return new EventUpdated(Id, reply);
    }

    public async Task<EventListing?> GetListing()
    {
        _commit.ThrowIfBroken();
        if (!S.Initialized || S.Deleting)
        {
            return null;
        }

        var summaries = await Task.WhenAll(S.Workshops.Select(w => Workshop(w.WorkshopId).GetSummary()));
        return new EventListing(
            Id, S.Title, S.Date, S.Venue, S.Language, S.CreatedAt, summaries.Length, S.Participants.Count,
            summaries.Sum(w => w.Ideas), summaries.Sum(w => w.Votes),
            summaries.All(w => w.Phase == WorkshopPhase.Closed) ? EventListing.Closed : EventListing.Open);
    }

    /// <summary>The admin, or this event's moderator.</summary>
    private void RequireOrganizer(Caller caller)
    {
        RequireMember(caller);
        if (caller.Role is not (Role.Admin or Role.Moderator))
        {
            throw WorkshopException.Forbidden("only an admin or the event's moderator changes the event");
        }
    }

    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> change)
    {
        if (_changing)
        {
            throw WorkshopException.Conflict("another change of this event is under way; try again");
        }

        _changing = true;
        try
        {
            return await change();
        }
        finally
        {
            _changing = false;
        }
    }

    private IWorkshopGrain Workshop(string workshopId) => GrainFactory.GetGrain<IWorkshopGrain>(workshopId);

    private ICredentialGrain Credential(string keyHash) => GrainFactory.GetGrain<ICredentialGrain>(keyHash);
}
