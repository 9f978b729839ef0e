using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Deliveries;

/// <summary>What a subscribed server is told of each committed change.</summary>
[Collection(SharedCluster.Name)]
public sealed class DeliveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_committed_change_and_tally_announcement_reaches_the_server_once_in_order()
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
        var last = await ev.NoticeNumberAsync();

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
        Assert.Equal(idea with { Mine = false, Votes = 0, HallVotes = 0 }, ((IdeaEvent)toStaff.Payload).Idea);

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
        Assert.Equal(idea with { Status = IdeaStatus.Hidden, Mine = false, Votes = 0, HallVotes = 0 }, ((IdeaEvent)NoticeAssert.To(hidden, Audience.Staff).Payload).Idea);
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
        var start = await ev.NoticeNumberAsync();
        var version = await ev.VersionAsync();

        await Task.WhenAll(voters.Take(30).Select((v, i) => ev.VoteAsync(v, i % 3 == 0 ? b.IdeaId : a.IdeaId)));
        var firstFlush = await ev.FlushTalliesAsync(observer);
        await Task.WhenAll(voters.Skip(30).Select(v => ev.VoteAsync(v, a.IdeaId)));
        var secondFlush = await ev.FlushTalliesAsync(observer);

        var staffFirst = (TalliesChangedEvent)NoticeAssert.To(firstFlush, Audience.Staff).Payload;
        Assert.Equal(new Dictionary<string, int> { [a.IdeaId] = 20, [b.IdeaId] = 10 }, staffFirst.Tallies);
        var staffSecond = (TalliesChangedEvent)NoticeAssert.To(secondFlush, Audience.Staff).Payload;
        Assert.Equal(new Dictionary<string, int> { [a.IdeaId] = 30 }, staffSecond.Tallies);
        Assert.Equal(staffFirst.Seq + 1, staffSecond.Seq);

        // Participants are told nothing; the output's new count rides in the staff announcement.
        Assert.DoesNotContain(firstFlush.Deliveries, d => d.Audience != Audience.Staff);
        Assert.DoesNotContain(secondFlush.Deliveries, d => d.Audience != Audience.Staff);
        var output = Assert.Single(staffSecond.Outputs!);
        Assert.Equal(("A", 30), (output.Text, output.Votes));

        // 40 votes, two announcements, no version.
        Assert.Equal(version, await ev.VersionAsync());
        var last = await ev.NoticeNumberAsync();
        Assert.Equal(start + 2, last);
        var notices = await observer.RangeAsync(start + 1, last);
        Assert.All(notices, n => NoticeAssert.IsWellFormed(n, ev.WorkshopId));
        Assert.All(notices, n => Assert.True(NoticeAssert.IsTallyAnnouncement(n)));
    }

    [Fact]
    public async Task Staff_and_participants_each_have_a_tally_seq_that_grows_by_one_per_announcement_they_get()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var voters = await ev.JoinManyAsync(4);
        var a = await ev.AddIdeaAsync(ev.Facilitator, "A");
        var b = await ev.AddIdeaAsync(ev.Facilitator, "B");
        var c = await ev.AddIdeaAsync(ev.Facilitator, "C");
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var observer = await ev.AttachAsync("s1");
        var from = await ev.NoticeNumberAsync() + 1;
        var staffStart = (await ev.StaffViewAsync()).TallySeq;
        var participantStart = (await ev.Workshop.GetSnapshot(voters[0])).TallySeq;

        await ev.VoteAsync(voters[0], a.IdeaId);
        await ev.FlushTalliesAsync(observer);
        await ev.VoteAsync(voters[1], a.IdeaId);
        await ev.FlushTalliesAsync(observer);
        Assert.Equal(participantStart, (await ev.Workshop.GetSnapshot(voters[0])).TallySeq);

        // Live results on (settings change outside Voting): the participants' first announcement carries every idea's count.
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { LiveResults = true });
        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        await ev.VoteAsync(voters[2], b.IdeaId);
        await ev.FlushTalliesAsync(observer);
        await ev.VoteAsync(voters[3], b.IdeaId);
        await ev.FlushTalliesAsync(observer);

        var notices = await observer.RangeAsync(from, await ev.NoticeNumberAsync());
        var staff = notices.SelectMany(n => n.Deliveries).Where(d => d.Audience == Audience.Staff && d.Method == EventNames.TalliesChanged)
            .Select(d => (TalliesChangedEvent)d.Payload).ToList();
        var participants = notices.SelectMany(n => n.Deliveries).Where(d => d.Audience == Audience.Participants && d.Method == EventNames.TalliesChanged)
            .Select(d => (TalliesChangedEvent)d.Payload).ToList();
        Assert.Equal(Enumerable.Range(1, 4).Select(i => staffStart + i), staff.Select(t => t.Seq));
        Assert.Equal(Enumerable.Range(1, 3).Select(i => participantStart + i), participants.Select(t => t.Seq));
        Assert.Equal(new Dictionary<string, int> { [a.IdeaId] = 2, [b.IdeaId] = 0, [c.IdeaId] = 0 }, participants[0].Tallies);
        Assert.Equal(new Dictionary<string, int> { [b.IdeaId] = 1 }, participants[1].Tallies);
        Assert.Equal(new Dictionary<string, int> { [b.IdeaId] = 2 }, participants[2].Tallies);
        Assert.Equal((staffStart + 4, participantStart + 3), ((await ev.StaffViewAsync()).TallySeq, (await ev.Workshop.GetSnapshot(voters[0])).TallySeq));
    }

    [Fact]
    public async Task A_snapshot_and_the_announcements_after_its_tally_seq_merge_into_the_exact_counts()
    {
        var ev = await TestEvent.CreateAsync(fixture, WorkshopSettings.Default with { LiveResults = true, VotesPerBoard = 3 });
        var voters = await ev.JoinManyAsync(30);
        var ideas = new List<Idea>();
        foreach (var text in new[] { "A", "B", "C" })
        {
            ideas.Add(await ev.AddIdeaAsync(ev.Facilitator, text));
        }

        await ev.SetPhaseAsync(WorkshopPhase.Voting);
        var observer = await ev.AttachAsync("s1");
        await Task.WhenAll(voters.Take(15).Select((v, i) => ev.VoteAsync(v, ideas[i % 3].IdeaId)));
        await ev.FlushTalliesAsync(observer);

        // A participant joins in the middle of the storm: some votes are in its snapshot but not yet announced.
        await Task.WhenAll(voters.Skip(15).Take(5).Select(v => ev.VoteAsync(v, ideas[0].IdeaId)));
        var joined = await ev.Workshop.GetSnapshot(voters[0]);
        await Task.WhenAll(voters.Skip(20).Select((v, i) => ev.VoteAsync(v, ideas[1 + (i % 2)].IdeaId)));
        await ev.FlushTalliesAsync(observer);
        await Task.WhenAll(voters.Skip(15).Take(5).Select(v => ev.VoteAsync(v, ideas[2].IdeaId)));
        await ev.FlushTalliesAsync(observer);

        var counts = joined.Boards.SelectMany(board => board.Ideas).ToDictionary(i => i.IdeaId, i => i.Votes!.Value, StringComparer.Ordinal);
        var later = observer.Notices.SelectMany(n => n.Deliveries)
            .Where(d => d.Audience == Audience.Participants && d.Method == EventNames.TalliesChanged)
            .Select(d => (TalliesChangedEvent)d.Payload)
            .Where(t => t.Seq > joined.TallySeq)
            .ToList();
        Assert.Equal(Enumerable.Range(1, later.Count).Select(i => joined.TallySeq + i), later.Select(t => t.Seq));
        Assert.Equal(2, later.Count);
        foreach (var announcement in later)
        {
            foreach (var (ideaId, votes) in announcement.Tallies)
            {
                counts[ideaId] = votes;
            }
        }

        var final = await ev.Workshop.GetSnapshot(voters[0]);
        Assert.Equal(final.TallySeq, later[^1].Seq);
        Assert.Equal(final.Boards.SelectMany(board => board.Ideas).ToDictionary(i => i.IdeaId, i => i.Votes!.Value, StringComparer.Ordinal), counts);
        Assert.Equal(new[] { 5 + 5, 5 + 5, 5 + 5 + 5 }, ideas.Select(i => counts[i.IdeaId]));
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
        var participantSeq = (await ev.Workshop.GetSnapshot(voters[0])).TallySeq;
        var start = await ev.NoticeNumberAsync();

        await ev.SetPhaseAsync(WorkshopPhase.Results);

        // The phase change, with the participants' first announcement right after it, then every output.
        var last = await ev.NoticeNumberAsync();
        var notices = await observer.RangeAsync(start + 1, last);
        Assert.All(notices, n => NoticeAssert.IsWellFormed(n, ev.WorkshopId));
        Assert.Equal(
            new[] { EventNames.PhaseChanged, EventNames.TalliesChanged, EventNames.OutputChanged, EventNames.OutputChanged, EventNames.OutputChanged },
            notices.SelectMany(n => n.Deliveries.Where(d => d.Audience == Audience.Participants)).Select(d => d.Method));
        Assert.Equal(4, notices.Count);
        var shown = (TalliesChangedEvent)notices[0].Deliveries[^1].Payload;
        Assert.Equal(participantSeq + 1, shown.Seq);
        Assert.Equal(new Dictionary<string, int> { [a.IdeaId] = 0, [b.IdeaId] = 2 }, shown.Tallies);
        var first = ((OutputChangedEvent)NoticeAssert.To(notices[1], Audience.Participants).Payload).Output;
        Assert.Equal(("B", 2, OutputSource.TopVoted), (first.Text, first.Votes, first.Source));
    }
}
