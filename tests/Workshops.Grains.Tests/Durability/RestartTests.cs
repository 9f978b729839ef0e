using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Durability;

/// <summary>What was acknowledged is what a fresh activation reads back.</summary>
[Collection(SharedCluster.Name)]
public sealed class RestartTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_reactivated_workshop_shows_exactly_what_was_acknowledged()
    {
        var ev = await TestEvent.CreateAsync(fixture, WorkshopSettings.Default with { AnonymousIdeas = false });
        var ayse = await ev.JoinAsync("Ayşe", "Basın");
        var burak = await ev.JoinAsync("Burak", "Kamu kurumu");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var a = await ev.Workshop.AddIdea(ayse, new IdeaInput { BoardId = "b1", Text = "Staj", ClientOpId = "fikir-1" });
        var b = await ev.AddIdeaAsync(burak, "Burs");
        var c = await ev.AddIdeaAsync(burak, "Mentorluk");
        var d = await ev.AddIdeaAsync(ayse, "Uygunsuz", "b2");
        await ev.Workshop.EditIdea(ev.Facilitator, b.IdeaId, "Burs programı");
        await ev.Workshop.HideIdea(ev.Facilitator, d.IdeaId);
        await ev.Workshop.StartTimer(ev.Facilitator, 900);
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var receipt = await ev.Workshop.CastVote(ayse, a.IdeaId, "oy-1");
        await ev.Workshop.CastVote(ayse, b.IdeaId, "oy-2");
        await ev.Workshop.CastVote(burak, c.IdeaId, "oy-3");
        await ev.Workshop.MergeIdeas(ev.Facilitator, a.IdeaId, [c.IdeaId]);
        await ev.SetPhaseAsync(WorkshopPhase.Results);
        await ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "Staj ve mentorluk", SourceIdeaIds = [a.IdeaId] });

        // The votes' announcement is out (else deactivating sends it, and the staff tally seq moves on).
        await ev.FlushTalliesAsync(await ev.AttachAsync("s1"));
        var before = await ev.FingerprintAsync(ayse, burak, ev.Facilitator);

        await fixture.Cluster.DeactivateAsync(ev.Workshop);

        Assert.Equal(before, await ev.FingerprintAsync(ayse, burak, ev.Facilitator));

        // Idempotency survives too: re-sends return their first results and change nothing.
        Assert.Equal(receipt, await ev.Workshop.CastVote(ayse, a.IdeaId, "oy-1"));
        Assert.Equal(a.IdeaId, (await ev.Workshop.AddIdea(ayse, new IdeaInput { BoardId = "b1", Text = "Staj", ClientOpId = "fikir-1" })).IdeaId);
        Assert.Equal(before, await ev.FingerprintAsync(ayse, burak, ev.Facilitator));
    }

    [Fact]
    public async Task A_reactivated_workshop_continues_its_tally_seqs_and_announces_every_count_first()
    {
        var ev = await TestEvent.CreateAsync(fixture, WorkshopSettings.Default with { LiveResults = true });
        var voters = await ev.JoinManyAsync(3);
        var a = await ev.AddIdeaAsync(ev.Facilitator, "A");
        var b = await ev.AddIdeaAsync(ev.Facilitator, "B", "b2");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await Task.WhenAll(voters.Select(v => ev.VoteAsync(v, a.IdeaId)));
        await ev.FlushTalliesAsync(await ev.AttachAsync("s1"));
        var staffSeq = (await ev.StaffViewAsync()).TallySeq;
        var participantSeq = (await ev.Workshop.GetSnapshot(voters[0])).TallySeq;

        await fixture.Cluster.DeactivateAsync(ev.Workshop);
        var observer = await ev.AttachAsync("s2");
        var first = await ev.FlushTalliesAsync(observer);

        // Clients keep their state: the next seq of each audience, with every idea's count.
        var staff = (TalliesChangedEvent)NoticeAssert.To(first, Audience.Staff).Payload;
        var participants = (TalliesChangedEvent)NoticeAssert.To(first, Audience.Participants).Payload;
        Assert.Equal((staffSeq + 1, participantSeq + 1), (staff.Seq, participants.Seq));
        var all = new Dictionary<string, int> { [a.IdeaId] = 3, [b.IdeaId] = 0 };
        Assert.Equal(all, staff.Tallies);
        Assert.Equal(all, participants.Tallies);
        Assert.Equal(staffSeq + 1, (await ev.StaffViewAsync()).TallySeq);
    }

    [Fact]
    public async Task A_reactivated_event_keeps_its_participants_and_program()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        var joined = await ev.Event.Join(null, "Ayşe", "STK", "Basın");
        var summary = Canonical.Json(await ev.Event.GetSummary(ev.Moderator));
        var info = Canonical.Json(await ev.Event.GetPublicInfo());

        await fixture.Cluster.DeactivateAsync(ev.Event);
        await fixture.Cluster.DeactivateAsync(ev.Workshop);

        Assert.Equal(summary, Canonical.Json(await ev.Event.GetSummary(ev.Moderator)));
        Assert.Equal(info, Canonical.Json(await ev.Event.GetPublicInfo()));
        Assert.Equal(joined.ParticipantId, (await ev.Event.Join(joined.ParticipantId, "Ayşe", "STK", "Basın")).ParticipantId);
        await Refusal.ExpectAsync(ErrorCodes.Conflict, () => ev.Event.Create(TestEvent.ProgramWith()));
    }
}
