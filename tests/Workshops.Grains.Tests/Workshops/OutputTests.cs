using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class OutputTests(ClusterFixture fixture)
{
    private sealed record Voted(TestEvent Ev, Caller Voter, string[] Ideas, string OtherBoardIdea);

    /// <summary>Ideas 0..2 on the first board with 1, 2 and 2 votes; one idea on the second board.</summary>
    private async Task<Voted> VotedAsync()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var people = new[]
        {
            await ev.JoinAsync("Ayşe", "Kamu kurumu"),
            await ev.JoinAsync("Burak", "Kamu kurumu"),
            await ev.JoinAsync("Cem", "Sivil toplum kuruluşu"),
        };
        var ideas = new List<string>();
        foreach (var text in new[] { "Staj", "Burs", "Mentorluk" })
        {
            ideas.Add((await ev.AddIdeaAsync(ev.Facilitator, text)).IdeaId);
        }

        var other = await ev.AddIdeaAsync(ev.Facilitator, "Öteki", "b2");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(people[0], ideas[0]);
        await ev.VoteAsync(people[0], ideas[1]);
        await ev.VoteAsync(people[1], ideas[2]);
        await ev.VoteAsync(people[2], ideas[1]);
        await ev.VoteAsync(people[2], ideas[2]);
        return new Voted(ev, people[0], [.. ideas], other.IdeaId);
    }

    [Fact]
    public async Task By_default_a_boards_output_is_its_top_voted_visible_idea_and_ties_go_to_the_earliest()
    {
        var (ev, _, ideas, _) = await VotedAsync();

        var output = (await ev.StaffViewAsync()).Outputs[0];

        Assert.Equal("b1", output.BoardId);
        Assert.Equal("Etki", output.Area);
        Assert.Equal("Burs", output.Text);
        Assert.Equal(new[] { ideas[1] }, output.SourceIdeaIds);
        Assert.Equal(2, output.Votes);
        // Neither group has 3 voters on the board: views show no group's votes (section 10).
        Assert.Empty(output.VotesByGroup);
        Assert.Equal(OutputSource.TopVoted, output.Source);

        // Hiding the leader hands the output to the next one.
        await ev.Workshop.HideIdea(ev.Facilitator, ideas[1]);
        var next = (await ev.StaffViewAsync()).Outputs[0];
        Assert.Equal(("Mentorluk", OutputSource.TopVoted, 2), (next.Text, next.Source, next.Votes));
    }

    [Fact]
    public async Task Without_votes_the_earliest_idea_is_the_output_and_an_empty_board_has_an_empty_one()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var first = await ev.AddIdeaAsync(ev.Facilitator, "İlk");
        await ev.AddIdeaAsync(ev.Facilitator, "İkinci");

        var outputs = (await ev.StaffViewAsync()).Outputs;

        Assert.Equal(("İlk", 0, OutputSource.TopVoted), (outputs[0].Text, outputs[0].Votes, outputs[0].Source));
        Assert.Equal(new[] { first.IdeaId }, outputs[0].SourceIdeaIds);
        Assert.Equal(("", 0, OutputSource.TopVoted), (outputs[1].Text, outputs[1].Votes, outputs[1].Source));
        Assert.Empty(outputs[1].SourceIdeaIds);
        Assert.Empty(outputs[1].VotesByGroup);
    }

    [Fact]
    public async Task A_facilitator_output_replaces_the_top_voted_one_until_cleared()
    {
        var (ev, voter, ideas, _) = await VotedAsync();
        await ev.SetPhaseAsync(WorkshopPhase.Results);

        var chosen = await ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = " Staj ve mentorluk ", SourceIdeaIds = [ideas[0], ideas[2]] });

        var expected = new Output
        {
            BoardId = "b1",
            Area = "Etki",
            Text = "Staj ve mentorluk",
            SourceIdeaIds = [ideas[0], ideas[2]],
            Votes = 3,
            VotesByGroup = new Dictionary<string, int>(),
            Source = OutputSource.Facilitator,
        };
        Assert.Equal(Canonical.Json(expected), Canonical.Json(chosen));
        Assert.Equal(Canonical.Json(expected), Canonical.Json((await ev.StaffViewAsync()).Outputs[0]));
        Assert.Equal(Canonical.Json(expected), Canonical.Json((await ev.Workshop.GetSnapshot(voter)).Outputs[0]));
        var exported = (await ev.Workshop.GetExport(ev.Moderator)).Outputs[0];
        Assert.Equal(("Staj ve mentorluk", OutputSource.Facilitator, 3), (exported.Text, exported.Source, exported.Votes));
        Assert.Equal(new Dictionary<string, int> { ["Kamu kurumu"] = 2, ["Sivil toplum kuruluşu"] = 1 }, exported.VotesByGroup);
        Assert.Equal(new[] { ideas[0], ideas[2] }, exported.SourceIdeaIds);

        var cleared = await ev.Workshop.ClearOutput(ev.Facilitator, "b1");

        Assert.Equal(("Burs", OutputSource.TopVoted), (cleared.Text, cleared.Source));
        Assert.Equal(Canonical.Json(cleared), Canonical.Json((await ev.StaffViewAsync()).Outputs[0]));
    }

    [Fact]
    public async Task An_output_may_be_written_without_source_ideas()
    {
        var (ev, _, _, _) = await VotedAsync();

        var chosen = await ev.Workshop.SetOutput(ev.Moderator, "b2", new OutputInput { Text = "Kendi sözümüz" });

        Assert.Equal(("b2", "Kendi sözümüz", 0, OutputSource.Facilitator), (chosen.BoardId, chosen.Text, chosen.Votes, chosen.Source));
        Assert.Empty(chosen.SourceIdeaIds);
    }

    [Fact]
    public async Task Clearing_an_output_that_was_not_set_changes_nothing()
    {
        var (ev, _, _, _) = await VotedAsync();
        var before = await ev.FingerprintAsync();

        var output = await ev.Workshop.ClearOutput(ev.Facilitator, "b1");

        Assert.Equal(OutputSource.TopVoted, output.Source);
        Assert.Equal(before, await ev.FingerprintAsync());
    }

    [Fact]
    public async Task A_bad_output_is_refused_and_changes_nothing()
    {
        var (ev, voter, ideas, other) = await VotedAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "X", SourceIdeaIds = [other] }));
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "X", SourceIdeaIds = [ideas[0], ideas[0]] }));
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "  " }));
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = new string('ç', 1001) }));
        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "X", SourceIdeaIds = ["i999"] }));
        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.SetOutput(ev.Facilitator, "b9", new OutputInput { Text = "X" }));
        await ev.AssertRefusedAsync(ErrorCodes.NotFound, () => ev.Workshop.ClearOutput(ev.Facilitator, "b9"));
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.SetOutput(voter, "b1", new OutputInput { Text = "X" }), voter);
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.ClearOutput(voter, "b1"), voter);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "X" }));
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.ClearOutput(ev.Facilitator, "b1"));
    }

    [Fact]
    public async Task Participants_see_outputs_only_once_results_are_shown()
    {
        var (ev, voter, _, _) = await VotedAsync();
        await ev.Workshop.SetOutput(ev.Facilitator, "b2", new OutputInput { Text = "Seçilen" });

        var hidden = (await ev.Workshop.GetSnapshot(voter)).Outputs;
        Assert.All(hidden, o => Assert.Equal(("", 0, OutputSource.TopVoted), (o.Text, o.Votes, o.Source)));
        Assert.All(hidden, o => Assert.Empty(o.SourceIdeaIds));
        Assert.All(hidden, o => Assert.Empty(o.VotesByGroup));
        Assert.Equal(new[] { "Etki", "Sürdürülebilirlik", "İş Birliği" }, hidden.Select(o => o.Area));

        await ev.SetPhaseAsync(WorkshopPhase.Results);

        var shown = (await ev.Workshop.GetSnapshot(voter)).Outputs;
        Assert.Equal(Canonical.Json((await ev.StaffViewAsync()).Outputs), Canonical.Json(shown));
        Assert.Equal(new[] { "Burs", "Seçilen", "" }, shown.Select(o => o.Text));
    }

    [Fact]
    public async Task Votes_are_counted_per_stakeholder_group_with_undeclared_voters_under_an_empty_name()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Ortak fikir");
        var voters = new[]
        {
            await ev.JoinAsync("A", "Kamu kurumu"),
            await ev.JoinAsync("B", "Kamu kurumu"),
            await ev.JoinAsync("C", "Sivil toplum kuruluşu"),
            await ev.JoinAsync("D"),
            await ev.JoinAsync("E", "Basın"),
        };
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        foreach (var voter in voters)
        {
            await ev.VoteAsync(voter, idea.IdeaId);
        }

        await ev.RetractAsync(voters[4], idea.IdeaId);

        var expected = new Dictionary<string, int> { ["Kamu kurumu"] = 2, ["Sivil toplum kuruluşu"] = 1, [""] = 1 };
        // Only the staff export shows groups with fewer than 3 voters on the board (section 10).
        Assert.Empty((await ev.StaffViewAsync()).Outputs[0].VotesByGroup);
        var export = await ev.Workshop.GetExport(ev.Moderator);
        Assert.Equal(expected, export.Boards[0].Ideas[0].VotesByGroup);
        Assert.Equal(expected, export.Outputs[0].VotesByGroup);
        Assert.Equal(4, export.Boards[0].Ideas[0].Votes);
    }
}
