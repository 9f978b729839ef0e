using Workshops.Contracts;

namespace Workshops.Grains;

// What the workshop stores about a person, and its erasure (contract section 11).
public sealed partial class WorkshopGrain
{
    public Task<WorkshopPersonalData> GetPersonalData(string participantId)
    {
        RequireExisting();
        var key = "p:" + participantId;
        var ideas = S.Ideas
            .Where(i => string.Equals(i.AuthorKey, key, StringComparison.Ordinal))
            .Select(i => new PersonalIdea(i.IdeaId, i.Text))
            .ToList();
        var votes = S.Actors.TryGetValue(key, out var actor)
            ? actor.Votes.Where(v => v.Value > 0).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new PersonalVote(v.Key, v.Value)).ToList()
            : [];
        return Task.FromResult(new WorkshopPersonalData(Id, ideas, votes));
    }

    public async Task<int> ErasePersonalData(IReadOnlyList<string>? participantIds)
    {
        RequireExisting();
        var keys = participantIds is null
            ? S.Actors.Where(a => a.Value.Role == Role.Participant).Select(a => a.Key).ToHashSet(StringComparer.Ordinal)
            : participantIds.Select(id => "p:" + id).ToHashSet(StringComparer.Ordinal);
        var erased = 0;
        foreach (var key in keys)
        {
            if (S.Actors.TryGetValue(key, out var actor) && actor.DisplayName is not null)
            {
                actor.DisplayName = null;
                erased++;
            }
        }

        foreach (var idea in S.Ideas.Where(i => keys.Contains(i.AuthorKey)))
        {
            idea.AuthorName = null;
            idea.AuthorKey = "";
        }

        await _commit.CommitAsync();
        return erased;
    }
}
