using System.Diagnostics;

namespace Workshops.Benchmarks;

/// <summary>Writes of the workshop state seen by <see cref="WriteCountingStorage"/>: how many, and how long they took.</summary>
internal sealed class WriteStats
{
    private long _writes;
    private long _ticks;

    public long Writes => Interlocked.Read(ref _writes);

    public TimeSpan TimeInWrites => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public void Record(long elapsedTicks)
    {
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _ticks, elapsedTicks);
    }

    public (long Writes, long Ticks) Read() => (Interlocked.Read(ref _writes), Interlocked.Read(ref _ticks));
}
