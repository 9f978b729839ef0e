using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>An idea written while ideas are anonymous stays anonymous, whatever the settings become.</summary>
[Collection(SharedCluster.Name)]
public sealed class AnonymityTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Turning_anonymity_off_later_shows_no_author_of_an_earlier_idea_in_any_view_or_export()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Gizli Yazar");
        var reader = await ev.JoinAsync("Mehmet");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var secret = await ev.AddIdeaAsync(author, "Gizli fikir");
        var staffSecret = await ev.AddIdeaAsync(ev.Facilitator, "Kolaylaştırıcının gizli fikri");

        await ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { AnonymousIdeas = false });
        var signed = await ev.AddIdeaAsync(author, "İmzalı fikir");

        Assert.Equal("Gizli Yazar", signed.Author);
        foreach (var viewer in new[] { author, reader, ev.Facilitator, ev.Moderator })
        {
            var ideas = (await ev.Workshop.GetSnapshot(viewer)).Boards[0].Ideas;
            Assert.Equal(new[] { null, null, "Gizli Yazar" }, ideas.Select(i => i.Author));
        }

        var exported = (await ev.Workshop.GetExport(ev.Moderator)).Boards[0].Ideas;
        Assert.Equal(new[] { null, null, "Gizli Yazar" }, new[] { secret.IdeaId, staffSecret.IdeaId, signed.IdeaId }.Select(id => exported.Single(i => i.IdeaId == id).Author));

        // The author still owns the idea: it is theirs, they may edit it.
        var own = (await ev.Workshop.GetSnapshot(author)).Boards[0].Ideas.Single(i => i.IdeaId == secret.IdeaId);
        Assert.True(own.Mine);
        Assert.Equal("Düzeltilmiş gizli fikir", (await ev.Workshop.EditIdea(author, secret.IdeaId, "Düzeltilmiş gizli fikir")).Text);
    }

    [Fact]
    public async Task The_name_of_an_anonymous_author_is_never_stored_with_the_workshop()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var author = await ev.JoinAsync("Gizli Yazar");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);

        await ev.AddIdeaAsync(author, "Gizli fikir");
        await ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { AnonymousIdeas = false });
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(author, (await ev.StaffViewAsync()).Boards[0].Ideas[0].IdeaId);

        // Every byte of the workshop's log: its entries and its snapshot, if any (strings are UTF-8 there).
        var log = await fixture.Storage.ReadLogAsync(ev.Workshop.GetGrainId());
        var stored = log.Entries.Concat(log.Snapshot is { } snapshot ? [snapshot] : []).SelectMany(e => e.ToArray()).ToArray();
        Assert.NotEqual(-1, stored.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes("Gizli fikir")));
        Assert.Equal(-1, stored.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes("Gizli Yazar")));
    }
}
