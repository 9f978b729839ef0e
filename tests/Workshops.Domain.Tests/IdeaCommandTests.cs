using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;

namespace Workshops.Domain.Tests;

public sealed class IdeaCommandTests
{
    [Fact]
    public void Adding_an_idea_raises_the_idea_and_the_output_it_became_each_under_a_version()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var before = scene.Log.Count;
        var decision = scene.Decide((m, s, now) => IdeaCommands.Add(m, s, Scene.Participant("p1", "öğrenci"), new IdeaInput { BoardId = "b1", Text = "  Staj  ", ClientOpId = "op-1" }, "Ayşe", now));

        var added = Assert.IsType<IdeaAdded>(decision.Events[0]);
        Assert.Equal(("i1", "b1", "Staj", "p:p1", Role.Participant, "öğrenci", (string?)null, "op-1", (Role?)null),
            (added.IdeaId, added.BoardId, added.Text, added.AuthorKey, added.AuthorRole, added.AuthorGroup, added.AuthorName, added.ClientOpId, added.By));
        Assert.Equal(new[] { "b1" }, Assert.IsType<OutputsAnnounced>(decision.Events[1]).BoardIds);
        Assert.Equal(2, decision.Events.Count);
        Assert.Equal(before + 2, scene.Log.Count);
        Assert.Equal(3, scene.State.Version);
        Assert.Equal(new long[] { 2, 3 }, decision.Notices.Select(n => n.Version));
        Assert.Equal(new[] { EventNames.IdeaAdded, EventNames.IdeaAdded, EventNames.IdeaAdded }, decision.Notices[0].Deliveries.Select(d => d.Method));
        Assert.Equal(new Idea { IdeaId = "i1", BoardId = "b1", Text = "Staj", Mine = true, CreatedAt = scene.Now, Status = IdeaStatus.Visible }, decision.Result);
    }

    [Fact]
    public void A_signed_idea_keeps_the_name_and_an_anonymous_one_never_stores_it()
    {
        var signed = Scene.Create(WorkshopSettings.Default with { AnonymousIdeas = false }, WorkshopPhase.Brainstorm);
        Assert.Equal("Ayşe", signed.AddIdea(Scene.Participant("p1"), "İmzalı").Author);
        Assert.Equal("Ayşe", signed.State.Ideas[0].AuthorName);

        var anonymous = Scene.Create(phase: WorkshopPhase.Brainstorm);
        Assert.Null(anonymous.AddIdea(Scene.Participant("p1"), "İmzasız").Author);
        Assert.Null(anonymous.State.Ideas[0].AuthorName);
        Assert.DoesNotContain("Ayşe", anonymous.Json(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_clientOpId_returns_the_first_idea_and_raises_nothing()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var first = scene.AddIdea(Scene.Participant("p1"), "Staj", clientOpId: "op-1");
        var before = scene.Json();

        var again = scene.Decide((m, s, now) => IdeaCommands.Add(m, s, Scene.Participant("p1"), new IdeaInput { BoardId = "b1", Text = "Başka metin", ClientOpId = "op-1" }, null, now));

        Assert.Empty(again.Events);
        Assert.Empty(again.Notices);
        Assert.Equal(first, again.Result);
        Assert.Equal(before, scene.Json());
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Voting)]
    [InlineData(WorkshopPhase.Results)]
    [InlineData(WorkshopPhase.Closed)]
    public void A_participant_adds_ideas_only_in_Brainstorm(WorkshopPhase phase)
    {
        var scene = Scene.Create(phase: phase);
        scene.Refused(ErrorCodes.WrongPhase, (m, s, now) => IdeaCommands.Add(m, s, Scene.Participant("p1"), new IdeaInput { BoardId = "b1", Text = "Geç" }, null, now));
    }

    [Fact]
    public void Bad_input_is_refused_and_changes_nothing()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        scene.Refused(ErrorCodes.NotFound, (m, s, now) => IdeaCommands.Add(m, s, Scene.Participant("p1"), new IdeaInput { BoardId = "b9", Text = "Yok" }, null, now));
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => IdeaCommands.Add(m, s, Scene.Participant("p1"), new IdeaInput { BoardId = "b1", Text = "   " }, null, now));
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => IdeaCommands.Add(m, s, Scene.Participant("p1"), new IdeaInput { BoardId = "b1", Text = new string('a', 281) }, null, now));
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => IdeaCommands.Add(m, s, new Caller(Role.Participant, "e2", null, "p1", null, null), new IdeaInput { BoardId = "b1", Text = "Başka etkinlik" }, null, now));
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => IdeaCommands.Add(m, s, new Caller(Role.Facilitator, Scene.EventId, "w2", null, null, null), new IdeaInput { BoardId = "b1", Text = "Başka atölye" }, null, now));
    }

    [Fact]
    public void Only_the_author_in_Brainstorm_or_staff_edit_an_idea()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(Scene.Participant("p1"), "Staj");
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => IdeaCommands.Edit(m, s, Scene.Participant("p2"), idea.IdeaId, "Benim değil", now));

        var edited = scene.Decide((m, s, now) => IdeaCommands.Edit(m, s, Scene.Participant("p1"), idea.IdeaId, "Ücretli staj", now));
        Assert.Equal("Ücretli staj", Assert.IsType<IdeaEdited>(edited.Events[0]).Text);
        Assert.Equal("Ücretli staj", edited.Result.Text);

        var unchanged = scene.Decide((m, s, now) => IdeaCommands.Edit(m, s, Scene.Participant("p1"), idea.IdeaId, "Ücretli staj", now));
        Assert.Empty(unchanged.Events);

        scene.SetPhase(WorkshopPhase.Voting);
        scene.Refused(ErrorCodes.WrongPhase, (m, s, now) => IdeaCommands.Edit(m, s, Scene.Participant("p1"), idea.IdeaId, "Geç düzeltme", now));
    }

    [Fact]
    public void Deleting_an_idea_gives_its_votes_back_and_tells_participants_it_is_gone()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(scene.Facilitator, "Staj");
        scene.SetPhase(WorkshopPhase.Voting);
        var voter = Scene.Participant("p1");
        Assert.Equal(2, scene.Vote(voter, idea.IdeaId, "v1").Remaining);

        var deleted = scene.Decide((m, s, now) => IdeaCommands.Delete(m, s, scene.Facilitator, idea.IdeaId, now));

        Assert.Equal(idea.IdeaId, Assert.IsType<IdeaDeleted>(deleted.Events[0]).IdeaId);
        Assert.Empty(scene.State.Ideas);
        Assert.Empty(scene.State.Tallies);
        Assert.Empty(scene.State.Actors["p:p1"].Votes);
        Assert.Equal(new[] { EventNames.IdeaRemoved, EventNames.IdeaRemoved }, deleted.Notices[0].Deliveries.Select(d => d.Method));
        Assert.Equal(new[] { (Audience.Staff, (string?)null), (Audience.Participants, null) }, deleted.Notices[0].Deliveries.Select(d => (d.Audience, d.ParticipantId)));
    }

    [Fact]
    public void Hiding_tells_participants_the_idea_is_removed_and_its_author_that_it_changed()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(Scene.Participant("p1"), "Staj");

        var hidden = scene.Decide((m, s, now) => IdeaCommands.SetVisibility(m, s, scene.Facilitator, idea.IdeaId, IdeaStatus.Hidden, now));

        Assert.Equal(IdeaStatus.Hidden, Assert.IsType<IdeaStatusChanged>(hidden.Events[0]).Status);
        Assert.Equal(
            new[] { (Audience.Staff, (string?)null, EventNames.IdeaChanged), (Audience.ParticipantsExcept, "p1", EventNames.IdeaRemoved), (Audience.Participant, "p1", EventNames.IdeaChanged) },
            hidden.Notices[0].Deliveries.Select(d => (d.Audience, d.ParticipantId, d.Method)));
        var again = scene.Decide((m, s, now) => IdeaCommands.SetVisibility(m, s, scene.Facilitator, idea.IdeaId, IdeaStatus.Hidden, now));
        Assert.Empty(again.Events);
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => IdeaCommands.SetVisibility(m, s, Scene.Participant("p1"), idea.IdeaId, IdeaStatus.Visible, now));
    }

    [Fact]
    public void Merging_moves_every_vote_to_the_target_once_and_takes_a_version_per_idea()
    {
        var scene = Scene.Create(WorkshopSettings.Default with { VotesPerBoard = 3 }, WorkshopPhase.Brainstorm);
        var target = scene.AddIdea(scene.Facilitator, "Staj");
        var source = scene.AddIdea(scene.Facilitator, "Staj programı");
        scene.SetPhase(WorkshopPhase.Voting);
        var both = Scene.Participant("p1");
        scene.Vote(both, target.IdeaId, "v1");
        scene.Vote(both, source.IdeaId, "v2");
        scene.Vote(Scene.Participant("p2"), source.IdeaId, "v1");
        var version = scene.State.Version;

        var merged = scene.Decide((m, s, now) => IdeaCommands.Merge(m, s, scene.Facilitator, target.IdeaId, [source.IdeaId], now));

        var e = Assert.IsType<IdeasMerged>(merged.Events[0]);
        Assert.Equal(target.IdeaId, e.TargetIdeaId);
        Assert.Equal(new[] { source.IdeaId }, e.SourceIdeaIds);
        Assert.Equal(3, scene.State.Tallies[target.IdeaId]);
        Assert.False(scene.State.Tallies.ContainsKey(source.IdeaId));
        Assert.Equal(2, scene.State.Actors["p:p1"].Votes[target.IdeaId]);
        Assert.Equal((IdeaStatus.Merged, target.IdeaId), (scene.State.Ideas[1].Status, scene.State.Ideas[1].MergedInto));
        Assert.Equal(new[] { version + 1, version + 2 }, merged.Notices.Take(2).Select(n => n.Version));
        Assert.Equal(3, merged.Result.Votes);
        scene.Refused(ErrorCodes.Conflict, (m, s, now) => IdeaCommands.Merge(m, s, scene.Facilitator, target.IdeaId, [source.IdeaId], now));
        scene.Refused(ErrorCodes.Conflict, (m, s, now) => IdeaCommands.Delete(m, s, scene.Facilitator, target.IdeaId, now));
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => IdeaCommands.Merge(m, s, scene.Facilitator, target.IdeaId, [], now));
    }

    [Fact]
    public void A_workshop_past_its_text_budget_refuses_more_text_with_conflict()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        scene.State.StoredUnits = WorkshopBudget.MaxStoredUnits - 10;
        scene.Refused(ErrorCodes.Conflict, (m, s, now) => IdeaCommands.Add(m, s, scene.Facilitator, new IdeaInput { BoardId = "b1", Text = "Bütçeyi aşan fikir" }, null, now));
    }
}
