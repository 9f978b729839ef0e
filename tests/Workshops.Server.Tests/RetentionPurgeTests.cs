using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Server.Tests;

/// <summary>
/// The automatic purge (contract section 11): <c>retentionDays</c> after every workshop closed, on
/// an Orleans reminder kept in the SQLite file. The retention clock is fake (days pass at once);
/// the reminder ticks every second of real time and only wakes the event, which decides by that clock.
/// </summary>
public sealed class RetentionPurgeTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private static ServerOptions Options(string dataPath, FakeTimeProvider clock, string? clusterId = null) => new()
    {
        DataPath = dataPath,
        PrivacyClock = clock,
        ClusterId = clusterId ?? "test-" + Guid.NewGuid().ToString("N")[..8],
        Extra = new Dictionary<string, string?> { ["Workshops:Privacy:RetentionCheckPeriod"] = "00:00:01" },
    };

    [Fact]
    public async Task Retention_purge_runs_once_retentionDays_after_every_workshop_closed_and_not_before()
    {
        using var data = new TempDirectory("workshops-retention");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ServerHost.StartAsync(Options(data.Path, clock));
        var scene = await PersonalDataScene.CreateAsync(server, retentionDays: 1);
        var grain = Grain(server, scene.EventId);
        await CloseEveryWorkshopAsync(scene);
        var closedAt = clock.GetUtcNow();

        var seen = await PollAsync(grain, s => s.AllClosedAt is not null);
        Assert.Equal(closedAt, seen.AllClosedAt);
        Assert.Equal(closedAt.AddDays(1), seen.PurgeDueAt);

        // A minute before the day is over: ticks come and go, nothing is purged.
        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        await Task.Delay(Tick * 4);
        var early = await grain.GetPersonalDataStatus(Caller.Admin);
        Assert.Equal((null, 0), (early.RetentionPurgedAt, early.Purges.Count));
        var kept = await ExportText(server, scene.EventId);
        Assert.All(scene.People, p => Assert.Contains(p.Marker, kept, StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromMinutes(2));
        var purgedAt = clock.GetUtcNow();
        var done = await PollAsync(grain, s => s.RetentionPurgedAt is not null);
        Assert.Equal(purgedAt, done.RetentionPurgedAt);
        var purge = Assert.Single(done.Purges);
        Assert.Equal(new PersonalDataPurge(purgedAt, null, 2, true), purge);
        var export = await ExportText(server, scene.EventId);
        Assert.All(scene.People, p => Assert.DoesNotContain(p.Marker, export, StringComparison.Ordinal));

        // The export's audit records it: no role (the server did it), the time and the count.
        var entry = Assert.Single(JsonDocument.Parse(export).RootElement.GetProperty("audit").EnumerateArray());
        Assert.Equal((JsonValueKind.Null, AuditNames.RetentionPurge, "2", purgedAt), (
            entry.GetProperty("role").ValueKind, entry.GetProperty("action").GetString(), entry.GetProperty("detail").GetString(), entry.GetProperty("at").GetDateTimeOffset()));

        // Once: more ticks and more days change nothing, and the reminder is gone from the table.
        clock.Advance(TimeSpan.FromDays(3));
        await Task.Delay(Tick * 4);
        Assert.Single((await grain.GetPersonalDataStatus(Caller.Admin)).Purges);
        Assert.Equal(0L, CountReminders(data.Path));
    }

    [Fact]
    public async Task Retention_purge_registered_before_a_restart_runs_on_the_new_silo_of_the_same_data_folder()
    {
        using var data = new TempDirectory("workshops-retention-restart");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options(data.Path, clock);
        string eventId;
        PersonalDataScene.Person[] people;
        DateTimeOffset closedAt;
        await using (var first = await ServerHost.StartAsync(options))
        {
            var scene = await PersonalDataScene.CreateAsync(first, retentionDays: 2);
            eventId = scene.EventId;
            people = [.. scene.People];
            await CloseEveryWorkshopAsync(scene);
            closedAt = clock.GetUtcNow();
            Assert.Equal(closedAt, (await PollAsync(Grain(first, eventId), s => s.AllClosedAt is not null)).AllClosedAt);
            Assert.Equal(1L, CountReminders(data.Path));
        }

        // The next server starts three days later on the same folder; nobody calls the event.
        var later = new FakeTimeProvider(closedAt.AddDays(3));
        await using var second = await ServerHost.StartAsync(options with { PrivacyClock = later, SiloPort = FreePort.Get(), GatewayPort = FreePort.Get() });
        var grain = Grain(second, eventId);
        var done = await PollAsync(grain, s => s.RetentionPurgedAt is not null);
        Assert.Equal(new PersonalDataPurge(later.GetUtcNow(), null, 2, true), Assert.Single(done.Purges));
        Assert.Equal(closedAt, done.AllClosedAt);
        var export = await ExportText(second, eventId);
        Assert.All(people, p => Assert.DoesNotContain(p.Marker, export, StringComparison.Ordinal));
        await Task.Delay(Tick * 3);
        Assert.Single((await grain.GetPersonalDataStatus(Caller.Admin)).Purges);
        Assert.Equal(0L, CountReminders(data.Path));
    }

    private static IEventGrain Grain(ServerHost server, string eventId) =>
        server.Services.GetRequiredService<IGrainFactory>().GetGrain<IEventGrain>(eventId);

    private static async Task CloseEveryWorkshopAsync(PersonalDataScene scene)
    {
        foreach (var workshop in scene.Created.Workshops)
        {
            await scene.SetPhaseAsync("Closed", workshop.WorkshopId, scene.AdminToken);
        }
    }

    /// <summary>The event's export as the grain gives it (read in-process: no token needed).</summary>
    private static async Task<string> ExportText(ServerHost server, string eventId) =>
        JsonSerializer.Serialize(await Grain(server, eventId).GetExport(Caller.Admin), WorkshopsApi.Json);

    private static async Task<PersonalDataStatus> PollAsync(IEventGrain grain, Func<PersonalDataStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var status = await grain.GetPersonalDataStatus(Caller.Admin);
            if (done(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, "the retention reminder did not act within 30 s: " + JsonSerializer.Serialize(status, WorkshopsApi.Json));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static long CountReminders(string dataPath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "workshops.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM reminders;";
        return (long)command.ExecuteScalar()!;
    }
}
