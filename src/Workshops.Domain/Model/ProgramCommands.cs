using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>What the organizer's console does to a workshop: create it, and change its program.</summary>
public static class ProgramCommands
{
    public static Decision<bool> Initialize(WorkshopModel model, WorkshopModelState state, WorkshopDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(definition);
        var change = new Change(state, model.WorkshopId, now);
        if (state.Initialized)
        {
            return string.Equals(state.EventId, definition.EventId, StringComparison.Ordinal)
                ? change.Done(false)
                : throw WorkshopException.Conflict("this workshop id is taken by another event");
        }

        change.Raise(new WorkshopInitialized
        {
            EventId = definition.EventId,
            Title = definition.Title,
            Areas = [.. definition.OutputAreas],
            Settings = definition.Settings,
            Language = definition.Language,
        });
        model.MarkOutputsPublished(state);
        return change.Done(true);
    }

    /// <summary>
    /// Sets title, output areas, language (and, in Setup, settings) and tells open pages
    /// (<c>eventChanged</c>). The areas change only in Setup with no idea. Returns the configuration it replaced.
    /// </summary>
    public static Decision<WorkshopConfiguration> Configure(WorkshopModel model, WorkshopModelState state, WorkshopConfiguration configuration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(configuration);
        WorkshopAccess.RequireExisting(state);
        var previous = new WorkshopConfiguration(state.Title, [.. state.Areas], state.Language, state.Settings);
        var areasChange = !state.Areas.SequenceEqual(configuration.OutputAreas, StringComparer.Ordinal);
        if (areasChange && !state.Untouched)
        {
            throw WorkshopException.WrongPhase("output areas change only while every workshop is in Setup with no idea");
        }

        var change = new Change(state, model.WorkshopId, now);
        change.Raise(new WorkshopConfigured
        {
            Title = configuration.Title,
            Language = configuration.Language,
            Areas = areasChange ? [.. configuration.OutputAreas] : null,
        });
        if (areasChange)
        {
            model.MarkOutputsPublished(state);
        }

        // Pages fetch the event and the workshop again: the event's own fields may have changed too.
        WorkshopModel.EmitToAll(change, EventNames.EventChanged, version => new EventChangedEvent(model.WorkshopId, version, state.EventId));
        if (configuration.Settings is { } settings && state.Phase == WorkshopPhase.Setup && settings != state.Settings)
        {
            var resultsWereVisible = state.ResultsVisibleToParticipants;
            change.Raise(new SettingsSet { Settings = settings });
            WorkshopModel.EmitToAll(change, EventNames.SettingsChanged, version => new SettingsChangedEvent(model.WorkshopId, version, settings));
            if (resultsWereVisible != state.ResultsVisibleToParticipants)
            {
                model.EmitResultsVisibility(change);
            }
        }

        return change.Done(previous);
    }
}
