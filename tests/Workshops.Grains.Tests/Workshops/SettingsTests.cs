using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class SettingsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Staff_change_the_settings_outside_Voting()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var version = await ev.VersionAsync();
        var settings = new WorkshopSettings { VotesPerBoard = 5, MaxVotesPerIdea = 2, AnonymousIdeas = false, LiveResults = false, MaxIdeaLength = 500 };

        await ev.Workshop.UpdateSettings(ev.Facilitator, settings);

        var snapshot = await ev.StaffViewAsync();
        Assert.Equal(settings, snapshot.Settings);
        Assert.Equal(version + 1, snapshot.Version);
        var audit = (await ev.Workshop.GetExport(ev.Moderator)).Audit;
        var entry = audit[^1];
        Assert.Equal((Role.Facilitator, "settings"), (entry.Role, entry.Action));

        await ev.SetPhaseAsync(WorkshopPhase.Results);
        await ev.Workshop.UpdateSettings(ev.Moderator, settings with { VotesPerBoard = 4 });
        Assert.Equal(4, (await ev.StaffViewAsync()).Settings.VotesPerBoard);
    }

    [Fact]
    public async Task The_same_settings_again_change_nothing()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var before = await ev.FingerprintAsync();

        await ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { });

        Assert.Equal(before, await ev.FingerprintAsync());
    }

    [Fact]
    public async Task Settings_do_not_change_while_Voting()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.SetPhaseAsync(WorkshopPhase.Voting);

        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { VotesPerBoard = 5 }));
    }

    [Theory]
    [InlineData(0, 1, 280)]
    [InlineData(101, 1, 280)]
    [InlineData(3, 0, 280)]
    [InlineData(3, 4, 280)]
    [InlineData(3, 1, 9)]
    [InlineData(3, 1, 2001)]
    [InlineData(-1, -1, -1)]
    public async Task Invalid_settings_are_refused_and_change_nothing(int votesPerBoard, int maxVotesPerIdea, int maxIdeaLength)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var bad = new WorkshopSettings { VotesPerBoard = votesPerBoard, MaxVotesPerIdea = maxVotesPerIdea, MaxIdeaLength = maxIdeaLength };

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.UpdateSettings(ev.Facilitator, bad));
    }

    [Fact]
    public async Task Participants_do_not_change_settings_and_nobody_does_once_Closed()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");
        var changed = WorkshopSettings.Default with { LiveResults = true };

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.UpdateSettings(participant, changed), participant);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.UpdateSettings(ev.Moderator, changed));
    }

    [Fact]
    public async Task Turning_live_results_on_shows_tallies_and_outputs_to_participants()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");
        await ev.AddIdeaAsync(ev.Facilitator, "Fikir");
        Assert.Null((await ev.Workshop.GetSnapshot(participant)).Boards[0].Ideas[0].Votes);

        await ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { LiveResults = true });

        var snapshot = await ev.Workshop.GetSnapshot(participant);
        Assert.Equal(0, snapshot.Boards[0].Ideas[0].Votes);
        Assert.Equal("Fikir", snapshot.Outputs[0].Text);
    }
}
