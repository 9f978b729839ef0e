using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>Idea text rules, with maxIdeaLength 10 so that limits are easy to count.</summary>
[Collection(SharedCluster.Name)]
public sealed class IdeaTextTests(ClusterFixture fixture)
{
    private static readonly WorkshopSettings Short = WorkshopSettings.Default with { MaxIdeaLength = 10 };

    private async Task<(TestEvent Ev, Caller Participant)> BrainstormAsync()
    {
        var ev = await TestEvent.CreateAsync(fixture, Short);
        var participant = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        return (ev, participant);
    }

    private static string Times(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    [Theory]
    [InlineData("  Yeşil okul \n", "Yeşil okul")]
    [InlineData("\tÇınar\t", "Çınar")]
    [InlineData("bir\niki", "bir\niki")]
    [InlineData("bir\r\niki", "bir\niki")]
    [InlineData("0123456789", "0123456789")]
    public async Task Idea_text_is_stored_trimmed_with_line_feeds_kept(string typed, string stored)
    {
        var (ev, participant) = await BrainstormAsync();

        var idea = await ev.AddIdeaAsync(participant, typed);

        Assert.Equal(stored, idea.Text);
        Assert.Equal(stored, Assert.Single((await ev.StaffViewAsync()).Boards[0].Ideas).Text);
    }

    [Theory]
    [InlineData("👍🏽")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇹🇷")]
    [InlineData("ğ")]
    public async Task Length_counts_what_a_person_sees_as_one_character(string character)
    {
        var (ev, participant) = await BrainstormAsync();

        var idea = await ev.AddIdeaAsync(participant, Times(character, 10));

        Assert.Equal(Times(character, 10), idea.Text);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, Times(character, 11)), participant);
    }

    [Fact]
    public async Task A_letter_typed_as_a_combining_sequence_counts_once_and_is_stored_composed()
    {
        var (ev, participant) = await BrainstormAsync();

        // "ş" as s + U+0327 and "İ" as I + U+0307: 20 UTF-16 units, 10 letters.
        var idea = await ev.AddIdeaAsync(participant, Times("s\u0327", 5) + Times("I\u0307", 5));

        Assert.Equal(Times("\u015F", 5) + Times("\u0130", 5), idea.Text);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, Times("s\u0327", 11)), participant);
    }

    [Fact]
    public async Task Text_one_longer_than_the_limit_is_invalid()
    {
        var (ev, participant) = await BrainstormAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, "01234567890"), participant);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(ev.Facilitator, "01234567890"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n")]
    [InlineData(" \r\n ")]
    [InlineData(null)]
    public async Task Empty_text_is_invalid(string? text)
    {
        var (ev, participant) = await BrainstormAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, text!), participant);
    }

    [Theory]
    [InlineData("a\tb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\rb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    public async Task Control_characters_inside_the_text_are_invalid(string text)
    {
        var (ev, participant) = await BrainstormAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, text), participant);
    }

    [Fact]
    public async Task An_edit_follows_the_same_text_rules()
    {
        var (ev, participant) = await BrainstormAsync();
        var idea = await ev.AddIdeaAsync(participant, "Fikir");

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.EditIdea(participant, idea.IdeaId, "01234567890"), participant);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.EditIdea(participant, idea.IdeaId, "  "), participant);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.EditIdea(ev.Facilitator, idea.IdeaId, "a\u0007b"), participant);

        Assert.Equal("\u015Fon\nhal", (await ev.Workshop.EditIdea(participant, idea.IdeaId, " s\u0327on\r\nhal ")).Text);
    }

    [Fact]
    public async Task An_edit_to_the_same_text_changes_nothing()
    {
        var (ev, participant) = await BrainstormAsync();
        var idea = await ev.AddIdeaAsync(participant, "Fikir");
        var before = await ev.FingerprintAsync(participant);

        var again = await ev.Workshop.EditIdea(participant, idea.IdeaId, "  Fikir ");

        Assert.Equal(idea, again);
        Assert.Equal(before, await ev.FingerprintAsync(participant));
    }
}
