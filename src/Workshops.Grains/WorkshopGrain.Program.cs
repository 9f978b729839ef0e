using Workshops.Contracts;

namespace Workshops.Grains;

// What the organizer's console changes: the program (title, areas, language) and removal.
public sealed partial class WorkshopGrain
{
    // Set when the workshop is being removed: it refuses everything from then on.
    private bool _erasing;

    private bool Untouched => S.Phase == WorkshopPhase.Setup && S.Ideas.Count == 0;

    public Task<bool> IsUntouched()
    {
        RequireExisting();
        return Task.FromResult(Untouched);
    }

    public async Task<WorkshopConfiguration> Configure(WorkshopConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RequireExisting();
        var previous = new WorkshopConfiguration(S.Title, [.. S.Areas], S.Language, S.Settings);
        var areasChange = !S.Areas.SequenceEqual(configuration.OutputAreas, StringComparer.Ordinal);
        if (areasChange && !Untouched)
        {
            throw WorkshopException.WrongPhase("output areas change only while every workshop is in Setup with no idea");
        }

        S.Title = configuration.Title;
        S.Language = configuration.Language;
        if (areasChange)
        {
            S.Areas = [.. configuration.OutputAreas];
            _publishedOutputs.Clear();
            foreach (var boardId in S.Outputs.Keys.Where(b => !BoardExists(b)).ToList())
            {
                S.Outputs.Remove(boardId);
            }

            for (var i = 0; i < S.Areas.Count; i++)
            {
                _publishedOutputs[BoardIdOf(i)] = OutputKey(ComputeOutput(BoardIdOf(i), forStaff: true));
            }
        }

        // Pages fetch the event and the workshop again: the event's own fields may have changed too.
        EmitToAll(EventNames.EventChanged, version => new EventChangedEvent(Id, version, S.EventId));
        if (configuration.Settings is { } settings && S.Phase == WorkshopPhase.Setup && settings != S.Settings)
        {
            S.Settings = settings;
            EmitToAll(EventNames.SettingsChanged, version => new SettingsChangedEvent(Id, version, settings));
        }

        await _commit.CommitAsync();
        return previous;
    }

    public async Task Erase(bool onlyIfUntouched)
    {
        _commit.ThrowIfBroken();
        if (_erasing || (!S.Initialized && !_store.RecordExists))
        {
            return;
        }

        if (onlyIfUntouched && S.Initialized && !Untouched)
        {
            throw WorkshopException.WrongPhase("a workshop is removed only while it is in Setup with no idea");
        }

        _erasing = true;
        _dirtyTallies.Clear();
        _tallyTimer?.Dispose();
        _tallyTimer = null;
        if (S.Initialized)
        {
            // Open pages hear it before the data goes; their next call answers not_found.
            var version = ++S.Version;
            var changed = new EventChangedEvent(Id, version, S.EventId);
            _publisher.Publish([new WorkshopNotice(Id, NoticeNumber,
            [
                new Delivery(Audience.Staff, null, EventNames.EventChanged, changed),
                new Delivery(Audience.Participants, null, EventNames.EventChanged, changed),
            ])]);
        }

        try
        {
            await _commit.FlushedAsync();
        }
        catch (WorkshopException)
        {
            // A failed write makes no difference: everything goes.
        }

        await _store.ClearStateAsync();
        // The presence writes keep the version in a state of its own: it goes too.
        await _versionStore.ClearStateAsync();
        _ideas.Clear();
        _tallies.Clear();
        _publisher.Clear();
        DeactivateOnIdle();
    }

    private bool BoardExists(string boardId)
    {
        for (var i = 0; i < S.Areas.Count; i++)
        {
            if (string.Equals(BoardIdOf(i), boardId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void RequireExisting()
    {
        _commit.ThrowIfBroken();
        if (!S.Initialized || _erasing)
        {
            throw WorkshopException.NotFound("no such workshop");
        }
    }
}
