using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>What the workshop stores about a person, and its erasure (contract section 11).</summary>
public static class PersonalDataCommands
{
    /// <summary>
    /// Up to this many changed ideas are announced one by one (<c>ideaChanged</c>); more (a purge
    /// of a busy workshop) take one <c>eventChanged</c>, on which pages take a fresh snapshot: a
    /// burst of thousands of notices would overflow the connections' outboxes (128 pushes) and
    /// close them instead.
    /// </summary>
    public const int MaxIdeasAnnounced = 32;

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
            // Open pages are told at once, so that no screen keeps showing an erased name.
            var oneByOne = authored.Count <= MaxIdeasAnnounced;
            var formerAuthors = authored.Select(i => i.ParticipantAuthor).ToList();
            var first = state.Version + 1;
            change.Raise(new PersonalDataErased
            {
                ActorKeys = [.. keys.Where(k => authored.Any(i => string.Equals(i.AuthorKey, k, StringComparison.Ordinal))).Order(StringComparer.Ordinal)],
                Versions = oneByOne ? authored.Count : 1,
            });
            if (oneByOne)
            {
                for (var i = 0; i < authored.Count; i++)
                {
                    EmitErased(change, first + i, authored[i], formerAuthors[i]);
                }
            }
            else
            {
                WorkshopModel.EmitToAll(change, EventNames.EventChanged, version => new EventChangedEvent(model.WorkshopId, version, state.EventId));
            }
        }

        return change.Done(named);
    }

    /// <summary>
    /// An idea that lost its author: everyone who sees it gets it as it is now (no author, not
    /// "mine"); its former author, who saw it also while hidden or merged, loses it then.
    /// </summary>
    private static void EmitErased(Change change, long version, IdeaState idea, string? formerAuthor)
    {
        var state = change.State;
        var workshopId = change.WorkshopId;
        var visible = idea.Status == IdeaStatus.Visible;
        var staff = new Delivery(Audience.Staff, null, EventNames.IdeaChanged,
            new IdeaEvent(workshopId, version, WorkshopViews.IdeaView(state, idea, mine: false, seesTallies: true, staff: true)));
        var others = visible
            ? new Delivery(Audience.Participants, null, EventNames.IdeaChanged, new IdeaEvent(workshopId, version, WorkshopViews.IdeaView(state, idea, mine: false, state.ResultsVisibleToParticipants)))
            : new Delivery(Audience.Participants, null, EventNames.VersionChanged, new VersionChangedEvent(workshopId, version));
        if (visible || formerAuthor is null)
        {
            change.Notify(version, [staff, others]);
            return;
        }

        change.Notify(version,
        [
            staff,
            others with { Audience = Audience.ParticipantsExcept, ParticipantId = formerAuthor },
            new Delivery(Audience.Participant, formerAuthor, EventNames.IdeaRemoved, new IdeaRemovedEvent(workshopId, version, idea.IdeaId)),
        ]);
    }
}
