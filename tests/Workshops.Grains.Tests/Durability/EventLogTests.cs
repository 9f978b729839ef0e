using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Durability;

/// <summary>The grain's wiring to its event log: appends, snapshots, compaction, legacy records.</summary>
[Collection(SharedCluster.Name)]
public sealed class EventLogTests(ClusterFixture fixture)
{
    private Serializer Serializer => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Orleans_never_copies_the_model_state_so_both_views_of_the_grain_share_it()
    {
        var copier = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<DeepCopier>();
        var state = new WorkshopModelState { Title = "Paylaşılan" };
        Assert.Same(state, copier.Copy(state));
    }

    [Fact]
    public async Task Each_change_appends_its_events_and_deactivation_leaves_a_snapshot_that_the_next_activation_reads()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var grainId = ev.Workshop.GetGrainId();
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Staj");

        var log = await fixture.Storage.ReadLogAsync(grainId);
        var events = log.Entries.Select(e => Serializer.Deserialize<WorkshopEvent>(e)!).ToList();
        Assert.Null(log.Snapshot);
        Assert.Equal(new[] { typeof(WorkshopInitialized), typeof(PhaseSet), typeof(IdeaAdded), typeof(OutputsAnnounced) }, events.Select(e => e.GetType()));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, events.Select(e => e.Position));
        var before = await ev.StaffViewAsync();

        await fixture.Cluster.DeactivateAsync(ev.Workshop);
        await fixture.DeactivatedAsync(grainId);

        log = await fixture.Storage.ReadLogAsync(grainId);
        Assert.Equal((4L, 0), (log.SnapshotVersion, log.Entries.Count));
        Assert.Equal(4, Serializer.Deserialize<WorkshopModelState>(log.Snapshot!.Value)!.Position);
        var after = await ev.StaffViewAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(idea.IdeaId, Assert.Single(after.Boards[0].Ideas).IdeaId);
    }

    [Fact]
    public async Task Erasing_personal_data_compacts_the_log_so_the_name_leaves_every_stored_byte()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.Workshop.UpdateSettings(ev.Facilitator, WorkshopSettings.Default with { AnonymousIdeas = false });
        var author = await ev.JoinAsync("Silinecek Yazar");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        await ev.AddIdeaAsync(author, "İmzalı fikir");
        Assert.True(Holds(await fixture.Storage.ReadLogAsync(ev.Workshop.GetGrainId()), "Silinecek Yazar"));

        Assert.Equal(1, await ev.Workshop.ErasePersonalData([author.ParticipantId!]));

        var log = await fixture.Storage.ReadLogAsync(ev.Workshop.GetGrainId());
        Assert.Empty(log.Entries);
        Assert.True(Holds(log, "İmzalı fikir"));
        Assert.False(Holds(log, "Silinecek Yazar"));
        Assert.Null(Assert.Single((await ev.StaffViewAsync()).Boards[0].Ideas).Author);
    }

    [Fact]
    public async Task A_workshop_stored_by_the_earlier_version_is_converted_once_and_its_records_are_cleared()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var grainId = ev.Workshop.GetGrainId();
        await fixture.Cluster.DeactivateAsync(ev.Workshop);
        await fixture.DeactivatedAsync(grainId);
        await fixture.Storage.DeleteAsync("workshop/" + grainId.Key);
        var legacy = new WorkshopState
        {
            Initialized = true,
            EventId = ev.EventId,
            Title = "Eski atölye",
            Areas = ["İstihdam"],
            Phase = WorkshopPhase.Voting,
            Version = 7,
            Ideas = [new IdeaRecord { IdeaId = "i1", BoardId = "b1", Text = "Eski fikir", AuthorKey = "f:" + ev.WorkshopId, Status = IdeaStatus.Visible }],
            Actors = new() { ["p:old"] = new ActorRecord { Role = Role.Participant, Votes = new() { ["i1"] = 1 }, Ops = new() { ["v1"] = new OpRecord { Kind = OpKind.CastVote, IdeaId = "i1", MyVotes = 1, Remaining = 2, Sequence = 1 } } } },
            NextIdeaNumber = 2,
            NextOpSequence = 2,
        };
        await fixture.Storage.WriteStateAsync("workshop", grainId, new GrainState<WorkshopState>(legacy));
        await fixture.Storage.WriteStateAsync("version", grainId, new GrainState<WorkshopVersionState>(new WorkshopVersionState { Version = 9, StaffTallySeq = 4 }));

        var staff = await ev.StaffViewAsync();

        Assert.Equal(("Eski atölye", 9L, 4L, 1), (staff.Title, staff.Version, staff.TallySeq, staff.Boards[0].Ideas[0].Votes));
        var log = await fixture.Storage.ReadLogAsync(grainId);
        Assert.Equal((0L, 0), (log.SnapshotVersion, log.Entries.Count));
        Assert.NotNull(log.Snapshot);
        Assert.False(await fixture.Storage.HoldsAsync<WorkshopState>("workshop", grainId));
        Assert.False(await fixture.Storage.HoldsAsync<WorkshopVersionState>("version", grainId));

        // The converted workshop goes on: a re-sent vote is still recognised, the next change is version 10.
        Assert.Equal(new VoteReceipt("i1", 1, 2), await ev.Workshop.CastVote(new Caller(Role.Participant, ev.EventId, null, "old", null, null), "i1", "v1"));
        await ev.Workshop.StartTimer(ev.Facilitator, 60);
        Assert.Equal(10, (await ev.StaffViewAsync()).Version);
    }

    private static bool Holds(EventLogRead log, string text)
    {
        var bytes = log.Entries.Concat(log.Snapshot is { } snapshot ? [snapshot] : []).SelectMany(e => e.ToArray()).ToArray();
        return bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
