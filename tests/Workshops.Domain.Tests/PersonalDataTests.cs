using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;

namespace Workshops.Domain.Tests;

public sealed class PersonalDataTests
{
    [Fact]
    public void A_person_gets_the_ideas_they_wrote_and_the_votes_they_cast()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var ayse = Scene.Participant("p1");
        var idea = scene.AddIdea(ayse, "Staj");
        scene.AddIdea(Scene.Participant("p2"), "Burs");
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Vote(ayse, idea.IdeaId, "v1");

        var data = PersonalDataCommands.Of(scene.Model, scene.State, "p1");

        Assert.Equal(new[] { new PersonalIdea(idea.IdeaId, "Staj") }, data.Ideas);
        Assert.Equal(new[] { new PersonalVote(idea.IdeaId, 1) }, data.Votes);
    }

    [Fact]
    public void Erasing_drops_the_name_and_the_author_of_their_ideas_and_counts_the_names_it_held()
    {
        var scene = Scene.Create(WorkshopSettings.Default with { AnonymousIdeas = false }, WorkshopPhase.Brainstorm);
        scene.AddIdea(Scene.Participant("p1"), "İmzalı");
        scene.AddIdea(Scene.Participant("p2"), "Başkasının");
        Assert.Contains("Ayşe", scene.Json(), StringComparison.Ordinal);

        var erased = scene.Decide((m, s, now) => PersonalDataCommands.Erase(m, s, ["p1"], now));

        Assert.Equal(1, erased.Result);
        Assert.Equal(new[] { "p:p1" }, Assert.IsType<PersonalDataErased>(Assert.Single(erased.Events)).ActorKeys);
        Assert.Equal(((string?)null, ""), (scene.State.Ideas[0].AuthorName, scene.State.Ideas[0].AuthorKey));
        Assert.Equal(("Ayşe", "p:p2"), (scene.State.Ideas[1].AuthorName, scene.State.Ideas[1].AuthorKey));
        Assert.Empty(PersonalDataCommands.Of(scene.Model, scene.State, "p1").Ideas);
        Assert.Empty(scene.Decide((m, s, now) => PersonalDataCommands.Erase(m, s, ["p1"], now)).Events);
        Assert.Equal(1, scene.Decide((m, s, now) => PersonalDataCommands.Erase(m, s, null, now)).Result);
        Assert.DoesNotContain("Ayşe", scene.Json(), StringComparison.Ordinal);
    }

    [Fact]
    public void Erasing_announces_each_changed_idea_under_its_own_version_without_the_author()
    {
        var scene = Scene.Create(WorkshopSettings.Default with { AnonymousIdeas = false }, WorkshopPhase.Brainstorm);
        var visible = scene.AddIdea(Scene.Participant("p1"), "Görünen");
        var hidden = scene.AddIdea(Scene.Participant("p1"), "Gizlenen");
        scene.AddIdea(Scene.Participant("p2"), "Başkasının");
        scene.Decide((m, s, now) => IdeaCommands.SetVisibility(m, s, scene.Facilitator, hidden.IdeaId, IdeaStatus.Hidden, now));
        var before = scene.State.Version;

        var erased = scene.Decide((m, s, now) => PersonalDataCommands.Erase(m, s, ["p1"], now));

        Assert.Equal(before + 2, scene.State.Version);
        Assert.Equal(2, Assert.IsType<PersonalDataErased>(Assert.Single(erased.Events)).Versions);
        Assert.Equal(2, erased.Notices.Count);

        // The visible idea: everyone gets it without author, nobody's own any more.
        var first = erased.Notices[0].Deliveries;
        Assert.Equal([(Audience.Staff, (string?)null, EventNames.IdeaChanged), (Audience.Participants, null, EventNames.IdeaChanged)], first.Select(d => (d.Audience, d.ParticipantId, d.Method)));
        Assert.All(first, d =>
        {
            var e = Assert.IsType<IdeaEvent>(d.Payload);
            Assert.Equal((before + 1, visible.IdeaId, (string?)null, false), (e.Version, e.Idea.IdeaId, e.Idea.Author, e.Idea.Mine));
        });

        // The hidden one: staff see it changed, others only the version, its former author loses it.
        var second = erased.Notices[1].Deliveries;
        Assert.Equal(
            [(Audience.Staff, (string?)null, EventNames.IdeaChanged), (Audience.ParticipantsExcept, "p1", EventNames.VersionChanged), (Audience.Participant, "p1", EventNames.IdeaRemoved)],
            second.Select(d => (d.Audience, d.ParticipantId, d.Method)));
        Assert.Equal((before + 2, hidden.IdeaId, (string?)null), (((IdeaEvent)second[0].Payload).Version, ((IdeaEvent)second[0].Payload).Idea.IdeaId, ((IdeaEvent)second[0].Payload).Idea.Author));
        Assert.Equal(before + 2, ((IdeaRemovedEvent)second[2].Payload).Version);

        // The fold alone (a replay of the log) gives the same version.
        Assert.Equal(scene.State.Version, Workshops.Domain.Model.WorkshopFold.Replay(scene.Log).Version);
    }

    [Fact]
    public void An_idea_whose_author_was_erased_is_nobodys_own_in_later_staff_notices_as_in_the_snapshot()
    {
        var scene = Scene.Create(WorkshopSettings.Default with { AnonymousIdeas = false }, WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(Scene.Participant("p1"), "Silinecek yazar");
        scene.Decide((m, s, now) => PersonalDataCommands.Erase(m, s, ["p1"], now));

        var hidden = scene.Decide((m, s, now) => IdeaCommands.SetVisibility(m, s, scene.Facilitator, idea.IdeaId, IdeaStatus.Hidden, now));

        var staff = Assert.Single(hidden.Notices.SelectMany(n => n.Deliveries), d => d.Audience == Audience.Staff && d.Payload is IdeaEvent);
        Assert.False(((IdeaEvent)staff.Payload).Idea.Mine);
        var snapshot = WorkshopViews.Snapshot(scene.State, Scene.WorkshopId, scene.Facilitator, presence: 0);
        Assert.False(Assert.Single(snapshot.Boards.SelectMany(b => b.Ideas), i => i.IdeaId == idea.IdeaId).Mine);
    }

    [Fact]
    public void Erasing_more_ideas_than_are_announced_one_by_one_takes_one_eventChanged()
    {
        var scene = Scene.Create(WorkshopSettings.Default with { AnonymousIdeas = false }, WorkshopPhase.Brainstorm);
        for (var i = 0; i <= PersonalDataCommands.MaxIdeasAnnounced; i++)
        {
            scene.AddIdea(Scene.Participant("p" + (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)), "Fikir " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var before = scene.State.Version;

        var erased = scene.Decide((m, s, now) => PersonalDataCommands.Erase(m, s, null, now));

        Assert.Equal(before + 1, scene.State.Version);
        var notice = Assert.Single(erased.Notices);
        Assert.Equal([(Audience.Staff, EventNames.EventChanged), (Audience.Participants, EventNames.EventChanged)], notice.Deliveries.Select(d => (d.Audience, d.Method)));
        Assert.All(notice.Deliveries, d => Assert.Equal(new EventChangedEvent(Scene.WorkshopId, before + 1, Scene.EventId), d.Payload));
        Assert.All(scene.State.Ideas, i => Assert.Null(i.AuthorName));
    }
}
