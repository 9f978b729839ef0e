using System.Globalization;
using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Events;

[Collection(SharedCluster.Name)]
public sealed class EventValidationTests(ClusterFixture fixture)
{
    private static readonly WorkshopSettings Defaults = WorkshopSettings.Default;

    private static List<string> Names(int count, string prefix) =>
        [.. Enumerable.Range(1, count).Select(i => prefix + " " + i.ToString(CultureInfo.InvariantCulture))];

    private static EventProgram Case(string name)
    {
        var valid = TestEvent.ProgramWith();
        return name switch
        {
            "empty title" => valid with { Title = "" },
            "blank title" => valid with { Title = "   " },
            "title of 201 characters" => valid with { Title = new string('ş', 201) },
            "title with a control character" => valid with { Title = "Toplantı\u0007" },
            "date not in ISO form" => valid with { Date = "25.11.2021" },
            "date that does not exist" => valid with { Date = "2021-02-30" },
            "date with a time" => valid with { Date = "2021-11-25T09:00" },
            "unknown language" => valid with { Language = "de" },
            "language in upper case" => valid with { Language = "TR" },
            "no output areas" => valid with { OutputAreas = [] },
            "six output areas" => valid with { OutputAreas = Names(6, "Alan") },
            "an output area twice" => valid with { OutputAreas = ["Etki", "Etki"] },
            "a blank output area" => valid with { OutputAreas = ["Etki", " "] },
            "no workshops" => valid with { Workshops = [] },
            "101 workshops" => valid with { Workshops = [.. Names(101, "Atölye").Select(t => new WorkshopProgram { Title = t })] },
            "a workshop without a title" => valid with { Workshops = [new WorkshopProgram { Title = "" }] },
            "13 stakeholder groups" => valid with { StakeholderGroups = Names(13, "Grup") },
            "a stakeholder group twice" => valid with { StakeholderGroups = ["Basın", "Basın"] },
            "votesPerBoard 0" => valid with { Settings = Defaults with { VotesPerBoard = 0 } },
            "votesPerBoard 101" => valid with { Settings = Defaults with { VotesPerBoard = 101, MaxVotesPerIdea = 1 } },
            "maxVotesPerIdea 0" => valid with { Settings = Defaults with { MaxVotesPerIdea = 0 } },
            "maxVotesPerIdea above votesPerBoard" => valid with { Settings = Defaults with { VotesPerBoard = 3, MaxVotesPerIdea = 4 } },
            "maxIdeaLength 9" => valid with { Settings = Defaults with { MaxIdeaLength = 9 } },
            "maxIdeaLength 2001" => valid with { Settings = Defaults with { MaxIdeaLength = 2001 } },
            "one output area" => valid with { OutputAreas = ["Etki"] },
            "five output areas" => valid with { OutputAreas = Names(5, "Alan") },
            "no stakeholder groups" => valid with { StakeholderGroups = [] },
            "12 stakeholder groups" => valid with { StakeholderGroups = Names(12, "Grup") },
            "english" => valid with { Language = "en" },
            "no date" => valid with { Date = null },
            "title of 200 characters" => valid with { Title = new string('ş', 200) },
            "largest settings" => valid with { Settings = new WorkshopSettings { VotesPerBoard = 100, MaxVotesPerIdea = 100, MaxIdeaLength = 2000 } },
            "smallest settings" => valid with { Settings = new WorkshopSettings { VotesPerBoard = 1, MaxVotesPerIdea = 1, MaxIdeaLength = 10 } },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
        };
    }

    [Theory]
    [InlineData("empty title")]
    [InlineData("blank title")]
    [InlineData("title of 201 characters")]
    [InlineData("title with a control character")]
    [InlineData("date not in ISO form")]
    [InlineData("date that does not exist")]
    [InlineData("date with a time")]
    [InlineData("unknown language")]
    [InlineData("language in upper case")]
    [InlineData("no output areas")]
    [InlineData("six output areas")]
    [InlineData("an output area twice")]
    [InlineData("a blank output area")]
    [InlineData("no workshops")]
    [InlineData("101 workshops")]
    [InlineData("a workshop without a title")]
    [InlineData("13 stakeholder groups")]
    [InlineData("a stakeholder group twice")]
    [InlineData("votesPerBoard 0")]
    [InlineData("votesPerBoard 101")]
    [InlineData("maxVotesPerIdea 0")]
    [InlineData("maxVotesPerIdea above votesPerBoard")]
    [InlineData("maxIdeaLength 9")]
    [InlineData("maxIdeaLength 2001")]
    public async Task An_invalid_program_is_refused_and_creates_nothing(string invalid)
    {
        var grain = fixture.Client.GetGrain<IEventGrain>(TestEvent.NewId());

        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => grain.Create(Case(invalid)));

        Assert.Equal(0, fixture.Storage.WritesOf(grain.GetGrainId()));
        Assert.Empty(await grain.GetWorkshopIds());
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => grain.GetPublicInfo());
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => grain.Join(null, "Ayşe", null, null));

        // Nothing half-made stands in the way of a correct program under the same id.
        var created = await grain.Create(TestEvent.ProgramWith());
        Assert.Single(created.Workshops);
    }

    [Theory]
    [InlineData("one output area", 1)]
    [InlineData("five output areas", 5)]
    [InlineData("no stakeholder groups", 3)]
    [InlineData("12 stakeholder groups", 3)]
    [InlineData("english", 3)]
    [InlineData("no date", 3)]
    [InlineData("title of 200 characters", 3)]
    [InlineData("largest settings", 3)]
    [InlineData("smallest settings", 3)]
    public async Task A_program_at_the_limits_is_accepted(string atLimit, int boards)
    {
        var program = Case(atLimit);

        var ev = await TestEvent.CreateAsync(fixture, program);

        var snapshot = await ev.StaffViewAsync();
        Assert.Equal(boards, snapshot.Boards.Count);
        Assert.Equal(program.Settings ?? WorkshopSettings.Default, snapshot.Settings);
        var info = await ev.Event.GetPublicInfo();
        Assert.Equal(program.StakeholderGroups ?? EventProgram.DefaultStakeholderGroups, info.StakeholderGroups);
        Assert.Equal(program.Title, info.Title);
    }
}
