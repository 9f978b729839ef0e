using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>Who sees what: hidden ideas, authors, tallies.</summary>
[Collection(SharedCluster.Name)]
public sealed class VisibilityTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_hidden_idea_is_seen_by_its_author_and_staff_only()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        var other = await ev.JoinAsync("Mehmet");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var hidden = await ev.AddIdeaAsync(author, "Uygunsuz söz");
        var kept = await ev.AddIdeaAsync(other, "Yerinde söz");

        var returned = await ev.Workshop.HideIdea(ev.Facilitator, hidden.IdeaId);

        Assert.Equal(IdeaStatus.Hidden, returned.Status);
        Assert.Equal(0, returned.Votes);
        Assert.Equal(new[] { kept.IdeaId }, (await ev.Workshop.GetSnapshot(other)).Boards[0].Ideas.Select(i => i.IdeaId));
        var own = (await ev.Workshop.GetSnapshot(author)).Boards[0].Ideas;
        Assert.Equal(new[] { (hidden.IdeaId, IdeaStatus.Hidden, true), (kept.IdeaId, IdeaStatus.Visible, false) }, own.Select(i => (i.IdeaId, i.Status, i.Mine)));
        Assert.Equal(new[] { IdeaStatus.Hidden, IdeaStatus.Visible }, (await ev.Workshop.GetSnapshot(ev.Facilitator)).Boards[0].Ideas.Select(i => i.Status));

        var restored = await ev.Workshop.RestoreIdea(ev.Moderator, hidden.IdeaId);

        Assert.Equal(IdeaStatus.Visible, restored.Status);
        Assert.Equal(new[] { hidden.IdeaId, kept.IdeaId }, (await ev.Workshop.GetSnapshot(other)).Boards[0].Ideas.Select(i => i.IdeaId));
    }

    [Fact]
    public async Task Hiding_an_idea_that_is_hidden_changes_nothing()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Fikir");
        await ev.Workshop.HideIdea(ev.Facilitator, idea.IdeaId);
        var before = await ev.FingerprintAsync();

        Assert.Equal(IdeaStatus.Hidden, (await ev.Workshop.HideIdea(ev.Facilitator, idea.IdeaId)).Status);

        Assert.Equal(before, await ev.FingerprintAsync());
    }

    [Fact]
    public async Task Only_staff_hide_and_restore_and_not_once_Closed()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = await ev.AddIdeaAsync(participant, "Kendi fikrim");
        var other = await ev.AddIdeaAsync(participant, "Öteki fikrim");
        await ev.Workshop.HideIdea(ev.Facilitator, other.IdeaId);

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.HideIdea(participant, idea.IdeaId), participant);
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.RestoreIdea(participant, other.IdeaId), participant);
        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.HideIdea(ev.Facilitator, "i999"));
        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.HideIdea(ev.Facilitator, idea.IdeaId), participant);
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.RestoreIdea(ev.Facilitator, other.IdeaId), participant);
    }

    [Fact]
    public async Task A_merged_idea_cannot_be_hidden_or_restored()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var target = await ev.AddIdeaAsync(ev.Facilitator, "Hedef");
        var source = await ev.AddIdeaAsync(ev.Facilitator, "Kaynak");
        await ev.Workshop.MergeIdeas(ev.Facilitator, target.IdeaId, [source.IdeaId]);

        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.HideIdea(ev.Facilitator, source.IdeaId));
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.RestoreIdea(ev.Facilitator, source.IdeaId));
    }

    [Fact]
    public async Task Anonymous_ideas_show_no_author_to_anyone()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);

        Assert.Null((await ev.AddIdeaAsync(author, "Fikir")).Author);

        Assert.Null((await ev.Workshop.GetSnapshot(author)).Boards[0].Ideas[0].Author);
        Assert.Null((await ev.StaffViewAsync()).Boards[0].Ideas[0].Author);
        Assert.Null((await ev.Workshop.GetExport(ev.Moderator)).Boards[0].Ideas[0].Author);
    }

    [Fact]
    public async Task Named_ideas_show_their_authors_name()
    {
        var ev = await TestEvent.CreateAsync(fixture, WorkshopSettings.Default with { AnonymousIdeas = false });
        var author = await ev.JoinAsync("Ayşe Yılmaz");
        var reader = await ev.JoinAsync("Mehmet");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);

        Assert.Equal("Ayşe Yılmaz", (await ev.AddIdeaAsync(author, "Fikir")).Author);
        await ev.AddIdeaAsync(ev.Facilitator, "Kolaylaştırıcı fikri");

        Assert.Equal(new[] { "Ayşe Yılmaz", "facilitator" }, (await ev.Workshop.GetSnapshot(reader)).Boards[0].Ideas.Select(i => i.Author));
        Assert.Equal(new[] { "Ayşe Yılmaz", "facilitator" }, (await ev.Workshop.GetExport(ev.Moderator)).Boards[0].Ideas.Select(i => i.Author));
    }

    [Fact]
    public async Task Participants_see_tallies_only_while_results_are_shown_and_staff_always()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var voter = await ev.JoinAsync("Ayşe");
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Fikir");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(voter, idea.IdeaId);

        var during = await ev.Workshop.GetSnapshot(voter);
        Assert.Null(during.Boards[0].Ideas[0].Votes);
        Assert.Equal(new Dictionary<string, int> { [idea.IdeaId] = 1 }, during.Me.Votes);
        Assert.Equal(1, (await ev.Workshop.GetSnapshot(ev.Facilitator)).Boards[0].Ideas[0].Votes);

        await ev.SetPhaseAsync(WorkshopPhase.Results);
        Assert.Equal(1, (await ev.Workshop.GetSnapshot(voter)).Boards[0].Ideas[0].Votes);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        Assert.Equal(1, (await ev.Workshop.GetSnapshot(voter)).Boards[0].Ideas[0].Votes);
    }

    [Fact]
    public async Task Live_results_show_tallies_to_participants_during_Voting()
    {
        var ev = await TestEvent.CreateAsync(fixture, WorkshopSettings.Default with { LiveResults = true });
        var voter = await ev.JoinAsync("Ayşe");
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Fikir");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);

        await ev.VoteAsync(voter, idea.IdeaId);

        Assert.Equal(1, (await ev.Workshop.GetSnapshot(voter)).Boards[0].Ideas[0].Votes);
    }
}
