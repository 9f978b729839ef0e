using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class VersionTests(ClusterFixture fixture)
{
    /// <summary>Votes are coalesced: they move the version with the tally flush that publishes them.</summary>
    [Fact]
    public async Task The_version_grows_with_every_change_and_never_with_a_refusal()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        var observer = await ev.AttachAsync("s1");
        string? idea = null;
        string? second = null;
        var changes = new (string Name, Func<Task> Change)[]
        {
            ("phase", () => ev.SetPhaseAsync(WorkshopPhase.Brainstorm)),
            ("add", async () => idea = (await ev.AddIdeaAsync(ayse, "Fikir")).IdeaId),
            ("add again", async () => second = (await ev.AddIdeaAsync(ayse, "İkinci")).IdeaId),
            ("edit", () => ev.Workshop.EditIdea(ayse, idea!, "Fikrim")),
            ("hide", () => ev.Workshop.HideIdea(ev.Facilitator, idea!)),
            ("restore", () => ev.Workshop.RestoreIdea(ev.Facilitator, idea!)),
            ("timer", () => ev.Workshop.StartTimer(ev.Facilitator, 60)),
            ("timer stop", () => ev.Workshop.StopTimer(ev.Facilitator)),
            ("settings", () => ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { VotesPerBoard = 4 })),
            ("voting", () => ev.SetPhaseAsync(WorkshopPhase.Voting)),
            ("vote", async () =>
            {
                await ev.VoteAsync(ayse, idea!);
                await ev.FlushTalliesAsync(observer);
            }),
            ("retract", async () =>
            {
                await ev.RetractAsync(ayse, idea!);
                await ev.FlushTalliesAsync(observer);
            }),
            ("merge", () => ev.Workshop.MergeIdeas(ev.Facilitator, idea!, [second!])),
            ("output", () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "Çıktı" })),
            ("clear output", () => ev.Workshop.ClearOutput(ev.Facilitator, "b1")),
            ("delete", () => ev.Workshop.DeleteIdea(ev.Facilitator, second!)),
            ("results", () => ev.SetPhaseAsync(WorkshopPhase.Results)),
        };
        var version = await ev.VersionAsync();

        foreach (var (name, change) in changes)
        {
            await change();
            var now = await ev.VersionAsync();
            Assert.True(now > version, $"'{name}' did not move the version on from {version}");
            version = now;
            await observer.RangeAsync(1, version);

            // A refusal right after any change leaves the version where it is.
            await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetPhase(ev.Facilitator, "nope"));
            Assert.Equal(version, await ev.VersionAsync());
        }

        // Every version was published exactly once.
        Assert.Equal(Enumerable.Range(1, (int)version).Select(v => (long)v), observer.Notices.Select(n => n.Version));
    }

    [Fact]
    public async Task Reads_do_not_move_the_version()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await ev.AddIdeaAsync(ayse, "Fikir");
        var before = await ev.FingerprintAsync(ayse);

        await ev.Workshop.GetSnapshot(ayse);
        await ev.Workshop.GetSummary();
        await ev.Workshop.GetExport(ev.Facilitator);
        await ev.Event.GetSummary(ev.Moderator);

        Assert.Equal(before, await ev.FingerprintAsync(ayse));
    }
}
