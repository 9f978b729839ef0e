using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Durability;

/// <summary>Storage that stops answering: nobody is told a change was kept that was not.</summary>
[Collection(SharedCluster.Name)]
public sealed class WriteFailureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task When_a_write_fails_every_caller_of_its_batch_is_told_unavailable_and_the_grain_reloads_what_was_stored()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var people = await ev.JoinManyAsync(4);
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var kept = await ev.AddIdeaAsync(people[0], "Kalıcı fikir");
        var observer = await ev.AttachAsync("s1");
        var stored = await ev.FingerprintAsync(people[0]);
        var storedVersion = await ev.VersionAsync();
        var grainId = ev.Workshop.GetGrainId();

        // The first change's write waits at the gate; the others queue up behind it for the next write.
        var gate = fixture.Storage.HoldNextWrite(grainId);
        var inFlight = ev.AddIdeaAsync(people[1], "Yazılırken");
        await gate.Reached;
        var queued = new List<Task>
        {
            ev.AddIdeaAsync(people[2], "Sırada 1"),
            ev.AddIdeaAsync(people[3], "Sırada 2"),
            ev.Workshop.EditIdea(people[0], kept.IdeaId, "Değişmiş fikir"),
            ev.Workshop.StartTimer(ev.Facilitator, 600),
        };
        await WhenInMemoryAsync(ev, snapshot => snapshot.Boards[0].Ideas.Count == 4 && snapshot.TimerEndsAt is not null);
        fixture.Storage.FailWrites(grainId, fail: true);
        gate.Open();

        await Refusal.ExpectAsync(ErrorCodes.Unavailable, () => inFlight);
        foreach (var call in queued)
        {
            await Refusal.ExpectAsync(ErrorCodes.Unavailable, () => call);
        }

        fixture.Storage.FailWrites(grainId, fail: false);
        await fixture.DeactivatedAsync(grainId);

        // Only what was stored before the failure is served, and nothing unstored was announced.
        Assert.Equal(stored, await ev.FingerprintAsync(people[0]));
        Assert.All(observer.Notices, n => Assert.True(n.Version <= storedVersion, $"version {n.Version} was announced but never stored"));

        // The workshop goes on from the stored version.
        observer = await ev.AttachAsync("s1");
        var after = await ev.AddIdeaAsync(people[1], "Yeniden");
        var notice = (await observer.RangeAsync(storedVersion + 1, storedVersion + 1))[0];
        Assert.Equal(after with { Mine = false }, ((IdeaEvent)NoticeAssert.To(notice, Audience.ParticipantsExcept).Payload).Idea);
        Assert.Equal(new[] { "Kalıcı fikir", "Yeniden" }, (await ev.StaffViewAsync()).Boards[0].Ideas.Select(i => i.Text));
    }

    [Fact]
    public async Task A_vote_storm_whose_write_fails_leaves_no_vote_behind()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var voters = await ev.JoinManyAsync(50);
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Fikir");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var stored = await ev.FingerprintAsync(voters[0]);
        var grainId = ev.Workshop.GetGrainId();
        fixture.Storage.FailWrites(grainId, fail: true);

        var outcomes = await Task.WhenAll(voters.Select(async v =>
        {
            try
            {
                await ev.Workshop.CastVote(v, idea.IdeaId, "oy");
                return "acknowledged";
            }
            catch (WorkshopException ex)
            {
                return ex.Code;
            }
        }));

        Assert.All(outcomes, o => Assert.Equal(ErrorCodes.Unavailable, o));
        fixture.Storage.FailWrites(grainId, fail: false);
        await fixture.DeactivatedAsync(grainId);
        Assert.Equal(stored, await ev.FingerprintAsync(voters[0]));

        // A re-send with the same clientOpId is counted now, once.
        Assert.Equal(new VoteReceipt(idea.IdeaId, 1, 2), await ev.Workshop.CastVote(voters[0], idea.IdeaId, "oy"));
        Assert.Equal(new VoteReceipt(idea.IdeaId, 1, 2), await ev.Workshop.CastVote(voters[0], idea.IdeaId, "oy"));
        Assert.Equal(1, (await ev.StaffViewAsync()).Boards[0].Ideas[0].Votes);
    }

    [Fact]
    public async Task A_join_whose_write_fails_is_unavailable_and_leaves_no_participant()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var grainId = ev.Event.GetGrainId();
        var before = Canonical.Json(await fixture.Storage.ReadStoredAsync<EventState>("event", grainId));
        fixture.Storage.FailWrites(grainId, fail: true);

        await Refusal.ExpectAsync(ErrorCodes.Unavailable, () => ev.Event.Join(null, "Ayşe", null, null));

        fixture.Storage.FailWrites(grainId, fail: false);
        await fixture.DeactivatedAsync(grainId);
        Assert.Equal(before, Canonical.Json(await fixture.Storage.ReadStoredAsync<EventState>("event", grainId)));
        var joined = await ev.Event.Join(null, "Ayşe", null, null);
        Assert.Equal(joined.ParticipantId, Assert.Single((await fixture.Storage.ReadStoredAsync<EventState>("event", grainId)).Participants).Key);
    }

    /// <summary>Waits until the grain holds the queued changes in memory (they are visible before they are stored).</summary>
    private static async Task WhenInMemoryAsync(TestEvent ev, Func<WorkshopSnapshot, bool> condition)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (condition(await ev.StaffViewAsync()))
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the queued changes never reached the grain");
    }
}
