using System.Text.Json;
using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Events;

/// <summary>The event's export counts people, not workshop attendances (the closing deck's total).</summary>
[Collection(SharedCluster.Name)]
public sealed class EventExportTests(ClusterFixture fixture)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_person_in_two_workshops_counts_once_in_the_events_participants()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);
        var first = ev.WorkshopAt(0);
        var second = ev.WorkshopAt(1);
        await first.SetPhase(ev.FacilitatorOf(0), "Brainstorm");
        await second.SetPhase(ev.FacilitatorOf(1), "Brainstorm");
        var both = await ev.JoinAsync("Ayşe");
        var onlyFirst = await ev.JoinAsync("Mehmet");
        var onlySecond = await ev.JoinAsync("Zeynep");
        await ev.JoinAsync("Hiç katılmayan");

        await first.AddIdea(both, new IdeaInput { BoardId = "b1", Text = "Birinci atölyede" });
        await second.AddIdea(both, new IdeaInput { BoardId = "b1", Text = "İkinci atölyede" });
        await first.AddIdea(onlyFirst, new IdeaInput { BoardId = "b1", Text = "Yalnız birinci" });
        await second.AddIdea(onlySecond, new IdeaInput { BoardId = "b1", Text = "Yalnız ikinci" });

        var export = await ev.Event.GetExport(ev.Moderator);

        Assert.Equal([2, 2], export.Workshops.Select(w => w.Participants));
        Assert.Equal(3, export.Participants);
        // The ids only travel between grains: the file has the count and no id.
        var json = JsonSerializer.Serialize(export, Web);
        Assert.Contains("\"participants\":3,\"workshops\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain(both.ParticipantId!, json, StringComparison.Ordinal);
        Assert.DoesNotContain("participantIds", json, StringComparison.OrdinalIgnoreCase);
    }
}
