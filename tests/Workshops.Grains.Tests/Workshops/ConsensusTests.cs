using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>Consensus (PROTOCOL.md section 10) as the workshop grain computes it from real votes.</summary>
[Collection(SharedCluster.Name)]
public sealed class ConsensusTests(ClusterFixture fixture)
{
    private const string Kamu = "Kamu kurumu";
    private const string Stk = "Sivil toplum kuruluşu";

    private sealed record Voted(TestEvent Ev, Caller[] Kamu, Caller[] Stk, Caller Press, string X, string Y);

    /// <summary>
    /// maxVotesPerIdea 2. Kamu k0: 2 dots on X; k1, k2: Y. STK s0: 2 dots on X; s1: X; s2: Y.
    /// One Basın voter on X. X: Kamu 1/3 -> 0.4, STK 2/3 -> 0.6, sqrt(0.24) = 0.490.
    /// </summary>
    private async Task<Voted> VotedAsync()
    {
        var ev = await TestEvent.CreateAsync(fixture, new WorkshopSettings { VotesPerBoard = 3, MaxVotesPerIdea = 2, AnonymousIdeas = true, LiveResults = false, MaxIdeaLength = 280 });
        var kamu = new[] { await ev.JoinAsync("K0", Kamu), await ev.JoinAsync("K1", Kamu), await ev.JoinAsync("K2", Kamu) };
        var stk = new[] { await ev.JoinAsync("S0", Stk), await ev.JoinAsync("S1", Stk), await ev.JoinAsync("S2", Stk) };
        var press = await ev.JoinAsync("P0", "Basın");
        var x = (await ev.AddIdeaAsync(ev.Facilitator, "Staj")).IdeaId;
        var y = (await ev.AddIdeaAsync(ev.Facilitator, "Burs")).IdeaId;
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(kamu[0], x);
        await ev.VoteAsync(kamu[0], x);
        await ev.VoteAsync(kamu[1], y);
        await ev.VoteAsync(kamu[2], y);
        await ev.VoteAsync(stk[0], x);
        await ev.VoteAsync(stk[0], x);
        await ev.VoteAsync(stk[1], x);
        await ev.VoteAsync(stk[2], y);
        await ev.VoteAsync(press, x);
        return new Voted(ev, kamu, stk, press, x, y);
    }

    private static Idea IdeaOf(WorkshopSnapshot snapshot, string ideaId) => snapshot.Boards.SelectMany(b => b.Ideas).Single(i => i.IdeaId == ideaId);

    [Fact]
    public async Task People_not_dots_count_and_every_view_and_the_export_agree()
    {
        var (ev, _, _, _, x, y) = await VotedAsync();

        var staff = await ev.StaffViewAsync();
        var idea = IdeaOf(staff, x);

        Assert.Equal(6, idea.Votes);
        Assert.Equal(0.49, idea.Consensus);
        Assert.Equal(
            [new GroupSupport { Group = Kamu, Voters = 3, Supporters = 1, Support = 0.4 },
             new GroupSupport { Group = Stk, Voters = 3, Supporters = 2, Support = 0.6 }],
            idea.Support);
        // Y: Kamu 2/3 -> 0.6, STK 1/3 -> 0.4: the same 0.490 with half the dots.
        Assert.Equal(0.49, IdeaOf(staff, y).Consensus);

        var output = staff.Outputs[0];
        Assert.Equal((x, 0.49), (output.SourceIdeaIds.Single(), output.Consensus));
        Assert.Equal(idea.Support, output.Support);

        var export = await ev.Workshop.GetExport(ev.Moderator);
        var exported = export.Boards[0].Ideas.Single(i => i.IdeaId == x);
        Assert.Equal((0.49, 2), (exported.Consensus, exported.Support.Count));
        Assert.Equal(0.49, export.Outputs[0].Consensus);
        Assert.Equal(idea.Support, export.Outputs[0].Support);
        Assert.Empty(export.Boards[1].Ideas);
    }

    [Fact]
    public async Task Consensus_has_the_visibility_of_votes_and_participants_get_no_support_per_group()
    {
        var (ev, kamu, _, _, x, _) = await VotedAsync();

        var hidden = IdeaOf(await ev.Workshop.GetSnapshot(kamu[0]), x);
        Assert.Equal((null, null, null), (hidden.Votes, hidden.Consensus, hidden.Support));
        Assert.Null((await ev.Workshop.GetSnapshot(kamu[0])).Outputs[0].Consensus);
        Assert.Empty((await ev.Workshop.GetSnapshot(kamu[0])).Outputs[0].Support);

        await ev.SetPhaseAsync(WorkshopPhase.Results);

        var shown = await ev.Workshop.GetSnapshot(kamu[0]);
        Assert.Equal((6, 0.49), (IdeaOf(shown, x).Votes, IdeaOf(shown, x).Consensus));
        Assert.Null(IdeaOf(shown, x).Support);
        Assert.Equal(0.49, shown.Outputs[0].Consensus);
        Assert.Equal(2, shown.Outputs[0].Support.Count);
    }

    [Fact]
    public async Task Views_hide_the_votes_of_a_group_with_fewer_than_three_voters_on_the_board_and_the_export_keeps_them()
    {
        var (ev, kamu, _, _, _, _) = await VotedAsync();
        await ev.SetPhaseAsync(WorkshopPhase.Results);

        // X's votes: Kamu 2 dots, STK 3 dots, Basın 1 (one voter on the board).
        var expectedShown = new Dictionary<string, int> { [Kamu] = 2, [Stk] = 3 };
        Assert.Equal(expectedShown, (await ev.StaffViewAsync()).Outputs[0].VotesByGroup);
        Assert.Equal(expectedShown, (await ev.Workshop.GetSnapshot(kamu[1])).Outputs[0].VotesByGroup);
        Assert.Equal(6, (await ev.Workshop.GetSnapshot(kamu[1])).Outputs[0].Votes);

        var export = await ev.Workshop.GetExport(ev.Moderator);
        Assert.Equal(new Dictionary<string, int> { [Kamu] = 2, [Stk] = 3, ["Basın"] = 1 }, export.Outputs[0].VotesByGroup);
    }

    [Fact]
    public async Task Merging_moves_the_supporters_and_a_person_who_dotted_both_counts_once()
    {
        var (ev, _, stk, _, x, y) = await VotedAsync();
        await ev.VoteAsync(stk[1], y); // s1 now dots X and Y

        await ev.Workshop.MergeIdeas(ev.Facilitator, x, [y]);

        // X now has every Kamu voter (3/3 -> 0.8) and every STK voter (3/3 -> 0.8).
        var idea = IdeaOf(await ev.StaffViewAsync(), x);
        Assert.Equal(10, idea.Votes);
        Assert.Equal(0.8, idea.Consensus);
        Assert.Equal([3, 3], idea.Support!.Select(s => s.Supporters));
        // The merged idea keeps no dot: every group's floor, 1/(3+2).
        Assert.Equal((0, 0.2), (IdeaOf(await ev.StaffViewAsync(), y).Votes, IdeaOf(await ev.StaffViewAsync(), y).Consensus));
    }

    [Fact]
    public async Task A_retracted_vote_takes_its_person_off_the_board_and_the_group_stops_qualifying()
    {
        var (ev, kamu, _, _, x, y) = await VotedAsync();

        await ev.RetractAsync(kamu[2], y);

        // Kamu has 2 voters left on the board: only STK qualifies, no consensus.
        var idea = IdeaOf(await ev.StaffViewAsync(), x);
        Assert.Null(idea.Consensus);
        Assert.Equal([Stk], idea.Support!.Select(s => s.Group));
        Assert.Equal(new Dictionary<string, int> { [Stk] = 3 }, (await ev.StaffViewAsync()).Outputs[0].VotesByGroup);
    }

    [Fact]
    public async Task A_facilitator_output_of_several_ideas_counts_anyone_who_dotted_one_of_them()
    {
        var (ev, _, _, _, x, y) = await VotedAsync();
        await ev.SetPhaseAsync(WorkshopPhase.Results);

        var output = await ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "Staj ve burs", SourceIdeaIds = [x, y] });
        var none = await ev.Workshop.SetOutput(ev.Facilitator, "b2", new OutputInput { Text = "Kendi sözümüz" });

        Assert.Equal(0.8, output.Consensus);
        Assert.Equal([3, 3], output.Support.Select(s => s.Supporters));
        Assert.Null(none.Consensus);
        Assert.Empty(none.Support);
    }

    [Fact]
    public async Task A_tally_announcement_carries_the_consensus_of_every_idea_on_the_touched_board()
    {
        var (ev, _, _, _, x, y) = await VotedAsync();
        var observer = await ev.AttachAsync("s1");
        var lone = await ev.AddIdeaAsync(ev.Facilitator, "Öteki pano", "b2");
        await ev.FlushTalliesAsync(observer);

        // Another Kamu voter moves every idea's consensus on b1: Kamu now has 4 voters.
        var fourth = await ev.JoinAsync("K3", Kamu);
        await ev.VoteAsync(fourth, y);
        var notice = await ev.FlushTalliesAsync(observer);

        var staff = (TalliesChangedEvent)notice.Deliveries.Single(d => d.Audience == Audience.Staff).Payload;
        Assert.Equal(new Dictionary<string, int> { [y] = 4 }, staff.Tallies);
        // X: Kamu 1/4 -> 1/3, STK 0.6: sqrt(0.2) = 0.447. Y: Kamu 3/4 -> 2/3, STK 0.4: sqrt(0.2667) = 0.516.
        Assert.Equal(new Dictionary<string, double?> { [x] = 0.447, [y] = 0.516 }, staff.Consensus);
        Assert.DoesNotContain(lone.IdeaId, staff.Consensus!.Keys);
    }
}
