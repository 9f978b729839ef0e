using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Events;

[Collection(SharedCluster.Name)]
public sealed class EventCreationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Create_returns_a_join_code_the_keys_and_the_workshops_in_program_order()
    {
        var id = TestEvent.NewId();
        var grain = fixture.Client.GetGrain<IEventGrain>(id);

        var created = await grain.Create(TestEvent.ProgramWith(workshops: 3));

        Assert.Equal(id, created.EventId);
        Assert.Equal(new[] { "Atölye 1", "Atölye 2", "Atölye 3" }, created.Workshops.Select(w => w.Title));
        Assert.Equal(3, created.Workshops.Select(w => w.WorkshopId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(created.Workshops.Select(w => w.WorkshopId), await grain.GetWorkshopIds());
        Assert.Equal(6, created.JoinCode.Length);
        Assert.All(created.JoinCode, c => Assert.Contains(c, Secrets.JoinCodeAlphabet));

        // Keys are long random secrets, one per role seat.
        string[] keys = [created.ModeratorKey, .. created.Workshops.Select(w => w.FacilitatorKey)];
        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.True(key.Length >= 40, $"key '{key}' is too short to be unguessable"));
    }

    [Fact]
    public async Task Join_code_resolves_to_its_event_through_the_join_code_grain()
    {
        var ev = await TestEvent.CreateAsync(fixture);

        Assert.Equal(ev.EventId, await fixture.Client.GetGrain<IJoinCodeGrain>(ev.Created.JoinCode).GetEventId());

        // A code typed in lower case with a space and a dash reaches the same grain, in any culture.
        var typed = ev.Created.JoinCode[..3].ToLowerInvariant() + " -" + ev.Created.JoinCode[3..].ToLowerInvariant();
        Assert.Equal(ev.Created.JoinCode, Secrets.NormalizeJoinCode(typed));
    }

    [Fact]
    public async Task A_claimed_join_code_cannot_be_claimed_by_another_event()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var code = fixture.Client.GetGrain<IJoinCodeGrain>(ev.Created.JoinCode);

        Assert.False(await code.TryClaim(TestEvent.NewId()));
        Assert.True(await code.TryClaim(ev.EventId));
        Assert.Equal(ev.EventId, await code.GetEventId());
    }

    [Fact]
    public async Task Keys_resolve_through_credential_grains_keyed_by_their_hash()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);

        var moderator = await fixture.Client.GetGrain<ICredentialGrain>(Secrets.HashKey(ev.Created.ModeratorKey)).Get();
        Assert.Equal(new Credential(Role.Moderator, ev.EventId, null), moderator);
        foreach (var workshop in ev.Created.Workshops)
        {
            var facilitator = await fixture.Client.GetGrain<ICredentialGrain>(Secrets.HashKey(workshop.FacilitatorKey)).Get();
            Assert.Equal(new Credential(Role.Facilitator, ev.EventId, workshop.WorkshopId), facilitator);
        }

        // The key itself is not a lookup key, and an unknown key grants nothing.
        Assert.Null(await fixture.Client.GetGrain<ICredentialGrain>(ev.Created.ModeratorKey).Get());
        Assert.Null(await fixture.Client.GetGrain<ICredentialGrain>(Secrets.HashKey("mod_guessed")).Get());
    }

    [Fact]
    public async Task Stored_event_state_holds_only_hashes_of_the_keys()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 2);

        var stored = await fixture.Storage.ReadStoredAsync<EventState>("event", ev.Event.GetGrainId());

        Assert.True(stored.Initialized);
        Assert.Equal(Secrets.HashKey(ev.Created.ModeratorKey), stored.ModeratorKeyHash);
        Assert.NotEqual(ev.Created.ModeratorKey, stored.ModeratorKeyHash);
        Assert.Equal(ev.Created.Workshops.Select(w => Secrets.HashKey(w.FacilitatorKey)), stored.Workshops.Select(w => w.FacilitatorKeyHash));
        Assert.Equal(ev.Created.JoinCode, stored.JoinCode);
        var everything = Canonical.Json(stored);
        Assert.DoesNotContain(ev.Created.ModeratorKey, everything, StringComparison.Ordinal);
        Assert.All(ev.Created.Workshops, w => Assert.DoesNotContain(w.FacilitatorKey, everything, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_an_existing_event_again_is_a_conflict_and_changes_nothing()
    {
        var ev = await TestEvent.CreateAsync(fixture);
        var grainId = ev.Event.GetGrainId();
        var storedBefore = Canonical.Json(await fixture.Storage.ReadStoredAsync<EventState>("event", grainId));
        var writesBefore = fixture.Storage.WritesOf(grainId);
        var infoBefore = Canonical.Json(await ev.Event.GetPublicInfo());

        var other = TestEvent.ProgramWith(workshops: 2) with { Title = "Başka bir toplantı" };
        await Refusal.ExpectAsync(ErrorCodes.Conflict, () => ev.Event.Create(other));

        Assert.Equal(storedBefore, Canonical.Json(await fixture.Storage.ReadStoredAsync<EventState>("event", grainId)));
        Assert.Equal(writesBefore, fixture.Storage.WritesOf(grainId));
        Assert.Equal(infoBefore, Canonical.Json(await ev.Event.GetPublicInfo()));
        Assert.Equal(
            new Credential(Role.Moderator, ev.EventId, null),
            await fixture.Client.GetGrain<ICredentialGrain>(Secrets.HashKey(ev.Created.ModeratorKey)).Get());
    }

    [Fact]
    public async Task Of_two_creates_at_once_one_wins_and_the_other_is_a_conflict()
    {
        var grain = fixture.Client.GetGrain<IEventGrain>(TestEvent.NewId());

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                return (Created: await grain.Create(TestEvent.ProgramWith(workshops: 3)), Error: (string?)null);
            }
            catch (WorkshopException ex)
            {
                return (Created: (EventCreated?)null, Error: ex.Code);
            }
        }));

        var winner = Assert.Single(attempts, a => a.Created is not null).Created!;
        Assert.Equal(ErrorCodes.Conflict, Assert.Single(attempts, a => a.Created is null).Error);
        Assert.Equal(winner.Workshops.Select(w => w.WorkshopId), await grain.GetWorkshopIds());
        Assert.Equal(grain.GetPrimaryKeyString(), await fixture.Client.GetGrain<IJoinCodeGrain>(winner.JoinCode).GetEventId());
    }

    [Fact]
    public async Task Omitted_program_parts_get_the_contract_defaults()
    {
        var program = new EventProgram { Title = "Danışma", Workshops = [new WorkshopProgram { Title = "Hassas Gruplar" }] };

        var ev = await TestEvent.CreateAsync(fixture, program);

        var info = await ev.Event.GetPublicInfo();
        Assert.Equal("tr", info.Language);
        Assert.Equal(EventProgram.DefaultStakeholderGroups, info.StakeholderGroups);
        var summary = await ev.Event.GetSummary(Caller.Admin);
        Assert.Equal(new[] { "Etki", "Sürdürülebilirlik", "İş Birliği" }, summary.OutputAreas);
        Assert.Null(summary.Date);
        Assert.Null(summary.Venue);
        var snapshot = await ev.StaffViewAsync();
        Assert.Equal(WorkshopSettings.Default, snapshot.Settings);
        Assert.Equal(new WorkshopSettings { VotesPerBoard = 3, MaxVotesPerIdea = 1, AnonymousIdeas = true, LiveResults = false, MaxIdeaLength = 280 }, snapshot.Settings);
        Assert.Equal(new[] { "Etki", "Sürdürülebilirlik", "İş Birliği" }, snapshot.Boards.Select(b => b.Area));
    }

    [Fact]
    public async Task Create_keeps_the_given_program_trimmed()
    {
        var settings = new WorkshopSettings { VotesPerBoard = 5, MaxVotesPerIdea = 2, AnonymousIdeas = false, LiveResults = true, MaxIdeaLength = 140 };
        var program = new EventProgram
        {
            Title = "  National Consultation  ",
            Date = " 2021-11-25 ",
            Venue = " Ankara ",
            Language = "en",
            OutputAreas = ["Impact", "Sustainability", "Cooperation", "Innovation", "Reach"],
            StakeholderGroups = ["NGO", " Public body "],
            Settings = settings,
            Workshops = [new WorkshopProgram { Title = " Youth " }],
        };

        var ev = await TestEvent.CreateAsync(fixture, program);

        var summary = await ev.Event.GetSummary(ev.Moderator);
        Assert.Equal("National Consultation", summary.Title);
        Assert.Equal("2021-11-25", summary.Date);
        Assert.Equal("Ankara", summary.Venue);
        Assert.Equal("en", summary.Language);
        Assert.Equal(new[] { "Impact", "Sustainability", "Cooperation", "Innovation", "Reach" }, summary.OutputAreas);
        Assert.Equal(new[] { "NGO", "Public body" }, summary.StakeholderGroups);
        Assert.Equal("Youth", Assert.Single(summary.Workshops).Title);
        var snapshot = await ev.StaffViewAsync();
        Assert.Equal(settings, snapshot.Settings);
        Assert.Equal("en", snapshot.Language);
        Assert.Equal("Youth", snapshot.Title);
    }

    [Fact]
    public async Task An_event_holds_up_to_100_workshops()
    {
        var ev = await TestEvent.CreateAsync(fixture, workshops: 100);

        Assert.Equal(100, ev.Created.Workshops.Count);
        var last = await ev.WorkshopAt(99).GetSnapshot(ev.FacilitatorOf(99));
        Assert.Equal("Atölye 100", last.Title);
        Assert.Equal(WorkshopPhase.Setup, last.Phase);
    }
}
