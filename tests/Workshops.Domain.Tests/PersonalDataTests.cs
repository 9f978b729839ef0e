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
}
