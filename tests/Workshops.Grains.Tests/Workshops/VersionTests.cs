using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class VersionTests(ClusterFixture fixture)
{
    /// <summary>Votes take no version: the tally flush that publishes them moves the staff tally seq instead.</summary>
    [Fact]
    public async Task The_version_grows_with_every_change_but_votes_and_never_with_a_refusal()
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
        var before = await ev.StaffViewAsync();

        foreach (var (name, change) in changes)
        {
            await change();
            var now = await ev.StaffViewAsync();
            if (name is "vote" or "retract")
            {
                Assert.Equal((before.Version, before.TallySeq + 1), (now.Version, now.TallySeq));
            }
            else
            {
                Assert.True(now.Version > before.Version, $"'{name}' did not move the version on from {before.Version}");
            }

            before = now;
            await observer.RangeAsync(1, now.Version + now.TallySeq);

            // A refusal right after any change leaves the version where it is.
            await ev.AssertRefusedAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetPhase(ev.Facilitator, "nope"));
            Assert.Equal((now.Version, now.TallySeq), ((await ev.StaffViewAsync()).Version, (await ev.StaffViewAsync()).TallySeq));
        }

        // Every notice was published exactly once, every version in a change of its own.
        Assert.Equal(Enumerable.Range(1, (int)(before.Version + before.TallySeq)).Select(v => (long)v), observer.Notices.Select(n => n.Version));
        var changesSeen = observer.Notices.Where(n => !NoticeAssert.IsTallyAnnouncement(n)).Select(NoticeAssert.VersionOf);
        Assert.Equal(Enumerable.Range(1, (int)before.Version).Select(v => (long)v), changesSeen);
    }

    [Fact]
    public async Task A_vote_does_not_change_the_version()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Fikir");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var observer = await ev.AttachAsync("s1");
        var before = await ev.StaffViewAsync();
        var participantBefore = await ev.Workshop.GetSnapshot(ayse);

        await ev.VoteAsync(ayse, idea.IdeaId);
        await ev.FlushTalliesAsync(observer);

        var after = await ev.StaffViewAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Version, (await ev.Workshop.GetSnapshot(ayse)).Version);
        Assert.Equal(participantBefore.Version, before.Version);
        Assert.Equal(1, after.Boards[0].Ideas.Single().Votes);
        Assert.Equal(before.TallySeq + 1, after.TallySeq);
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
