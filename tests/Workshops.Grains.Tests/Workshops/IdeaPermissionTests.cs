using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class IdeaPermissionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_participant_adds_an_idea_during_Brainstorm()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        var other = await ev.JoinAsync("Mehmet");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var board = (await ev.StaffViewAsync()).Boards[1].BoardId;

        var idea = await ev.AddIdeaAsync(author, "Gençlere ücretli staj", board);

        Assert.False(string.IsNullOrEmpty(idea.IdeaId));
        Assert.Equal(board, idea.BoardId);
        Assert.Equal("Gençlere ücretli staj", idea.Text);
        Assert.True(idea.Mine);
        Assert.Equal(IdeaStatus.Visible, idea.Status);
        Assert.Null(idea.Author);
        Assert.Null(idea.MergedInto);
        Assert.Null(idea.Votes);
        Assert.Equal(fixture.Clock.GetUtcNow(), idea.CreatedAt);
        Assert.Equal(idea, Assert.Single((await ev.Workshop.GetSnapshot(author)).Boards[1].Ideas));
        Assert.Equal(idea with { Mine = false }, Assert.Single((await ev.Workshop.GetSnapshot(other)).Boards[1].Ideas));
        Assert.Equal(idea with { Mine = false, Votes = 0, HallVotes = 0 }, Assert.Single((await ev.StaffViewAsync()).Boards[1].Ideas));
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Voting)]
    [InlineData(WorkshopPhase.Results)]
    [InlineData(WorkshopPhase.Closed)]
    public async Task A_participant_cannot_add_ideas_outside_Brainstorm(WorkshopPhase phase)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(phase);

        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.AddIdeaAsync(participant, "Geç kalan fikir"), participant);
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Brainstorm)]
    [InlineData(WorkshopPhase.Voting)]
    [InlineData(WorkshopPhase.Results)]
    public async Task Staff_add_ideas_in_every_phase_but_Closed(WorkshopPhase phase)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.SetPhaseAsync(phase);

        var byFacilitator = await ev.AddIdeaAsync(ev.Facilitator, "Kolaylaştırıcı fikri");
        var byModerator = await ev.AddIdeaAsync(ev.Moderator, "Moderatör fikri");

        Assert.True(byFacilitator.Mine);
        Assert.Equal(0, byFacilitator.Votes);
        var ideas = (await ev.StaffViewAsync()).Boards[0].Ideas;
        Assert.Equal(new[] { "Kolaylaştırıcı fikri", "Moderatör fikri" }, ideas.Select(i => i.Text));
    }

    [Fact]
    public async Task Staff_cannot_add_ideas_once_Closed()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);

        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.AddIdeaAsync(ev.Facilitator, "Kapanıştan sonra"));
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.AddIdeaAsync(ev.Moderator, "Kapanıştan sonra"));
    }

    [Theory]
    [InlineData("b9")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Adding_to_a_board_that_does_not_exist_is_not_found(string? board)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);

        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.AddIdeaAsync(participant, "Fikir", board!), participant);
    }

    [Fact]
    public async Task The_author_edits_and_deletes_an_own_idea_during_Brainstorm()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = await ev.AddIdeaAsync(author, "İlk hali");
        var keep = await ev.AddIdeaAsync(author, "Kalacak");

        var edited = await ev.Workshop.EditIdea(author, idea.IdeaId, "  Son hali ");
        Assert.Equal(idea with { Text = "Son hali" }, edited);

        await ev.Workshop.DeleteIdea(author, idea.IdeaId);
        Assert.Equal(keep.IdeaId, Assert.Single((await ev.StaffViewAsync()).Boards[0].Ideas).IdeaId);
        Assert.DoesNotContain((await ev.Workshop.GetExport(ev.Moderator)).Audit, a => a.Action is "edit" or "delete");
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Voting)]
    [InlineData(WorkshopPhase.Results)]
    [InlineData(WorkshopPhase.Closed)]
    public async Task The_author_cannot_edit_or_delete_outside_Brainstorm(WorkshopPhase phase)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = await ev.AddIdeaAsync(author, "Fikir");
        await ev.SetPhaseAsync(phase);

        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.EditIdea(author, idea.IdeaId, "Değişti"), author);
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.DeleteIdea(author, idea.IdeaId), author);
    }

    [Fact]
    public async Task Another_participant_cannot_edit_or_delete_an_idea()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        var other = await ev.JoinAsync("Mehmet");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = await ev.AddIdeaAsync(author, "Ayşe'nin fikri");
        var staffIdea = await ev.AddIdeaAsync(ev.Facilitator, "Kolaylaştırıcının fikri");

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.EditIdea(other, idea.IdeaId, "Mehmet değiştirdi"), author, other);
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.DeleteIdea(other, idea.IdeaId), author, other);
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.EditIdea(author, staffIdea.IdeaId, "Ayşe değiştirdi"), author);
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Brainstorm)]
    [InlineData(WorkshopPhase.Voting)]
    [InlineData(WorkshopPhase.Results)]
    public async Task The_facilitator_edits_and_deletes_any_idea_in_every_phase_but_Closed(WorkshopPhase phase)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var edit = await ev.AddIdeaAsync(author, "Yazım hatalı fikr");
        var delete = await ev.AddIdeaAsync(author, "Uygunsuz fikir");
        await ev.SetPhaseAsync(phase);

        var edited = await ev.Workshop.EditIdea(ev.Facilitator, edit.IdeaId, "Yazım hatasız fikir");
        await ev.Workshop.DeleteIdea(ev.Facilitator, delete.IdeaId);

        Assert.Equal("Yazım hatasız fikir", edited.Text);
        Assert.False(edited.Mine);
        var mine = Assert.Single((await ev.Workshop.GetSnapshot(author)).Boards[0].Ideas);
        Assert.Equal(("Yazım hatasız fikir", true), (mine.Text, mine.Mine));
    }

    [Fact]
    public async Task Staff_cannot_edit_or_delete_once_Closed()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Fikir");
        await ev.SetPhaseAsync(WorkshopPhase.Closed);

        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.EditIdea(ev.Facilitator, idea.IdeaId, "Değişti"));
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.DeleteIdea(ev.Moderator, idea.IdeaId));
    }

    [Fact]
    public async Task Editing_or_deleting_an_idea_that_does_not_exist_is_not_found()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await ev.AddIdeaAsync(participant, "Var olan");

        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.EditIdea(ev.Facilitator, "i999", "Yok"));
        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.DeleteIdea(ev.Facilitator, "i999"));
        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.EditIdea(participant, null!, "Yok"), participant);
    }

    [Fact]
    public async Task A_participant_adds_at_most_200_ideas()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var prolific = await ev.JoinAsync("Ayşe");
        var other = await ev.JoinAsync("Mehmet");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => ev.AddIdeaAsync(prolific, "Fikir " + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.AddIdeaAsync(prolific, "Bir tane daha"), prolific);

        Assert.Equal("Başkası", (await ev.AddIdeaAsync(other, "Başkası")).Text);
        Assert.Equal("Kolaylaştırıcı", (await ev.AddIdeaAsync(ev.Facilitator, "Kolaylaştırıcı")).Text);
    }

    [Fact]
    public async Task Deleting_an_idea_gives_its_votes_back_to_the_voters()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var voter = await ev.JoinAsync("Ayşe");
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Silinecek");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var board = idea.BoardId;
        Assert.Equal(2, (await ev.VoteAsync(voter, idea.IdeaId)).Remaining);

        await ev.Workshop.DeleteIdea(ev.Facilitator, idea.IdeaId);

        var mine = await ev.Workshop.GetSnapshot(voter);
        Assert.Equal(3, mine.Me.Remaining[board]);
        Assert.Empty(mine.Me.Votes);
        Assert.Equal(0, (await ev.Workshop.GetExport(ev.Moderator)).Votes);
    }
}
