using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;

namespace Workshops.Domain.Tests;

public sealed class SteeringCommandTests
{
    [Fact]
    public void A_phase_change_takes_a_version_and_the_same_phase_again_raises_nothing()
    {
        var scene = Scene.Create();
        var decision = scene.Decide((m, s, now) => SteeringCommands.SetPhase(m, s, scene.Facilitator, "Brainstorm", now));

        Assert.Equal(WorkshopPhase.Brainstorm, Assert.IsType<PhaseSet>(Assert.Single(decision.Events)).Phase);
        Assert.Equal(1, scene.State.Version);
        var notice = Assert.Single(decision.Notices);
        Assert.Equal(new PhaseChangedEvent(Scene.WorkshopId, 1, WorkshopPhase.Brainstorm), notice.Deliveries[0].Payload);
        Assert.Empty(scene.Decide((m, s, now) => SteeringCommands.SetPhase(m, s, scene.Facilitator, "Brainstorm", now)).Events);
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => SteeringCommands.SetPhase(m, s, scene.Facilitator, "brainstorm", now));
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => SteeringCommands.SetPhase(m, s, Scene.Participant("p1"), "Voting", now));
    }

    [Fact]
    public void Only_a_moderator_reopens_a_closed_workshop()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Closed);
        scene.Refused(ErrorCodes.Forbidden, (m, s, now) => SteeringCommands.SetPhase(m, s, scene.Facilitator, "Voting", now));
        scene.Decide((m, s, now) => SteeringCommands.SetPhase(m, s, scene.Moderator, "Voting", now));
        Assert.Equal(WorkshopPhase.Voting, scene.State.Phase);
    }

    [Fact]
    public void A_timer_ends_its_seconds_after_the_event_and_stopping_no_timer_raises_nothing()
    {
        var scene = Scene.Create();
        Assert.Empty(scene.Decide((m, s, now) => SteeringCommands.SetTimer(m, s, scene.Facilitator, null, now)).Events);

        var started = scene.Decide((m, s, now) => SteeringCommands.SetTimer(m, s, scene.Facilitator, 600, now));

        Assert.Equal(600, Assert.IsType<TimerSet>(Assert.Single(started.Events)).Seconds);
        Assert.Equal(scene.Now.AddSeconds(600), scene.State.TimerEndsAt);
        scene.Decide((m, s, now) => SteeringCommands.SetTimer(m, s, scene.Facilitator, null, now));
        Assert.Null(scene.State.TimerEndsAt);
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => SteeringCommands.SetTimer(m, s, scene.Facilitator, 0, now));
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => SteeringCommands.SetTimer(m, s, scene.Facilitator, WorkshopBudget.MaxTimerSeconds + 1, now));
    }

    [Fact]
    public void Settings_do_not_change_while_voting_and_invalid_ones_are_refused()
    {
        var scene = Scene.Create();
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => SteeringCommands.UpdateSettings(m, s, scene.Facilitator, WorkshopSettings.Default with { MaxVotesPerIdea = 9 }, now));
        var changed = scene.Decide((m, s, now) => SteeringCommands.UpdateSettings(m, s, scene.Facilitator, WorkshopSettings.Default with { VotesPerBoard = 5 }, now));
        Assert.Equal(5, Assert.IsType<SettingsSet>(Assert.Single(changed.Events)).Settings.VotesPerBoard);
        Assert.Equal(5, scene.State.Settings.VotesPerBoard);
        scene.SetPhase(WorkshopPhase.Voting);
        scene.Refused(ErrorCodes.WrongPhase, (m, s, now) => SteeringCommands.UpdateSettings(m, s, scene.Facilitator, WorkshopSettings.Default, now));
    }

    [Fact]
    public void A_chosen_output_replaces_the_top_voted_one_and_clearing_it_gives_that_back()
    {
        var scene = Scene.Create(phase: WorkshopPhase.Brainstorm);
        var idea = scene.AddIdea(scene.Facilitator, "Staj");
        var version = scene.State.Version;

        var set = scene.Decide((m, s, now) => SteeringCommands.SetOutput(m, s, scene.Facilitator, "b1", new OutputInput { Text = "Staj programı kurulsun", SourceIdeaIds = [idea.IdeaId] }, now));

        Assert.IsType<OutputSet>(set.Events[0]);
        Assert.Equal(new[] { "b1" }, Assert.IsType<OutputsAnnounced>(set.Events[1]).BoardIds);
        Assert.Equal((OutputSource.Facilitator, "Staj programı kurulsun"), (set.Result.Source, set.Result.Text));
        Assert.Equal(version + 1, scene.State.Version);
        Assert.Equal(("output", idea.IdeaId, "b1: Staj programı kurulsun"), (scene.State.Audit[^1].Action, scene.State.Audit[^1].IdeaId, scene.State.Audit[^1].Detail));

        var cleared = scene.Decide((m, s, now) => SteeringCommands.ClearOutput(m, s, scene.Facilitator, "b1", now));
        Assert.Equal((OutputSource.TopVoted, "Staj"), (cleared.Result.Source, cleared.Result.Text));
        Assert.Empty(scene.State.Outputs);
        Assert.Empty(scene.Decide((m, s, now) => SteeringCommands.ClearOutput(m, s, scene.Facilitator, "b1", now)).Events);
        scene.Refused(ErrorCodes.InvalidInput, (m, s, now) => SteeringCommands.SetOutput(m, s, scene.Facilitator, "b1", new OutputInput { Text = "İki kez", SourceIdeaIds = [idea.IdeaId, idea.IdeaId] }, now));
        scene.Refused(ErrorCodes.NotFound, (m, s, now) => SteeringCommands.SetOutput(m, s, scene.Facilitator, "b7", new OutputInput { Text = "Yok" }, now));
    }

    [Fact]
    public void Configuring_the_program_takes_a_version_and_areas_change_only_while_untouched()
    {
        var scene = Scene.Create();
        var decision = scene.Decide((m, s, now) => ProgramCommands.Configure(m, s, new WorkshopConfiguration("Yeni", ["A", "B"], "en", null), now));

        Assert.Equal(new[] { "A", "B" }, Assert.IsType<WorkshopConfigured>(decision.Events[0]).Areas);
        Assert.Equal(("Yeni", "en", 2), (scene.State.Title, scene.State.Language, scene.State.Areas.Count));
        Assert.Equal("Gençlik", decision.Result.Title);
        Assert.Equal(EventNames.EventChanged, decision.Notices[0].Deliveries[0].Method);
        scene.SetPhase(WorkshopPhase.Brainstorm);
        scene.AddIdea(scene.Facilitator, "Fikir");
        scene.Refused(ErrorCodes.WrongPhase, (m, s, now) => ProgramCommands.Configure(m, s, new WorkshopConfiguration("Yeni", ["A"], "en", null), now));
    }

    [Fact]
    public void Presence_takes_a_version_only_when_the_count_changes()
    {
        var scene = Scene.Create();
        var counted = scene.Model.CountPresence(scene.State, 3, scene.Now);
        Assert.NotNull(counted);
        Assert.Equal(3, Assert.IsType<PresenceCounted>(Assert.Single(counted.Events)).Participants);
        Assert.Equal(1, scene.State.Version);
        Assert.Equal(3, scene.Model.Presence);
        Assert.Null(scene.Model.CountPresence(scene.State, 3, scene.Now));
    }
}
