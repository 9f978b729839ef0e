using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class TimerTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(90)]
    [InlineData(86400)]
    public async Task A_started_timer_ends_that_many_seconds_from_now(int seconds)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");
        var version = await ev.VersionAsync();

        await ev.Workshop.StartTimer(ev.Facilitator, seconds);

        var snapshot = await ev.Workshop.GetSnapshot(participant);
        Assert.Equal(fixture.Clock.GetUtcNow().AddSeconds(seconds), snapshot.TimerEndsAt);
        Assert.Equal(version + 1, snapshot.Version);
    }

    [Fact]
    public async Task A_stopped_timer_has_no_end()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.Workshop.StartTimer(ev.Facilitator, 300);

        await ev.Workshop.StopTimer(ev.Moderator);

        var snapshot = await ev.StaffViewAsync();
        Assert.Null(snapshot.TimerEndsAt);
        Assert.Equal(2, snapshot.Version);
        Assert.Equal(new[] { "timer-start", "timer-stop" }, (await ev.Workshop.GetExport(ev.Moderator)).Audit.Select(a => a.Action));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86401)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public async Task A_timer_outside_1_to_86400_seconds_is_invalid(int seconds)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.Workshop.StartTimer(ev.Facilitator, 60);

        await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.StartTimer(ev.Facilitator, seconds));
    }

    [Fact]
    public async Task Only_staff_run_the_timer_and_not_once_Closed()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var participant = await ev.JoinAsync("Ayşe");

        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.StartTimer(participant, 60), participant);
        await ev.AssertRefusedAsync(ErrorCodes.Forbidden, () => ev.Workshop.StopTimer(participant), participant);
        await ev.SetPhaseAsync(WorkshopPhase.Closed);
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.StartTimer(ev.Facilitator, 60));
        await ev.AssertRefusedAsync(ErrorCodes.WrongPhase, () => ev.Workshop.StopTimer(ev.Facilitator));
    }
}
