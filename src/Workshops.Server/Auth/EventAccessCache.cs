using System.Collections.Concurrent;
using Workshops.Contracts;

namespace Workshops.Server.Auth;

/// <summary>
/// Each event's <see cref="EventAccess"/>, read from its grain at most every
/// <see cref="MaxAge"/> per server, one read at a time per event. Hand-written rather than
/// IMemoryCache because callers must share one in-flight read (a hall's worth of hub calls
/// arrives at once) and must keep the last known answer when the cluster is briefly away.
/// </summary>
public sealed partial class EventAccessCache(IGrainFactory grains, TimeProvider clock, ILogger<EventAccessCache> logger)
{
    /// <summary>How stale a revocation may be on a server; with the sweep interval it stays well under 5 s.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ValueTask<EventAccess> GetAsync(string eventId)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(eventId, out var entry))
        {
            if (now - entry.ReadAt < MaxAge && entry.Value is { } fresh)
            {
                return ValueTask.FromResult(fresh);
            }

            if (!entry.Refresh.IsCompleted)
            {
                return entry.Value is { } known ? ValueTask.FromResult(known) : new ValueTask<EventAccess>(entry.Refresh);
            }
        }

        return new ValueTask<EventAccess>(Refresh(eventId, entry, now));
    }

    /// <summary>Forgets what this server knows of the event: the next check reads the grain.</summary>
    public void Invalidate(string eventId) => _entries.TryRemove(eventId, out _);

    private Task<EventAccess> Refresh(string eventId, Entry? previous, DateTimeOffset now)
    {
        var read = ReadAsync(eventId, previous?.Value);
        var next = new Entry(previous?.Value, now, read);
        _entries[eventId] = next;
        return read;
    }

    private async Task<EventAccess> ReadAsync(string eventId, EventAccess? known)
    {
        try
        {
            var value = await grains.GetGrain<IEventGrain>(eventId).GetAccess();
            _entries[eventId] = new Entry(value, clock.GetUtcNow(), Task.FromResult(value));
            if (!value.Exists)
            {
                // Deleted events stay refused without a grain read every two seconds forever.
                TrimGone();
            }

            return value;
        }
        catch (Exception ex) when (known is not null && (Hosting.TransientFailure.Is(ex) || ex is WorkshopException { Code: ErrorCodes.Unavailable }))
        {
            // The last known answer stands while the cluster does not answer.
            LogReadFailed(logger, ex, eventId);
            return known;
        }
        catch
        {
            _entries.TryRemove(eventId, out _);
            throw;
        }
    }

    private void TrimGone()
    {
        if (_entries.Count < 10_000)
        {
            return;
        }

        foreach (var (id, entry) in _entries)
        {
            if (entry.Value is { Exists: false })
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    private sealed record Entry(EventAccess? Value, DateTimeOffset ReadAt, Task<EventAccess> Refresh);

    [LoggerMessage(1, LogLevel.Warning, "Reading the access of event {EventId} failed; keeping the last known")]
    private static partial void LogReadFailed(ILogger logger, Exception error, string eventId);
}
