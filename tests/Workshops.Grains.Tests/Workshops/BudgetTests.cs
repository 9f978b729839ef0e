using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

/// <summary>What a workshop and an event may store, and what does not grow it.</summary>
[Collection(SharedCluster.Name)]
public sealed class BudgetTests(ClusterFixture fixture)
{
    // One character of 8 UTF-16 units: the largest a character may be on average.
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";

    private static string Times(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    /// <summary>
    /// A staff idea of 2,000 eight-unit characters stores 16,000 units twice (the idea and its
    /// audit entry) plus about 120 of ids and overhead: 93 of them and the phase change fill
    /// 2,987,000 of the 3,000,000 units; the 94th would go past.
    /// </summary>
    private const int StaffIdeasThatFit = 93;

    private async Task<(TestEvent Ev, Caller Participant, string Text)> FullAsync()
    {
        var ev = await TestEvent.CreateAsync(fixture, WorkshopSettings.Default with { MaxIdeaLength = 2000 });
        var participant = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var text = Times(Family, 2000);
        var added = 0;
        var refused = false;
        while (!refused && added <= StaffIdeasThatFit)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            {
                try
                {
                    await ev.AddIdeaAsync(ev.Facilitator, text);
                    return true;
                }
                catch (WorkshopException ex) when (ex.Code == ErrorCodes.Conflict)
                {
                    return false;
                }
            }));
            added += batch.Count(ok => ok);
            refused = batch.Any(ok => !ok);
        }

        Assert.True(refused);
        Assert.Equal(StaffIdeasThatFit, added);
        return (ev, participant, text);
    }

    [Fact]
    public async Task A_workshop_refuses_text_past_its_budget_with_conflict_and_changes_nothing()
    {
        var (ev, participant, text) = await FullAsync();

        var error = await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.AddIdeaAsync(ev.Facilitator, text), participant);
        Assert.Contains("no room", error.Message, StringComparison.Ordinal);
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.AddIdeaAsync(participant, text), participant);
        var last = (await ev.StaffViewAsync()).Boards[0].Ideas[^1];
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.EditIdea(ev.Facilitator, last.IdeaId, text[..^8] + "D"), participant);
        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = Times(Family, 1000) }), participant);
        Assert.Equal(StaffIdeasThatFit, (await ev.StaffViewAsync()).Boards[0].Ideas.Count);

        // Short changes still fit.
        var mine = await ev.AddIdeaAsync(participant, "Kısa fikir");
        await ev.Workshop.HideIdea(ev.Facilitator, mine.IdeaId);
        await ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "Sonuç" });
        Assert.Equal(StaffIdeasThatFit + 1, (await ev.StaffViewAsync()).Boards[0].Ideas.Count);
    }

    [Fact]
    public async Task The_workshop_budget_is_counted_again_after_a_restart()
    {
        var (ev, participant, text) = await FullAsync();

        await fixture.Cluster.DeactivateAsync(ev.Workshop);

        await ev.AssertRefusedAsync(ErrorCodes.Conflict, () => ev.AddIdeaAsync(participant, text), participant);
    }

    [Fact]
    public async Task An_event_refuses_participant_data_past_its_budget_with_conflict_and_stores_nothing_of_it()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var name = Times(Family, 80);
        var organization = Times(Family, 120);
        var joined = 0;
        var refused = false;
        while (!refused && joined < 2000)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
            {
                try
                {
                    await ev.Event.Join(null, name, organization, null);
                    return true;
                }
                catch (WorkshopException ex) when (ex.Code == ErrorCodes.Conflict)
                {
                    return false;
                }
            }));
            joined += batch.Count(ok => ok);
            refused = batch.Any(ok => !ok);
        }

        var perPerson = name.Length + organization.Length + 48;
        Assert.Equal(EventGrain.MaxParticipantUnits / perPerson, joined);
        var stored = await fixture.Storage.ReadStoredAsync<EventState>("event", ev.Event.GetGrainId());
        Assert.Equal(joined, stored.Participants.Count);
        var error = await Refusal.ExpectAsync(ErrorCodes.Conflict, () => ev.Event.Join(null, name, organization, null));
        Assert.Contains("no room", error.Message, StringComparison.Ordinal);

        // A person with an ordinary name still gets in.
        Assert.Equal("Ayşe", (await ev.Event.Join(null, "Ayşe", null, null)).DisplayName);
    }

    [Fact]
    public async Task Joining_again_unchanged_does_not_rewrite_the_event()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var first = await ev.Event.Join(null, "Ayşe", "Kooperatif", "Basın");
        var writes = fixture.Storage.WritesOf(ev.Event.GetGrainId());

        var again = await ev.Event.Join(first.ParticipantId, " Ayşe ", "Kooperatif", "Basın");

        Assert.Equal(first, again);
        Assert.Equal(writes, fixture.Storage.WritesOf(ev.Event.GetGrainId()));
        await ev.Event.Join(first.ParticipantId, "Ayşe Y.", "Kooperatif", "Basın");
        Assert.Equal(writes + 1, fixture.Storage.WritesOf(ev.Event.GetGrainId()));
    }

    [Fact]
    public async Task Stopping_no_timer_or_starting_the_same_end_again_records_nothing()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var before = await ev.FingerprintAsync();

        await ev.Workshop.StopTimer(ev.Facilitator);
        Assert.Equal(before, await ev.FingerprintAsync());

        await ev.Workshop.StartTimer(ev.Facilitator, 60);
        var started = await ev.FingerprintAsync();
        await ev.Workshop.StartTimer(ev.Moderator, 60);
        Assert.Equal(started, await ev.FingerprintAsync());

        await ev.Workshop.StopTimer(ev.Facilitator);
        await ev.Workshop.StopTimer(ev.Facilitator);
        Assert.Equal(new[] { "timer-start", "timer-stop" }, (await ev.Workshop.GetExport(ev.Moderator)).Audit.Select(a => a.Action));
        Assert.Equal(2, await ev.VersionAsync());
    }
}
