using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Events;

[Collection(SharedCluster.Name)]
public sealed class JoinTests(ClusterFixture fixture)
{
    private Task<EventState> StoredAsync(TestEvent ev) => fixture.Storage.ReadStoredAsync<EventState>("event", ev.Event.GetGrainId());

    [Fact]
    public async Task A_new_participant_gets_an_id_and_keeps_the_declared_name_organization_and_group()
    {
        var ev = await TestEvent.CreateAsync(fixture);

        var joined = await ev.Event.Join(null, "  Ayşe Yılmaz ", " Kadın Kooperatifi ", "Sivil toplum kuruluşu");

        Assert.False(string.IsNullOrWhiteSpace(joined.ParticipantId));
        Assert.Equal(ev.EventId, joined.EventId);
        Assert.Equal("Ayşe Yılmaz", joined.DisplayName);
        Assert.Equal("Sivil toplum kuruluşu", joined.Group);
        var record = (await StoredAsync(ev)).Participants[joined.ParticipantId];
        Assert.Equal("Ayşe Yılmaz", record.DisplayName);
        Assert.Equal("Kadın Kooperatifi", record.Organization);
        Assert.Equal("Sivil toplum kuruluşu", record.Group);
        Assert.Equal(fixture.Clock.GetUtcNow(), record.JoinedAt);
    }

    [Fact]
    public async Task Joining_again_with_the_same_participant_id_keeps_the_id_and_updates_the_person()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var first = await ev.Event.Join(null, "Ayşe", null, "Basın");

        var again = await ev.Event.Join(first.ParticipantId, "Ayşe Y.", null, "Kamu kurumu");

        Assert.Equal(first.ParticipantId, again.ParticipantId);
        Assert.Equal("Ayşe Y.", again.DisplayName);
        Assert.Equal("Kamu kurumu", again.Group);
        var stored = await StoredAsync(ev);
        Assert.Equal(first.ParticipantId, Assert.Single(stored.Participants).Key);
        Assert.Equal("Kamu kurumu", stored.Participants[first.ParticipantId].Group);
    }

    [Fact]
    public async Task Joining_with_an_unknown_participant_id_or_none_makes_a_new_person()
    {
        var ev = await TestEvent.CreateAsync(fixture);

        var a = await ev.Event.Join(null, "Ali", null, null);
        var b = await ev.Event.Join(null, "Ali", null, null);
        var c = await ev.Event.Join("p-made-up", "Veli", null, null);

        Assert.Equal(3, new[] { a.ParticipantId, b.ParticipantId, c.ParticipantId }.Distinct(StringComparer.Ordinal).Count());
        Assert.NotEqual("p-made-up", c.ParticipantId);
        Assert.Equal(3, (await StoredAsync(ev)).Participants.Count);
    }

    [Fact]
    public async Task A_group_is_matched_after_trimming_and_undeclared_stays_null()
    {
        var ev = await TestEvent.CreateAsync(fixture);

        Assert.Equal("Basın", (await ev.Event.Join(null, null, null, "  Basın ")).Group);
        Assert.Null((await ev.Event.Join(null, null, null, "  ")).Group);
        Assert.Null((await ev.Event.Join(null, null, null, null)).Group);
    }

    [Theory]
    [InlineData("Bilinmeyen grup")]
    [InlineData("basın")]
    [InlineData("KAMU KURUMU")]
    [InlineData("Kamu  kurumu")]
    public async Task A_group_outside_the_events_groups_is_invalid_and_stores_nothing(string group)
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var existing = await ev.Event.Join(null, "Ayşe", null, "Basın");
        var before = Canonical.Json(await StoredAsync(ev));
        var writes = fixture.Storage.WritesOf(ev.Event.GetGrainId());

        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, "Mehmet", null, group));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(existing.ParticipantId, "Ayşe", null, group));

        Assert.Equal(before, Canonical.Json(await StoredAsync(ev)));
        Assert.Equal(writes, fixture.Storage.WritesOf(ev.Event.GetGrainId()));
    }

    [Fact]
    public async Task An_event_without_stakeholder_groups_refuses_any_declared_group()
    {
        var ev = await TestEvent.CreateAsync(fixture, TestEvent.ProgramWith(groups: []));

        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, "Ayşe", null, "Basın"));
        Assert.Null((await ev.Event.Join(null, "Ayşe", null, null)).Group);
    }

    [Fact]
    public async Task Display_name_holds_80_letters_as_people_count_them()
    {
        var ev = await TestEvent.CreateAsync(fixture);

        Assert.Equal(new string('a', 80), (await ev.Event.Join(null, new string('a', 80), null, null)).DisplayName);

        // "ş" typed as s + combining cedilla is one letter, and is stored composed.
        var decomposed = string.Concat(Enumerable.Repeat("s\u0327", 80));
        Assert.Equal(new string('\u015F', 80), (await ev.Event.Join(null, decomposed, null, null)).DisplayName);
    }

    [Fact]
    public async Task Too_long_names_are_invalid_and_store_nothing()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        await ev.Event.Join(null, "Ayşe", null, null);
        var before = Canonical.Json(await StoredAsync(ev));

        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, new string('a', 81), null, null));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, "Ayşe", new string('o', 121), null));
        await Refusal.ExpectAsync(ErrorCodes.InvalidInput, () => ev.Event.Join(null, "Ay\u0000şe", null, null));

        Assert.Equal(before, Canonical.Json(await StoredAsync(ev)));
        Assert.Equal("Ayşe", (await ev.Event.Join(null, "Ayşe", new string('o', 120), null)).DisplayName);
    }

    [Fact]
    public async Task Joining_an_event_that_does_not_exist_is_not_found()
    {
        var grain = fixture.Client.GetGrain<IEventGrain>(TestEvent.NewId());

        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => grain.Join(null, "Ayşe", null, null));
        Assert.Equal(0, fixture.Storage.WritesOf(grain.GetGrainId()));
    }
}
