using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Workshops;

[Collection(SharedCluster.Name)]
public sealed class AuditTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_audit_lists_every_staff_action_in_order_with_role_and_time()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        var expected = new List<AuditEntry>();
        async Task Step(Func<Task> action, Role role, string what, string? ideaId = null, string? detail = null)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await action();
            expected.Add(new AuditEntry { At = fixture.Clock.GetUtcNow(), Role = role, Action = what, IdeaId = ideaId, Detail = detail });
        }

        async Task Quiet(Func<Task> action)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await action();
        }

        await Step(() => ev.SetPhaseAsync(WorkshopPhase.Brainstorm), Role.Facilitator, "phase", detail: "Setup → Brainstorm");
        var staj = await ev.AddIdeaAsync(ayse, "Gençlere staj");
        var kufur = await ev.AddIdeaAsync(ayse, "Uygunsuz söz");
        var burs = await ev.AddIdeaAsync(ayse, "Burs");
        await Quiet(() => ev.Workshop.EditIdea(ayse, staj.IdeaId, "Gençlere staj imkânı"));
        await Step(() => ev.Workshop.EditIdea(ev.Facilitator, staj.IdeaId, "Gençlere ücretli staj"), Role.Facilitator, "edit", staj.IdeaId, "«Gençlere staj imkânı» → «Gençlere ücretli staj»");
        await Step(() => ev.Workshop.HideIdea(ev.Facilitator, kufur.IdeaId), Role.Facilitator, "hide", kufur.IdeaId);
        await Step(() => ev.Workshop.RestoreIdea(ev.Moderator, kufur.IdeaId), Role.Moderator, "restore", kufur.IdeaId);
        await Step(() => ev.Workshop.HideIdea(ev.Facilitator, kufur.IdeaId), Role.Facilitator, "hide", kufur.IdeaId);
        await Step(() => ev.Workshop.SetPhase(ev.Moderator, "Voting"), Role.Moderator, "phase", detail: "Brainstorm → Voting");
        await Quiet(() => ev.VoteAsync(ayse, burs.IdeaId));
        await Step(() => ev.Workshop.MergeIdeas(ev.Facilitator, staj.IdeaId, [burs.IdeaId]), Role.Facilitator, "merge", staj.IdeaId, burs.IdeaId);
        await Step(() => ev.SetPhaseAsync(WorkshopPhase.Results), Role.Facilitator, "phase", detail: "Voting → Results");
        await Step(() => ev.Workshop.SetOutput(ev.Facilitator, "b1", new OutputInput { Text = "Ücretli staj", SourceIdeaIds = [staj.IdeaId] }), Role.Facilitator, "output", staj.IdeaId, "b1: Ücretli staj");
        await Step(() => ev.Workshop.ClearOutput(ev.Facilitator, "b1"), Role.Facilitator, "output-clear", detail: "b1");
        await Step(() => ev.SetPhaseAsync(WorkshopPhase.Closed), Role.Facilitator, "phase", detail: "Results → Closed");
        await Step(() => ev.Workshop.SetPhase(Caller.Admin, "Results"), Role.Admin, "phase", detail: "Closed → Results");

        var audit = (await ev.Workshop.GetExport(ev.Moderator)).Audit;

        Assert.Equal(expected.Select(Canonical.Json), audit.Select(Canonical.Json));
    }

    [Fact]
    public async Task Refusals_and_participant_actions_leave_no_audit_entry()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var ayse = await ev.JoinAsync("Ayşe");
        await ev.SetPhaseAsync(WorkshopPhase.Brainstorm);
        var idea = await ev.AddIdeaAsync(ayse, "Fikir");
        await ev.Workshop.EditIdea(ayse, idea.IdeaId, "Fikrim");
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Workshop.SetPhase(ev.Facilitator, "voting"));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => ev.Workshop.HideIdea(ayse, idea.IdeaId));

        var audit = (await ev.Workshop.GetExport(ev.Moderator)).Audit;

        Assert.Equal("phase", Assert.Single(audit).Action);
    }

    [Fact]
    public async Task Every_staff_edit_is_audited_even_of_a_staff_idea()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var idea = await ev.AddIdeaAsync(ev.Facilitator, "Taslak");

        await ev.Workshop.EditIdea(ev.Facilitator, idea.IdeaId, "Son metin");
        await ev.Workshop.DeleteIdea(ev.Facilitator, idea.IdeaId);

        var audit = (await ev.Workshop.GetExport(ev.Moderator)).Audit;
        Assert.Equal(new[] { "add", "edit", "delete" }, audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((Role.Facilitator, idea.IdeaId), (a.Role, a.IdeaId)));
    }
}
