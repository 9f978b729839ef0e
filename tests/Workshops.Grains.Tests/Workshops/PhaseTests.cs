using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class PhaseTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_new_workshop_is_in_Setup_with_one_board_per_output_area_in_order()
    {
        string[] areas = ["Etki", "Sürdürülebilirlik", "İş Birliği", "Yenilik"];
        var ev = await TestEvent.CreateAsync(fixture, areas: [.. areas]);

        var snapshot = await ev.Workshop.GetSnapshot(ev.Facilitator);

        Assert.Equal(ev.WorkshopId, snapshot.WorkshopId);
        Assert.Equal(ev.EventId, snapshot.EventId);
        Assert.Equal("Atölye 1", snapshot.Title);
        Assert.Equal(WorkshopPhase.Setup, snapshot.Phase);
        Assert.Equal(0, snapshot.Version);
        Assert.Null(snapshot.TimerEndsAt);
        Assert.Equal("tr", snapshot.Language);
        Assert.Equal(areas, snapshot.Boards.Select(b => b.Area));
        Assert.Equal(4, snapshot.Boards.Select(b => b.BoardId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(snapshot.Boards, b => Assert.Empty(b.Ideas));
        Assert.Equal(snapshot.Boards.Select(b => b.BoardId), snapshot.Outputs.Select(o => o.BoardId));
        Assert.Equal(areas, snapshot.Outputs.Select(o => o.Area));
        Assert.Equal(0, snapshot.Participants);
        Assert.Equal(Role.Facilitator, snapshot.Me.Role);
    }

    [Fact]
    public async Task Initializing_a_workshop_again_for_its_event_is_harmless_and_for_another_event_a_conflict()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var definition = new WorkshopDefinition(ev.EventId, "Yeni", ["Tek"], WorkshopSettings.Default, "en");

        await ev.Workshop.Initialize(definition);
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.Initialize(definition with { EventId = TestEvent.NewId() }));

        var snapshot = await ev.StaffViewAsync();
        Assert.Equal("Atölye 1", snapshot.Title);
        Assert.Equal(3, snapshot.Boards.Count);
    }

    [Fact]
    public async Task Facilitator_moves_forward_and_back_by_any_number_of_steps()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        WorkshopPhase[] path =
        [
            WorkshopPhase.Results, WorkshopPhase.Brainstorm, WorkshopPhase.Voting, WorkshopPhase.Setup,
            WorkshopPhase.Voting, WorkshopPhase.Brainstorm, WorkshopPhase.Closed,
        ];
        var version = await ev.VersionAsync();

        foreach (var phase in path)
        {
            await ev.Workshop.SetPhase(ev.Facilitator, phase.ToString());

            var snapshot = await ev.StaffViewAsync();
            Assert.Equal(phase, snapshot.Phase);
            Assert.True(snapshot.Version > version, $"version did not grow when moving to {phase}");
            version = snapshot.Version;
        }
    }

    [Fact]
    public async Task A_phase_change_that_hides_or_shows_nothing_else_costs_one_version()
    {
        var ev = await TestEvent.CreateAsync(fixture);

        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        Assert.Equal(1, await ev.VersionAsync());
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        Assert.Equal(2, await ev.VersionAsync());
    }

    [Theory]
    [InlineData(WorkshopPhase.Setup)]
    [InlineData(WorkshopPhase.Brainstorm)]
    [InlineData(WorkshopPhase.Voting)]
    [InlineData(WorkshopPhase.Results)]
    public async Task Facilitator_cannot_reopen_a_closed_workshop(WorkshopPhase target)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.SetPhase(ev.Facilitator, target.ToString()));

        Assert.Equal(WorkshopPhase.Closed, (await ev.StaffViewAsync()).Phase);
    }

    [Fact]
    public async Task Moderator_and_admin_reopen_a_closed_workshop()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);

        await ev.Workshop.SetPhase(ev.Moderator, "Results");
        Assert.Equal(WorkshopPhase.Results, (await ev.StaffViewAsync()).Phase);

        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        await ev.Workshop.SetPhase(Caller.Admin, "Brainstorm");
        Assert.Equal(WorkshopPhase.Brainstorm, (await ev.StaffViewAsync()).Phase);
    }

    [Fact]
    public async Task Setting_the_current_phase_again_changes_nothing()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        var before = await ev.FingerprintAsync();

        await ev.SetPhaseAsync(WorkshopPhase.Closed);

        Assert.Equal(before, await ev.FingerprintAsync());
    }

    [Theory]
    [InlineData("voting")]
    [InlineData("VOTING")]
    [InlineData("")]
    [InlineData(" Voting")]
    [InlineData("Voting ")]
    [InlineData("Oylama")]
    [InlineData("2")]
    [InlineData("BRAİNSTORM")]
    [InlineData(null)]
    public async Task An_unknown_phase_name_is_invalid(string? name)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetPhase(ev.Facilitator, name!));
    }

    [Fact]
    public async Task A_participant_cannot_change_the_phase()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.SetPhase(participant, "Brainstorm"), participant);
    }
}
