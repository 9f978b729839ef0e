using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// Puts each workshop's notices back in order before they reach the browsers (by
/// <see cref="WorkshopNotice.Version"/>, the notice's place: version plus staff tally seq). Orleans
/// does not promise that two calls a grain makes one after the other arrive in that order (they
/// are dispatched on different threads), and a browser that sees version 19 before 18 must drop
/// its state and join again. A notice that arrives early waits, at most <see cref="HoldFor"/>,
/// for the ones before it; when they never come (this server was not subscribed then), the
/// waiting ones go out and the browsers resync on the gap, as the contract says. A version
/// lower than expected that was not given up means the grain went back to an older stored state
/// (it was reloaded and versions are used again): it starts the order afresh, and the browsers,
/// seeing a version they did not expect, resync. The first notices of a workshop on this server
/// wait <see cref="FirstHold"/> too: nothing tells which version comes first, and the one that
/// arrived first may not be it.
/// </summary>
internal sealed class NoticeOrder(TimeSpan? holdFor = null, TimeSpan? firstHold = null)
{
    public static readonly TimeSpan DefaultHoldFor = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan DefaultFirstHold = TimeSpan.FromMilliseconds(200);

    // Versions skipped per workshop remembered, to tell a straggler from a grain gone back in time.
    private const int MaxGivenUp = 256;

    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);

    /// <summary>How long an early notice waits for the ones before it.</summary>
    public TimeSpan HoldFor { get; } = holdFor ?? DefaultHoldFor;

    /// <summary>How long the first notices of a workshop wait for an earlier one.</summary>
    public TimeSpan FirstHold { get; } = firstHold ?? DefaultFirstHold;

    /// <summary>The notices of <paramref name="reader"/>, one by one, each workshop's in version order.</summary>
    public async IAsyncEnumerable<WorkshopNotice> ReadAsync(
        ChannelReader<IReadOnlyList<WorkshopNotice>> reader,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ready = new List<WorkshopNotice>();
        while (true)
        {
            while (reader.TryRead(out var notices))
            {
                foreach (var notice in notices)
                {
                    Accept(notice, ready);
                }
            }

            Expire(ready);
            foreach (var notice in ready)
            {
                yield return notice;
            }

            ready.Clear();
            if (!await WaitAsync(reader, NextWait(), cancellationToken))
            {
                yield break;
            }
        }
    }

    internal void Accept(WorkshopNotice notice, List<WorkshopNotice> ready)
    {
        if (!_streams.TryGetValue(notice.WorkshopId, out var stream))
        {
            _streams[notice.WorkshopId] = stream = new Stream { Settling = true };
        }

        if (stream.Settling)
        {
            stream.Early[notice.Version] = notice;
            stream.WaitingSince ??= Stopwatch.GetTimestamp();
            return;
        }

        if (notice.Version < stream.Next)
        {
            if (stream.GivenUp.Remove(notice.Version))
            {
                // Its place was given up; the browsers have resynced past it.
                return;
            }

            stream.Early.Clear();
            stream.GivenUp.Clear();
            stream.WaitingSince = null;
            stream.Next = notice.Version;
        }

        if (notice.Version > stream.Next)
        {
            stream.Early[notice.Version] = notice;
            stream.WaitingSince ??= Stopwatch.GetTimestamp();
            return;
        }

        ready.Add(notice);
        stream.Next++;
        Drain(stream, ready);
    }

    internal void Expire(List<WorkshopNotice> ready)
    {
        foreach (var stream in _streams.Values)
        {
            if (stream.WaitingSince is { } since && Stopwatch.GetElapsedTime(since) >= Hold(stream))
            {
                var resume = stream.Early.Keys.First();
                if (!stream.Settling)
                {
                    stream.GivenUp.RemoveWhere(v => v < stream.Next - MaxGivenUp);
                    for (var skipped = stream.Next; skipped < resume && stream.GivenUp.Count < MaxGivenUp; skipped++)
                    {
                        stream.GivenUp.Add(skipped);
                    }
                }

                stream.Settling = false;
                stream.Next = resume;
                Drain(stream, ready);
            }
        }
    }

    private TimeSpan Hold(Stream stream) => stream.Settling ? FirstHold : HoldFor;

    private static void Drain(Stream stream, List<WorkshopNotice> ready)
    {
        while (stream.Early.Remove(stream.Next, out var next))
        {
            ready.Add(next);
            stream.Next++;
        }

        // A further hole starts its own wait.
        stream.WaitingSince = stream.Early.Count == 0 ? null : Stopwatch.GetTimestamp();
    }

    private TimeSpan? NextWait()
    {
        TimeSpan? wait = null;
        foreach (var stream in _streams.Values)
        {
            if (stream.WaitingSince is { } since)
            {
                var left = Hold(stream) - Stopwatch.GetElapsedTime(since);
                left = left < TimeSpan.Zero ? TimeSpan.Zero : left;
                wait = wait is null || left < wait ? left : wait;
            }
        }

        return wait;
    }

    /// <summary>Waits for more notices or the next expiry; false once the channel is complete.</summary>
    private static async Task<bool> WaitAsync(ChannelReader<IReadOnlyList<WorkshopNotice>> reader, TimeSpan? wait, CancellationToken cancellationToken)
    {
        if (wait is null)
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait.Value);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    private sealed class Stream
    {
        public long Next { get; set; }

        public SortedDictionary<long, WorkshopNotice> Early { get; } = [];

        public HashSet<long> GivenUp { get; } = [];

        public long? WaitingSince { get; set; }

        /// <summary>No notice delivered yet: the first ones are collected before any goes out.</summary>
        public bool Settling { get; set; }
    }
}
