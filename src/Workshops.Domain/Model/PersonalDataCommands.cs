using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>What the workshop stores about a person, and its erasure (contract section 11).</summary>
public static class PersonalDataCommands
{
    public static WorkshopPersonalData Of(WorkshopModel model, WorkshopModelState state, string participantId)
    {
        ArgumentNullException.ThrowIfNull(model);
        WorkshopAccess.RequireExisting(state);
        var key = "p:" + participantId;
        var ideas = state.Ideas
            .Where(i => string.Equals(i.AuthorKey, key, StringComparison.Ordinal))
            .Select(i => new PersonalIdea(i.IdeaId, i.Text))
            .ToList();
        var votes = state.Actors.TryGetValue(key, out var actor)
            ? actor.Votes.Where(v => v.Value > 0).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new PersonalVote(v.Key, v.Value)).ToList()
            : [];
        return new WorkshopPersonalData(model.WorkshopId, ideas, votes);
    }

    /// <summary>
    /// Erases the names of these participants (every participant when null): their ideas lose
    /// author name and key. The result is how many of them had a name stored here.
    /// </summary>
    public static Decision<int> Erase(WorkshopModel model, WorkshopModelState state, IReadOnlyList<string>? participantIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        WorkshopAccess.RequireExisting(state);
        var keys = participantIds is null
            ? state.Actors.Where(a => a.Value.Role == Role.Participant).Select(a => a.Key)
                .Concat(state.Ideas.Select(i => i.AuthorKey).Where(k => k.StartsWith("p:", StringComparison.Ordinal)))
                .ToHashSet(StringComparer.Ordinal)
            : participantIds.Select(id => "p:" + id).ToHashSet(StringComparer.Ordinal);
        var authored = state.Ideas.Where(i => keys.Contains(i.AuthorKey)).ToList();
        var named = authored.Where(i => i.AuthorName is not null).Select(i => i.AuthorKey).Distinct(StringComparer.Ordinal).Count();
        var change = new Change(state, model.WorkshopId, now);
        if (authored.Count > 0)
        {
            change.Raise(new PersonalDataErased { ActorKeys = [.. keys.Where(k => authored.Any(i => string.Equals(i.AuthorKey, k, StringComparison.Ordinal))).Order(StringComparer.Ordinal)] });
        }

        return change.Done(named);
    }
}
