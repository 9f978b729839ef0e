using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workshops.Contracts;

namespace Workshops.TestHost;

/// <summary>
/// A browser stand-in on the official .NET SignalR client: keeps the events it receives (as
/// raw JSON, so tests see exactly what the wire carries) and the versions and tally seqs it saw.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    public static readonly string[] EventNames =
    [
        Contracts.EventNames.IdeaAdded, Contracts.EventNames.IdeaChanged, Contracts.EventNames.IdeaRemoved,
        Contracts.EventNames.TalliesChanged, Contracts.EventNames.PhaseChanged, Contracts.EventNames.TimerChanged,
        Contracts.EventNames.OutputChanged, Contracts.EventNames.PresenceChanged, Contracts.EventNames.SettingsChanged,
        Contracts.EventNames.VersionChanged, Contracts.EventNames.EventChanged,
    ];

    /// <summary>Events about the connection itself, without workshopId and version.</summary>
    public static readonly string[] SessionEventNames = ["eventDeleted", "tokenRevoked"];

    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentQueue<(string Name, JsonElement Payload)> _sessionEvents = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubClient(string baseUrl, string token)
    {
        Token = token;
        Connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/hubs/workshop", o => o.AccessTokenProvider = () => Task.FromResult<string?>(Token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = WorkshopsApi.Json)
            .Build();
        foreach (var name in EventNames)
        {
            Connection.On<JsonElement>(name, payload =>
            {
                _events.Enqueue(new ReceivedEvent(name, payload.GetProperty("workshopId").GetString()!, Number(payload, "version"), payload.Clone(), Number(payload, "seq")));
                _arrived.Release();
            });
        }

        foreach (var name in SessionEventNames)
        {
            Connection.On<JsonElement>(name, payload => _sessionEvents.Enqueue((name, payload.Clone())));
        }

        Connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    /// <summary>The events of the version stream (all but talliesChanged), in the order received.</summary>
    public IReadOnlyList<ReceivedEvent> VersionedEvents => [.. _events.Where(e => e.Version is not null)];

    /// <summary>eventDeleted / tokenRevoked, in the order received.</summary>
    public IReadOnlyList<(string Name, JsonElement Payload)> SessionEvents => [.. _sessionEvents];

    /// <summary>Completes when the connection closes (by the server or by us).</summary>
    public Task Closed => _closed.Task;

    public string Token { get; set; }

    public IReadOnlyList<ReceivedEvent> Events => [.. _events];

    public static async Task<HubClient> ConnectAsync(string baseUrl, string token)
    {
        var client = new HubClient(baseUrl, token);
        await client.Connection.StartAsync();
        return client;
    }

    public Task<WorkshopSnapshot> JoinAsync(string workshopId) => Connection.InvokeAsync<WorkshopSnapshot>("JoinWorkshop", workshopId);

    /// <summary>Waits until an event matching <paramref name="match"/> has arrived.</summary>
    public async Task<ReceivedEvent> WaitForAsync(Func<ReceivedEvent, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _events.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("no matching event; received: " + string.Join(", ", _events.Select(e => e.Name + "@" + (e.Version ?? e.Seq))));
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    private static long? Number(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }
}

/// <summary>
/// One event as received: <see cref="Version"/> for the version stream, <see cref="Seq"/> for the
/// tally stream (talliesChanged carries seq and no version).
/// </summary>
public sealed record ReceivedEvent(string Name, string WorkshopId, long? Version, JsonElement Payload, long? Seq = null);
