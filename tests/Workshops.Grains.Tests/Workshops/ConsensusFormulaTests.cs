using Workshops.Contracts;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>The formula of PROTOCOL.md section 10 against hand-computed examples.</summary>
public sealed class ConsensusFormulaTests
{
    private static Ballot B(string group, params string[] ideas) => new(group, ideas);

    private static IEnumerable<Ballot> Repeat(int count, string group, params string[] ideas) =>
        Enumerable.Range(0, count).Select(_ => B(group, ideas));

    [Fact]
    public void Two_groups_give_the_geometric_mean_of_their_smoothed_support()
    {
        // Kamu: 3 voters, 2 for X: (2+1)/(3+2) = 0.6. STK: 4 voters, 1 for X: 2/6 = 0.333.
        // sqrt(0.6 * 1/3) = sqrt(0.2) = 0.44721.
        var board = new BoardConsensus([
            .. Repeat(2, "Kamu kurumu", "X"), B("Kamu kurumu", "Y"),
            B("Sivil toplum kuruluşu", "X"), .. Repeat(3, "Sivil toplum kuruluşu", "Y")]);

        var x = board.For("X");

        Assert.Equal(0.447, x.Consensus);
        Assert.Equal(
            [new GroupSupport { Group = "Kamu kurumu", Voters = 3, Supporters = 2, Support = 0.6 },
             new GroupSupport { Group = "Sivil toplum kuruluşu", Voters = 4, Supporters = 1, Support = 0.333 }],
            x.Support);
    }

    [Fact]
    public void Three_groups_give_the_cube_root_of_the_product()
    {
        // A: 3/3 -> 0.8; B: 0/3 -> 0.2; C: 2/5 -> 3/7. (0.8 * 0.2 * 3/7)^(1/3) = 0.40931.
        var board = new BoardConsensus([
            .. Repeat(3, "A", "X"),
            .. Repeat(3, "B", "Y"),
            .. Repeat(2, "C", "X", "Y"), .. Repeat(3, "C", "Y")]);

        var x = board.For("X");

        Assert.Equal(0.409, x.Consensus);
        Assert.Equal([0.8, 0.2, 0.429], x.Support.Select(s => s.Support));
        Assert.Equal([3, 0, 2], x.Support.Select(s => s.Supporters));
    }

    [Fact]
    public void A_group_with_fewer_than_three_voters_on_the_board_does_not_count()
    {
        // Basın has 2 voters, both for X: left out, the result is the two-group example's.
        var board = new BoardConsensus([
            .. Repeat(2, "Kamu kurumu", "X"), B("Kamu kurumu", "Y"),
            B("Sivil toplum kuruluşu", "X"), .. Repeat(3, "Sivil toplum kuruluşu", "Y"),
            .. Repeat(2, "Basın", "X")]);

        var x = board.For("X");

        Assert.Equal(0.447, x.Consensus);
        Assert.Equal(["Kamu kurumu", "Sivil toplum kuruluşu"], x.Support.Select(s => s.Group));
        Assert.False(board.MayShow("Basın"));
        Assert.True(board.MayShow("Kamu kurumu"));
    }

    [Fact]
    public void Fewer_than_two_qualifying_groups_give_no_consensus_but_still_the_support()
    {
        var board = new BoardConsensus([.. Repeat(3, "Kamu kurumu", "X"), .. Repeat(2, "Basın", "X")]);

        var x = board.For("X");

        Assert.Null(x.Consensus);
        Assert.Equal([new GroupSupport { Group = "Kamu kurumu", Voters = 3, Supporters = 3, Support = 0.8 }], x.Support);
        Assert.Null(new BoardConsensus([]).For("X").Consensus);
        Assert.Empty(new BoardConsensus([]).For("X").Support);
    }

    [Fact]
    public void Undeclared_voters_form_no_group_however_many_they_are()
    {
        var board = new BoardConsensus([.. Repeat(3, "Kamu kurumu", "X"), .. Repeat(10, "", "X")]);

        Assert.Null(board.For("X").Consensus);
        Assert.Equal(["Kamu kurumu"], board.For("X").Support.Select(s => s.Group));
        // Their votes may still be shown: ten undeclared voters are not one identifiable person.
        Assert.True(board.MayShow(""));
        Assert.False(new BoardConsensus([.. Repeat(2, "", "X")]).MayShow(""));
    }

    [Fact]
    public void An_idea_nobody_dotted_gets_the_floor_of_every_qualifying_group()
    {
        // 1/(3+2) = 0.2 and 1/(4+2) = 0.1667: sqrt(0.2/6) = 0.18257.
        var board = new BoardConsensus([.. Repeat(3, "A", "X"), .. Repeat(4, "B", "X")]);

        Assert.Equal(0.183, board.For("Z").Consensus);
    }

    [Fact]
    public void An_output_of_several_ideas_counts_a_person_once_whichever_of_them_they_dotted()
    {
        // A: X, Y, X+Y -> 3 of 3 (0.8); B: X, W, W -> 1 of 3 (0.4). sqrt(0.32) = 0.56569.
        var board = new BoardConsensus([
            B("A", "X"), B("A", "Y"), B("A", "X", "Y"),
            B("B", "X"), B("B", "W"), B("B", "W")]);

        var output = board.For(["X", "Y"]);

        Assert.Equal(0.566, output.Consensus);
        Assert.Equal([3, 1], output.Support.Select(s => s.Supporters));
        Assert.Same(ConsensusResult.None, board.For(Array.Empty<string>()));
    }

    [Fact]
    public void Rounding_is_to_three_decimals_half_away_from_zero()
    {
        Assert.Equal(0.063, Contracts.Consensus.Round(0.0625));
        Assert.Equal(0.667, Contracts.Consensus.Round(2.0 / 3.0));
        Assert.Equal(3, Contracts.Consensus.MinGroupVoters);
    }
}
