using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Deliveries;

/// <summary>What a subscribed server is told of each committed change.</summary>
[Collection(SharedCluster.Name)]
public sealed class DeliveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_committed_change_reaches_the_server_once_with_consecutive_versions()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        var observer = await ev.AttachAsync("s1");

        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var first = await ev.AddIdeaAsync(ayse, "Birinci");
        var second = await ev.AddIdeaAsync(ev.Facilitator, "İkinci");
        await ev.Workshop.EditIdea(ayse, first.IdeaId, "Birinci fikir");
        await ev.Workshop.HideIdea(ev.Facilitator, first.IdeaId);
        await ev.Workshop.RestoreIdea(ev.Facilitator, first.IdeaId);
        await ev.Workshop.StartTimer(ev.Facilitator, 300);
        await ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { VotesPerBoard = 2 });
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(ayse, second.IdeaId);
        await ev.FlushTalliesAsync(observer);
        await ev.Workshop.MergeIdeas(ev.Facilitator, first.IdeaId, [second.IdeaId]);
        await ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "Çıktı", SourceIdeaIds = [first.IdeaId] });
        await ev.Workshop.ClearOutput(ev.Facilitator, "b1");
        await ev.SetPhaseAsync(WorkshopPhase.Results);
        await ev.Workshop.Attach("s2", fixture.Client.CreateObjectReference<IWorkshopObserver>(new RecordingObserver()), [new PresentPerson("p:" + ayse.ParticipantId, Role.Participant)]);
        await ev.Workshop.DeleteIdea(ev.Moderator, second.IdeaId);
        var last = await ev.VersionAsync();

        var notices = await observer.RangeAsync(1, last);

        Assert.Equal(Enumerable.Range(1, (int)last).Select(v => (long)v), observer.Notices.Select(n => n.Version));
        Assert.All(notices, n => NoticeAssert.IsWellFormed(n, ev.WorkshopId));
        Assert.Contains(notices, n => NoticeAssert.To(n, Audience.Staff).Method == EventNames.PresenceChanged);
        Assert.Contains(notices, n => NoticeAssert.To(n, Audience.Staff).Method == EventNames.SettingsChanged);
        Assert.Contains(notices, n => NoticeAssert.To(n, Audience.Staff).Method == EventNames.TimerChanged);
    }

    [Fact]
    public async Task An_idea_by_a_participant_is_told_to_its_author_to_the_others_and_to_staff()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var observer = await ev.AttachAsync("s1");

        var idea = await ev.AddIdeaAsync(ayse, "Gençlere staj");

        var notices = await observer.RangeAsync(2, 3);
        var added = notices[0];
        NoticeAssert.IsWellFormed(added, ev.WorkshopId);
        var toAuthor = NoticeAssert.To(added, Audience.Participant);
        Assert.Equal((ayse.ParticipantId, EventNames.IdeaAdded), (toAuthor.ParticipantId, toAuthor.Method));
        Assert.Equal(idea, ((IdeaEvent)toAuthor.Payload).Idea);
        var toOthers = NoticeAssert.To(added, Audience.ParticipantsExcept);
        Assert.Equal((ayse.ParticipantId, EventNames.IdeaAdded), (toOthers.ParticipantId, toOthers.Method));
        Assert.Equal(idea with { Mine = false }, ((IdeaEvent)toOthers.Payload).Idea);
        var toStaff = NoticeAssert.To(added, Audience.Staff);
        Assert.Equal(EventNames.IdeaAdded, toStaff.Method);
        Assert.Equal(idea with { Mine = false, Votes = 0 }, ((IdeaEvent)toStaff.Payload).Idea);

        // The first idea of a board becomes its output: staff see it, participants not yet.
        var output = notices[1];
        NoticeAssert.IsWellFormed(output, ev.WorkshopId);
        Assert.Equal("Gençlere staj", ((OutputChangedEvent)NoticeAssert.To(output, Audience.Staff).Payload).Output.Text);
        Assert.Equal("", ((OutputChangedEvent)NoticeAssert.To(output, Audience.Participants).Payload).Output.Text);
    }

    [Fact]
    public async Task Hiding_tells_the_other_participants_the_idea_is_gone_and_restoring_brings_it_back()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await ev.AddIdeaAsync(ayse, "Önce gelen");
        var idea = await ev.AddIdeaAsync(ayse, "Uygunsuz söz");
        var observer = await ev.AttachAsync("s1");
        var version = await ev.VersionAsync();

        await ev.Workshop.HideIdea(ev.Facilitator, idea.IdeaId);
        await ev.Workshop.RestoreIdea(ev.Facilitator, idea.IdeaId);

        var notices = await observer.RangeAsync(version + 1, version + 2);
        var hidden = notices[0];
        Assert.Equal(EventNames.IdeaRemoved, NoticeAssert.To(hidden, Audience.ParticipantsExcept).Method);
        Assert.Equal(new IdeaRemovedEvent(ev.WorkshopId, version + 1, idea.IdeaId), NoticeAssert.To(hidden, Audience.ParticipantsExcept).Payload);
        Assert.Equal(EventNames.IdeaChanged, NoticeAssert.To(hidden, Audience.Participant).Method);
        Assert.Equal(idea with { Status = IdeaStatus.Hidden }, ((IdeaEvent)NoticeAssert.To(hidden, Audience.Participant).Payload).Idea);
        Assert.Equal(idea with { Status = IdeaStatus.Hidden, Mine = false, Votes = 0 }, ((IdeaEvent)NoticeAssert.To(hidden, Audience.Staff).Payload).Idea);
        var restored = notices[1];
        Assert.Equal(EventNames.IdeaAdded, NoticeAssert.To(restored, Audience.ParticipantsExcept).Method);
        Assert.Equal(idea with { Mine = false }, ((IdeaEvent)NoticeAssert.To(restored, Audience.ParticipantsExcept).Payload).Idea);
        Assert.Equal(EventNames.IdeaChanged, NoticeAssert.To(restored, Audience.Staff).Method);
    }

    [Fact]
    public async Task Deleting_a_visible_idea_is_told_to_everyone_as_removed()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await ev.AddIdeaAsync(ayse, "Önce gelen");
        var idea = await ev.AddIdeaAsync(ayse, "Silinecek");
        var observer = await ev.AttachAsync("s1");
        var version = await ev.VersionAsync();

        await ev.Workshop.DeleteIdea(ayse, idea.IdeaId);

        var removed = (await observer.RangeAsync(version + 1, version + 1))[0];
        NoticeAssert.IsWellFormed(removed, ev.WorkshopId);
        Assert.All(removed.Deliveries, d => Assert.Equal(new IdeaRemovedEvent(ev.WorkshopId, version + 1, idea.IdeaId), d.Payload));
    }

    [Fact]
    public async Task Many_votes_become_a_few_tally_events_with_absolute_counts_for_staff_only_while_results_are_hidden()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var voters = await ev.JoinManyAsync(40);
        var a = await ev.AddIdeaAsync(ev.Facilitator, "A");
        var b = await ev.AddIdeaAsync(ev.Facilitator, "B");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var observer = await ev.AttachAsync("s1");
        var start = await ev.VersionAsync();

        await Task.WhenAll(voters.Take(30).Select((v, i) => ev.VoteAsync(v, i % 3 == 0 ? b.IdeaId : a.IdeaId)));
        Assert.Equal(start, await ev.VersionAsync());
        var firstFlush = await ev.FlushTalliesAsync(observer);
        await Task.WhenAll(voters.Skip(30).Select(v => ev.VoteAsync(v, a.IdeaId)));
        var secondFlush = await ev.FlushTalliesAsync(observer);

        var staffFirst = (TalliesChangedEvent)NoticeAssert.To(firstFlush, Audience.Staff).Payload;
        Assert.Equal(new Dictionary<string, int> { [a.IdeaId] = 20, [b.IdeaId] = 10 }, staffFirst.Tallies);
        Assert.Equal(new VersionChangedEvent(ev.WorkshopId, firstFlush.Version), NoticeAssert.To(firstFlush, Audience.Participants).Payload);
        var staffSecond = (TalliesChangedEvent)NoticeAssert.To(secondFlush, Audience.Staff).Payload;
        Assert.Equal(new Dictionary<string, int> { [a.IdeaId] = 30 }, staffSecond.Tallies);
        Assert.Equal(EventNames.VersionChanged, NoticeAssert.To(secondFlush, Audience.Participants).Method);

        // 40 votes, two tally events; the only other news is the output's vote count.
        var last = await ev.VersionAsync();
        var notices = await observer.RangeAsync(start + 1, last);
        Assert.Equal(2, notices.Count(n => NoticeAssert.To(n, Audience.Staff).Method == EventNames.TalliesChanged));
        Assert.All(notices, n => Assert.Contains(NoticeAssert.To(n, Audience.Staff).Method, new[] { EventNames.TalliesChanged, EventNames.OutputChanged }));
        Assert.Equal(4, notices.Count);
        var output = (OutputChangedEvent)NoticeAssert.To(notices[^1], Audience.Staff).Payload;
        Assert.Equal(("A", 30), (output.Output.Text, output.Output.Votes));
    }

    [Fact]
    public async Task Participants_get_tallies_while_live_results_are_on()
    {
        var ev = await TestEvent.CreateAsync(fixture, WorkshopSettings.Default with { LiveResults = true });
        var voters = await ev.JoinManyAsync(3);
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "A");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var observer = await ev.AttachAsync("s1");

        await Task.WhenAll(voters.Select(v => ev.VoteAsync(v, idea.IdeaId)));
        var flush = await ev.FlushTalliesAsync(observer);

        var expected = new Dictionary<string, int> { [idea.IdeaId] = 3 };
        Assert.Equal(EventNames.TalliesChanged, NoticeAssert.To(flush, Audience.Participants).Method);
        Assert.Equal(expected, ((TalliesChangedEvent)NoticeAssert.To(flush, Audience.Participants).Payload).Tallies);
        Assert.Equal(expected, ((TalliesChangedEvent)NoticeAssert.To(flush, Audience.Staff).Payload).Tallies);
    }

    [Fact]
    public async Task Showing_results_sends_participants_every_tally_and_output()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var voters = await ev.JoinManyAsync(2);
        var a = await ev.AddIdeaAsync(ev.Facilitator, "A");
        var b = await ev.AddIdeaAsync(ev.Facilitator, "B");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(voters[0], b.IdeaId);
        await ev.VoteAsync(voters[1], b.IdeaId);
        var observer = await ev.AttachAsync("s1");
        var start = await ev.VersionAsync();

        await ev.SetPhaseAsync(WorkshopPhase.Results);

        var last = await ev.VersionAsync();
        var notices = await observer.RangeAsync(start + 1, last);
        Assert.Equal(
            new[] { EventNames.PhaseChanged, EventNames.TalliesChanged, EventNames.OutputChanged, EventNames.OutputChanged, EventNames.OutputChanged },
            notices.Select(n => NoticeAssert.To(n, Audience.Participants).Method));
        Assert.Equal(
            new Dictionary<string, int> { [a.IdeaId] = 0, [b.IdeaId] = 2 },
            ((TalliesChangedEvent)NoticeAssert.To(notices[1], Audience.Participants).Payload).Tallies);
        var first = ((OutputChangedEvent)NoticeAssert.To(notices[2], Audience.Participants).Payload).Output;
        Assert.Equal(("B", 2, OutputSource.TopVoted), (first.Text, first.Votes, first.Source));
    }
}
