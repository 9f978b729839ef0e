using System.Collections.Concurrent;
using Workshops.Contracts;

namespace Workshops.Server.Auth;

/// <summary>
/// Each event's <see cref="EventAccess"/>, read from its grain at most every
/// <see cref="MaxAge"/> per server, one read at a time per event; a stale answer is used while
/// the next read is under way. Hand-written rather than
/// IMemoryCache because callers must share one in-flight read (a hall's worth of hub calls
/// arrives at once) and must keep the last known answer when the cluster is briefly away.
/// </summary>
public sealed partial class EventAccessCache(IGrainFactory grains, TimeProvider clock, ILogger<EventAccessCache> logger)
{
    /// <summary>
    /// How old an answer may be before it is read again. The read runs in the background, so a
    /// revocation reaches a server's checks within MaxAge plus a read, and its open connections
    /// within that plus two sweeps (~3 s).
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ValueTask<EventAccess> GetAsync(string eventId)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(eventId, out var entry))
        {
            if (entry.Value is { } known)
            {
                // Stale: read again in the background and answer with what is known meanwhile. A
                // check that never waits keeps a connection's calls in the order they were sent
                // (up to HubCallsInParallel are served at once, and one that waited here would be
                // overtaken by the next).
                if (now - entry.ReadAt >= MaxAge && entry.Refresh.IsCompleted)
                {
                    _ = RefreshInBackgroundAsync(eventId, entry, now);
                }

                return ValueTask.FromResult(known);
            }

            if (!entry.Refresh.IsCompleted)
            {
                return new ValueTask<EventAccess>(entry.Refresh);
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

    private async Task RefreshInBackgroundAsync(string eventId, Entry previous, DateTimeOffset now)
    {
        try
        {
            await Refresh(eventId, previous, now);
        }
#pragma warning disable CA1031 // nobody awaits this read: its failure is logged, and the entry is gone so the next check reads again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBackgroundReadFailed(logger, ex, eventId);
        }
    }

    private async Task<EventAccess> ReadAsync(string eventId, EventAccess? known)
    {
        try
        {
            var value = await grains.GetGrain<IEventGrain>(eventId).GetAccess();
            _entries[eventId] = new Entry(value, clock.GetUtcNow(), Task.FromResult(value));
            if (!value.Exists)
            {
                // Deleted events stay refused without a grain read every second forever.
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

    [LoggerMessage(2, LogLevel.Warning, "Reading the access of event {EventId} in the background failed; the next check reads again")]
    private static partial void LogBackgroundReadFailed(ILogger logger, Exception error, string eventId);
}
