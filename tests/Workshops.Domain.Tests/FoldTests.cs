using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;
using Workshops.Domain.State;

namespace Workshops.Domain.Tests;

public sealed class FoldTests
{
    [Fact]
    public void The_state_is_the_fold_of_the_events_the_commands_returned()
    {
        var scene = Scene.Create(WorkshopSettings.Default with { VotesPerBoard = 2, AnonymousIdeas = false }, WorkshopPhase.Brainstorm, "İstihdam", "Eğitim");
        var ayse = Scene.Participant("p1", "öğrenci");
        var idea = scene.AddIdea(ayse, "Staj programı", clientOpId: "op-1");
        var other = scene.AddIdea(scene.Facilitator, "Burs", "b2");
        scene.Decide((m, s, now) => IdeaCommands.Edit(m, s, scene.Facilitator, idea.IdeaId, "Ücretli staj programı", now));
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Vote(ayse, idea.IdeaId, "v1");
        scene.Vote(ayse, other.IdeaId, "v2");
        scene.Decide((m, s, now) => VoteCommands.Retract(m, s, ayse, other.IdeaId, "v3", now));
        scene.Decide((m, s, now) => SteeringCommands.SetOutput(m, s, scene.Facilitator, "b1", new OutputInput { Text = "Staj", SourceIdeaIds = [idea.IdeaId] }, now));
        var tallies = scene.Model.AnnounceTallies(scene.State, scene.Now);
        Assert.NotNull(tallies);
        scene.Log.AddRange(tallies.Events);

        var replayed = WorkshopFold.Replay(scene.Log);

        Assert.Equal(Enumerable.Range(1, scene.Log.Count).Select(i => (long)i), scene.Log.Select(e => e.Position));
        Assert.Equal(Scene.Json(scene.State), Scene.Json(replayed));
    }

    [Fact]
    public void An_event_already_folded_in_is_ignored_and_one_out_of_order_is_refused()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        scene.AddIdea(scene.Facilitator, "Fikir");
        var before = scene.Json();

        foreach (var e in scene.Log)
        {
            WorkshopFold.Apply(scene.State, e);
        }

        Assert.Equal(before, scene.Json());
        var gap = new PhaseSet { Position = scene.State.Position + 2, Phase = WorkshopPhase.Voting };
        Assert.Throws<InvalidOperationException>(() => WorkshopFold.Apply(scene.State, gap));
        Assert.Equal(before, scene.Json());
    }

    [Fact]
    public void Initialize_raises_one_event_takes_no_version_and_a_second_time_nothing()
    {
        var scene = Scene.Create();
        var created = Assert.IsType<WorkshopInitialized>(Assert.Single(scene.Log));
        Assert.Equal(1, created.Position);
        Assert.Equal(Scene.EventId, created.EventId);
        Assert.Equal(new[] { "İstihdam" }, created.Areas);
        Assert.Equal(0, scene.State.Version);
        Assert.True(scene.State.Initialized);

        var again = scene.Decide((m, s, now) => ProgramCommands.Initialize(m, s, new WorkshopDefinition(Scene.EventId, "Başka", ["X"], WorkshopSettings.Default, "en"), now));
        Assert.Empty(again.Events);
        Assert.Equal("Gençlik", scene.State.Title);
    }

    [Fact]
    public void Initialize_for_another_event_is_a_conflict_and_changes_nothing()
    {
        var scene = Scene.Create();
        scene.Refused(ErrorCodes.Conflict, (m, s, now) => ProgramCommands.Initialize(m, s, new WorkshopDefinition("e2", "Başka", ["X"], WorkshopSettings.Default, "tr"), now));
    }

    [Fact]
    public void Staff_events_fold_into_the_audit_trail_and_participant_ones_do_not()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var mine = scene.AddIdea(Scene.Participant("p1"), "Katılımcı fikri");
        var staff = scene.AddIdea(scene.Facilitator, "Kolaylaştırıcı fikri");
        scene.Decide((m, s, now) => IdeaCommands.Edit(m, s, Scene.Participant("p1"), mine.IdeaId, "Katılımcı fikri 2", now));
        scene.Decide((m, s, now) => IdeaCommands.SetVisibility(m, s, scene.Moderator, staff.IdeaId, IdeaStatus.Hidden, now));
        scene.Decide((m, s, now) => SteeringCommands.SetTimer(m, s, scene.Facilitator, 90, now));

        Assert.Equal(
            new (Role, string, string?, string?)[]
            {
                (Role.Facilitator, "phase", null, "Setup → Brainstorm"),
                (Role.Facilitator, "add", staff.IdeaId, "Kolaylaştırıcı fikri"),
                (Role.Moderator, "hide", staff.IdeaId, null),
                (Role.Facilitator, "timer-start", null, "90s"),
            },
            scene.State.Audit.Select(a => (a.Role, a.Action, a.IdeaId, a.Detail)));
        Assert.All(scene.State.Audit, a => Assert.Equal(scene.Now, a.At));
    }
}
