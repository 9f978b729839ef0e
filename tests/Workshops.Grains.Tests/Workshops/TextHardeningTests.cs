using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>Text that counts as few characters but is large, invisible or reorders what is around it.</summary>
[Collection(SharedCluster.Name)]
public sealed class TextHardeningTests(ClusterFixture fixture)
{
    private static string Times(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private async Task<(TestEvent Ev, Caller Participant)> BrainstormAsync(int maxIdeaLength = 280)
    {
        var ev = await TestEvent.CreateAsync(fixture, WorkshopSettings.Default with { MaxIdeaLength = maxIdeaLength });
        var participant = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        return (ev, participant);
    }

    private Task<EventState> StoredEventAsync(TestEvent ev) => fixture.Storage.ReadStoredAsync<EventState>("event", ev.Event.GetGrainId());

    [Fact]
    public async Task One_letter_with_a_hundred_thousand_combining_accents_is_refused_as_a_name_and_as_an_idea()
    {
        var (ev, participant) = await BrainstormAsync();
        var huge = "a" + Times("\u0301", 100_000);

        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, huge, null, null));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, "Ayşe", huge, null));
        Assert.Single((await StoredEventAsync(ev)).Participants);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, huge), participant);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = huge }));
    }

    [Fact]
    public async Task A_character_may_carry_six_combining_marks_but_not_seven()
    {
        var (ev, participant) = await BrainstormAsync();

        // "q" with six marks that have no composed form stays seven UTF-16 units after NFC.
        var six = "q" + Times("\u0301", 6);
        var idea = await ev.AddIdeaAsync(participant, six + " ve Tiếng Việt");

        Assert.Equal(six + " ve Tiếng Việt", idea.Text);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, "q" + Times("\u0301", 7)), participant);
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, "Aq" + Times("\u0308", 7) + "şe", null, null));
    }

    [Fact]
    public async Task Text_is_capped_at_eight_utf16_units_per_character_whatever_the_character_count()
    {
        var (ev, participant) = await BrainstormAsync(maxIdeaLength: 10);

        // A family emoji of four is one character of 11 UTF-16 units.
        var family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, Times(family, 8)), participant);

        // Ten of three (8 units each) are exactly the cap.
        var three = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
        Assert.Equal(Times(three, 10), (await ev.AddIdeaAsync(participant, Times(three, 10))).Text);
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, Times(family, 60), null, null));
    }

    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    public async Task Bidi_embedding_override_and_isolate_controls_are_refused_everywhere(char control)
    {
        var (ev, participant) = await BrainstormAsync();
        var text = "Eğitim " + control + "ılmaz";

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, text), participant);
        var idea = await ev.AddIdeaAsync(participant, "Eğitim");
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.EditIdea(participant, idea.IdeaId, text), participant);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = text }));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, text, null, null));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => fixture.Client.GetGrain<IEventGrain>(TestEvent.NewId()).Create(TestEvent.ProgramWith() with { Title = text }));
    }

    [Theory]
    [InlineData("fikir \uFFFE")]
    [InlineData("\uFFFF")]
    [InlineData("a\uFDD0b")]
    [InlineData("\U0010FFFF son")]
    public async Task Noncharacters_are_invalid_input_as_an_idea_an_output_and_a_name(string broken)
    {
        var (ev, participant) = await BrainstormAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, broken), participant);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = broken }));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, broken, null, null));
        Assert.Single((await StoredEventAsync(ev)).Participants);
    }

    /// <summary>
    /// A lone surrogate cannot reach a grain through the cluster (Orleans writes strings as UTF-8,
    /// so it arrives as U+FFFD), but the co-hosted server calls grains in process, where it would
    /// (HubRobustnessTests sends them over a raw socket). Escaped in the data: xunit's test-case
    /// serialization would turn a lone surrogate into U+FFFD too.
    /// </summary>
    [Theory]
    [InlineData("yarım \\uD800 vekil")]
    [InlineData("\\uDC00 tersten")]
    [InlineData("son \\uD83D")]
    public void Unpaired_surrogates_are_invalid_input(string escaped)
    {
        var broken = System.Text.RegularExpressions.Regex.Unescape(escaped);

        var refused = Assert.Throws<WorkshopException>(() => TextRules.Clean(broken, 280, "text"));

        Assert.Equal(ErrorCodes.InvalidInput, refused.Code);
        Assert.Equal("text contains an unpaired surrogate or a Unicode noncharacter", refused.Message);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF\u200D\u200C")]
    [InlineData(" \u00AD \u2060 ")]
    public async Task Text_of_nothing_but_invisible_characters_counts_as_empty(string invisible)
    {
        var (ev, participant) = await BrainstormAsync();

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.AddIdeaAsync(participant, invisible), participant);
        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = invisible }));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => fixture.Client.GetGrain<IEventGrain>(TestEvent.NewId()).Create(TestEvent.ProgramWith() with { Title = invisible }));

        // An optional name of nothing visible is no name.
        var joined = await ev.Event.Join(null, invisible, invisible, null);
        Assert.Null(joined.DisplayName);
        var record = (await StoredEventAsync(ev)).Participants[joined.ParticipantId];
        Assert.Equal((null, null), (record.DisplayName, record.Organization));
    }
}
